"""Recording what became of one send, each in one short transaction.

A `Record` is kept in memory when the database fails, and written at the next tick:
the outcome of a send that happened is never forgotten while the process lives.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import dialogs
from bot.delivery import TemporaryDeliveryError
from bot.messages import Incoming, Reply
from bot.nudges import outbox, status
from bot.nudges.message import ON_GONE
from bot.storage.models import Identity, ReminderSchedule
from bot.storage.types import utcnow

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


@dataclass
class TickReport:
    enqueued: int = 0
    expired: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0  # superseded or cancelled at send time
    lost_claims: int = 0  # our claim expired and another instance took the row
    kept: int = 0  # outcomes held in memory because the database failed
    storage_error: Exception | None = None  # the database failure that ended the wave
    at: datetime = field(default_factory=utcnow)


Record = Callable[[AsyncSession, TickReport], Awaitable[None]]


def sent(claimed: outbox.Claimed, reply: Reply, message_id: str, instance: str) -> Record:
    at = utcnow()

    async def record(session: AsyncSession, report: TickReport) -> None:
        if await outbox.mark_sent(session, claimed.id, instance, message_id, at):
            report.sent += 1
            if reply.choices:
                await remember_choices(session, claimed, reply)
        else:
            report.lost_claims += 1
            log.warning("nudge %s was sent but its claim had expired", claimed.id)

    return record


def temporary(
    claimed: outbox.Claimed,
    exc: TemporaryDeliveryError,
    instance: str,
    max_attempts: int,
    retry_seconds: float,
) -> Record:
    """Retry later with exponential backoff (or the platform's retry-after), up to a cap."""
    retry_after = exc.retry_after or 0.0
    base = retry_seconds * 2 ** (claimed.attempts - 1)
    at = utcnow() + min(timedelta(seconds=max(base, retry_after)), MAX_BACKOFF)

    async def record(session: AsyncSession, report: TickReport) -> None:
        if claimed.attempts >= max_attempts:
            await outbox.mark_final(
                session, claimed.id, instance, status.FAILED, f"temporaire : {exc}"
            )
            report.failed += 1
            return
        await outbox.mark_retry(session, claimed.id, instance, at, f"temporaire : {exc}")
        report.retried += 1

    return record


Notice = tuple[str, str, Reply]


def permanent(claimed: outbox.Claimed, reason: str, instance: str, notices: list[Notice]) -> Record:
    """Stop the schedule; `notices` receives what to tell other chats (sent best effort)."""

    async def record(session: AsyncSession, report: TickReport) -> None:
        log.info("stopping schedule %s: %s", claimed.schedule_id, reason)
        await outbox.mark_final(session, claimed.id, instance, status.FAILED, reason)
        await outbox.stop_schedule(session, claimed.schedule_id, reason, utcnow())
        schedule = await session.get(ReminderSchedule, claimed.schedule_id)
        on_gone = ON_GONE.get(schedule.kind) if schedule is not None else None
        if on_gone is not None:
            notices.extend(await on_gone(session, claimed.transport, claimed.chat_id))
        report.failed += 1

    return record


async def remember_choices(session: AsyncSession, claimed: outbox.Claimed, reply: Reply) -> None:
    """Record the nudge's choices for its owner, as for any reply, so that on
    transports without buttons (Matrix, console) typing "1", "2"… answers them."""
    stmt = (
        select(Identity.platform_user_id)
        .join(ReminderSchedule, ReminderSchedule.user_id == Identity.user_id)
        .where(
            ReminderSchedule.id == claimed.schedule_id,
            Identity.transport == claimed.transport,
        )
    )
    platform_user_id = (await session.execute(stmt)).scalars().first()
    if platform_user_id is None:
        return
    owner = Incoming(claimed.transport, claimed.chat_id, platform_user_id)
    await dialogs.remember_choices(session, owner, list(reply.choices))
