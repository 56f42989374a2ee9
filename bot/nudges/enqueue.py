"""Due schedules become outbox rows.

The unique (schedule_id, slot_local) key makes a second insert of the same slot a no-op
(ON CONFLICT DO NOTHING), so two instances enqueueing together create one row; only the
latest slot of a schedule can be pending, so a long downtime never ends in a burst (an
older one is recorded as missed). A schedule edited after its row was written revives
that row with the new version rather than adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges import status
from bot.nudges.schedules import weekly
from bot.nudges.timerules import Slot, latest_slot, next_slot
from bot.storage import upsert
from bot.storage.models import Nudge, ReminderSchedule


def slots_to_record(
    schedule: ReminderSchedule, now: datetime, grace: timedelta
) -> list[tuple[Slot, str]]:
    """The rows a due schedule produces: at most one missed slot and the latest one."""
    assert schedule.next_due_at is not None
    when = weekly(schedule)
    latest = latest_slot(when, now)
    first = latest_slot(when, schedule.next_due_at)
    rows: list[tuple[Slot, str]] = []
    if first.key != latest.key and first.due_at < latest.due_at:
        rows.append((first, status.MISSED))
    rows.append((latest, status.PENDING if now - latest.due_at <= grace else status.MISSED))
    paused_until = schedule.paused_until
    return [(s, st) for s, st in rows if paused_until is None or s.due_at >= paused_until]


async def enqueue_due(
    session: AsyncSession, now: datetime, grace: timedelta, kinds: Iterable[str], limit: int
) -> tuple[int, int]:
    """Turn up to `limit` due schedules into outbox rows; returns (schedules seen, rows new)."""
    stmt = (
        select(ReminderSchedule)
        .where(
            ReminderSchedule.stopped.is_(False),
            ReminderSchedule.kind.in_(list(kinds)),
            ReminderSchedule.next_due_at <= now,
        )
        .order_by(ReminderSchedule.next_due_at, ReminderSchedule.id)
        .limit(limit)
    )
    schedules = list((await session.execute(stmt)).scalars())
    if not schedules:
        return 0, 0
    rows: list[dict[str, Any]] = []
    advances: list[dict[str, Any]] = []
    for schedule in schedules:
        for slot, state in slots_to_record(schedule, now, grace):
            rows.append(
                {
                    "schedule_id": schedule.id,
                    "slot_local": slot.key,
                    "due_at": slot.due_at,
                    "schedule_version": schedule.version,
                    "status": state,
                    "transport": schedule.transport,
                    "chat_id": schedule.chat_id,
                }
            )
        advances.append(
            {
                "b_id": schedule.id,
                "b_old": schedule.next_due_at,
                "b_version": schedule.version,
                "b_next": next_slot(
                    weekly(schedule), max(now, schedule.paused_until or now)
                ).due_at,
            }
        )
    created = await _insert_new(session, rows)
    await _revive_superseded(session, [r for r in rows if r["status"] == status.PENDING])
    table = cast(Table, ReminderSchedule.__table__)
    await (await session.connection()).execute(
        update(table)
        .where(
            table.c.id == bindparam("b_id"),
            table.c.next_due_at == bindparam("b_old"),
            table.c.version == bindparam("b_version"),
        )
        .values(next_due_at=bindparam("b_next")),
        advances,
    )
    return len(schedules), created


async def _insert_new(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    now_rows = [{**r, "attempts": 0, "error": ""} for r in rows]
    stmt = upsert.insert(session, Nudge).on_conflict_do_nothing(
        index_elements=["schedule_id", "slot_local"]
    )
    result = await session.execute(stmt.returning(Nudge.id), now_rows)
    return len(result.all())


async def _revive_superseded(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """A slot dropped by an edit comes back if a later edit returns to the same moment."""
    if not rows:
        return
    table = cast(Table, Nudge.__table__)
    await (await session.connection()).execute(
        update(table)
        .where(
            table.c.schedule_id == bindparam("b_schedule"),
            table.c.slot_local == bindparam("b_slot"),
            table.c.status == status.SUPERSEDED,
            table.c.schedule_version < bindparam("b_version"),
        )
        .values(
            status=status.PENDING,
            schedule_version=bindparam("b_version"),
            due_at=bindparam("b_due"),
            transport=bindparam("b_transport"),
            chat_id=bindparam("b_chat"),
            attempts=0,
            next_attempt_at=None,
            claimed_by=None,
            claimed_until=None,
        ),
        [
            {
                "b_schedule": r["schedule_id"],
                "b_slot": r["slot_local"],
                "b_version": r["schedule_version"],
                "b_due": r["due_at"],
                "b_transport": r["transport"],
                "b_chat": r["chat_id"],
            }
            for r in rows
        ],
    )
