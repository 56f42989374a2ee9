"""The outbox: one `nudges` row per schedule and local slot, claimed before sending.

- Enqueue (`enqueue.py`): due schedules become rows, one per slot whoever inserts it.
- Claim: one conditional UPDATE … RETURNING (pending, or claimed with an expired
  lease → claimed by me); on PostgreSQL the candidates are picked
  ``FOR UPDATE SKIP LOCKED`` so instances do not queue behind each other.
- Misfire: a slot is sent only within the grace period after the moment it was
  meant for; older ones become "missed". Only the latest slot of a schedule can
  be pending, so a long downtime never ends in a burst.
- Sending: for a transport without idempotency keys, the row becomes "sending"
  before the call; one whose outcome never gets recorded becomes "unconfirmed"
  when its lease ends, and is not sent again (see README, "Delivery semantics").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges import status
from bot.storage import upsert
from bot.storage.models import Nudge, ReminderSchedule
from bot.storage.types import rowcount


@dataclass(frozen=True, slots=True)
class Claimed:
    """A row this instance now owns until `claimed_until`."""

    id: int
    schedule_id: int
    slot_local: str
    due_at: datetime
    schedule_version: int
    transport: str
    chat_id: str
    attempts: int


def _effective() -> Any:
    """The moment a row is meant to go out: a retry or snooze time, else the slot."""
    return func.coalesce(Nudge.next_attempt_at, Nudge.due_at)


async def expire_stale(
    session: AsyncSession, now: datetime, grace: timedelta, max_attempts: int
) -> int:
    """Rows past their grace period become missed; dead claims past the attempt cap, failed."""
    late = await session.execute(
        update(Nudge)
        .where(
            or_(
                Nudge.status == status.PENDING,
                and_(Nudge.status == status.CLAIMED, Nudge.claimed_until < now),
            ),
            _effective() < now - grace,
        )
        .values(status=status.MISSED, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    dead = await session.execute(
        update(Nudge)
        .where(
            Nudge.status == status.CLAIMED,
            Nudge.claimed_until < now,
            Nudge.attempts >= max_attempts,
        )
        .values(status=status.FAILED, error="trop de tentatives interrompues")
        .execution_options(synchronize_session=False)
    )
    # claimed_by is kept: the sender, if alive, may still record what it knows.
    unknown = await session.execute(
        update(Nudge)
        .where(Nudge.status == status.SENDING, Nudge.claimed_until < now)
        .values(
            status=status.UNCONFIRMED,
            claimed_until=None,
            error="envoi interrompu : peut-être reçu, jamais renvoyé",
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(late) + rowcount(dead) + rowcount(unknown)


async def claim(
    session: AsyncSession,
    instance: str,
    now: datetime,
    limit: int,
    transports: Sequence[str],
    lease: timedelta,
) -> list[Claimed]:
    """Atomically take up to `limit` due rows for the transports this instance can send to."""
    if not transports or limit <= 0:
        return []
    claimable = or_(
        Nudge.status == status.PENDING,
        and_(Nudge.status == status.CLAIMED, Nudge.claimed_until < now),
    )
    candidates = (
        select(Nudge.id)
        .where(claimable, _effective() <= now, Nudge.transport.in_(list(transports)))
        .order_by(_effective(), Nudge.id)
        .limit(limit)
    )
    if upsert.dialect(session) == "postgresql":
        # Materialised once: a plain IN (subquery … SKIP LOCKED LIMIT n) may be re-run
        # by the planner, each run skipping the rows the previous one locked.
        picked = (
            candidates.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        )
        ids: Any = select(picked.c.id).scalar_subquery()
    else:
        ids = candidates.scalar_subquery()
    stmt = (
        update(Nudge)
        .where(Nudge.id.in_(ids), claimable)
        .values(
            status=status.CLAIMED,
            claimed_by=instance,
            claimed_until=now + lease,
            attempts=Nudge.attempts + 1,
        )
        .returning(
            Nudge.id,
            Nudge.schedule_id,
            Nudge.slot_local,
            Nudge.due_at,
            Nudge.schedule_version,
            Nudge.transport,
            Nudge.chat_id,
            Nudge.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    rows = (await session.execute(stmt)).all()
    return sorted((Claimed(**dict(row._mapping)) for row in rows), key=lambda c: (c.due_at, c.id))


async def _settle(session: AsyncSession, nudge_id: int, instance: str, **values: Any) -> bool:
    """Record an outcome only while this instance still owns the row.

    A row it left "sending" that has since turned "unconfirmed" is still its own:
    what the sender learnt (sent, or refused) is better than "unconfirmed".
    """
    result = await session.execute(
        update(Nudge)
        .where(
            Nudge.id == nudge_id,
            Nudge.status.in_(status.OWNED),
            Nudge.claimed_by == instance,
        )
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def mark_sending(
    session: AsyncSession, nudge_id: int, instance: str, until: datetime
) -> bool:
    """Just before a send that cannot be repeated safely; False if the claim was lost."""
    result = await session.execute(
        update(Nudge)
        .where(
            Nudge.id == nudge_id,
            Nudge.status == status.CLAIMED,
            Nudge.claimed_by == instance,
        )
        .values(status=status.SENDING, claimed_until=until)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def release(session: AsyncSession, instance: str) -> int:
    """Give back the rows this instance claimed but never started to send.

    Their attempt did not happen, so it is not counted.
    """
    result = await session.execute(
        update(Nudge)
        .where(Nudge.status == status.CLAIMED, Nudge.claimed_by == instance)
        .values(
            status=status.PENDING,
            claimed_by=None,
            claimed_until=None,
            attempts=Nudge.attempts - 1,
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


async def mark_sent(
    session: AsyncSession, nudge_id: int, instance: str, message_id: str, now: datetime
) -> bool:
    return await _settle(
        session,
        nudge_id,
        instance,
        status=status.SENT,
        sent_at=now,
        message_id=message_id,
        error="",
    )


async def mark_retry(
    session: AsyncSession, nudge_id: int, instance: str, at: datetime, error: str
) -> bool:
    return await _settle(
        session,
        nudge_id,
        instance,
        status=status.PENDING,
        claimed_by=None,
        next_attempt_at=at,
        error=error[:500],
    )


async def mark_final(
    session: AsyncSession, nudge_id: int, instance: str, state: str, error: str = ""
) -> bool:
    return await _settle(session, nudge_id, instance, status=state, error=error[:500])


async def stop_schedule(
    session: AsyncSession, schedule_id: int, reason: str, now: datetime
) -> None:
    """A permanent delivery error: no more slots for this schedule until the user resumes."""
    await session.execute(
        update(ReminderSchedule)
        .where(ReminderSchedule.id == schedule_id)
        .values(
            stopped=True,
            stop_reason=reason[:500],
            next_due_at=None,
            version=ReminderSchedule.version + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Nudge)
        .where(Nudge.schedule_id == schedule_id, Nudge.status == status.PENDING)
        .values(status=status.CANCELLED)
        .execution_options(synchronize_session=False)
    )


async def open_rows(session: AsyncSession, now: datetime) -> list[Nudge]:
    """Pending or claimed rows due now (for `mentor nudges due`)."""
    stmt = (
        select(Nudge)
        .where(Nudge.status.in_(status.OPEN), _effective() <= now)
        .order_by(_effective(), Nudge.id)
    )
    return list((await session.execute(stmt)).scalars())


async def due_schedules(session: AsyncSession, now: datetime) -> list[ReminderSchedule]:
    """Active schedules whose next slot has come but has no outbox row yet."""
    stmt = (
        select(ReminderSchedule)
        .where(ReminderSchedule.stopped.is_(False), ReminderSchedule.next_due_at <= now)
        .order_by(ReminderSchedule.next_due_at, ReminderSchedule.id)
    )
    return list((await session.execute(stmt)).scalars())
