"""Reminder schedules: the only place that edits `reminder_schedules` rows, personal
reminders (kind PERSONAL, owned by a user) and cohort weekly posts (COHORT, by a cohort).

Every edit bumps `version` and recomputes `next_due_at` from the wall-clock rule,
so a slot enqueued or claimed under the old version is recognised as stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.nudges import status
from bot.nudges.timerules import WeeklyTime, next_slot
from bot.storage.models import Cohort, Nudge, ReminderSchedule, User

PERSONAL = "personal"
COHORT = "cohort"


def weekly(schedule: ReminderSchedule) -> WeeklyTime:
    return WeeklyTime(schedule.weekday, schedule.hour, schedule.minute, schedule.timezone)


def is_paused(schedule: ReminderSchedule, now: datetime) -> bool:
    return schedule.paused_until is not None and schedule.paused_until > now


def next_due(schedule: ReminderSchedule, now: datetime) -> datetime | None:
    """The UTC instant of the next slot that will really be sent (None when stopped)."""
    if schedule.stopped:
        return None
    after = schedule.paused_until if is_paused(schedule, now) else now
    assert after is not None
    return next_slot(weekly(schedule), after).due_at


async def _lock_owner(session: AsyncSession, kind: str, owner_id: int) -> None:
    """Serialise edits of one owner's slot on PostgreSQL (SQLite serialises writers already)."""
    owner = User if kind == PERSONAL else Cohort
    await session.execute(select(owner.id).where(owner.id == owner_id).with_for_update())


def _owner_column(kind: str) -> InstrumentedAttribute[int | None]:
    return ReminderSchedule.user_id if kind == PERSONAL else ReminderSchedule.cohort_id


async def find(session: AsyncSession, kind: str, owner_id: int) -> ReminderSchedule | None:
    """The user's (PERSONAL) or the cohort's (COHORT) weekly slot, if any."""
    stmt = (
        select(ReminderSchedule)
        .where(ReminderSchedule.kind == kind, _owner_column(kind) == owner_id)
        .order_by(ReminderSchedule.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def personal_schedule(session: AsyncSession, user_id: int) -> ReminderSchedule | None:
    return await find(session, PERSONAL, user_id)


async def changed(session: AsyncSession, schedule: ReminderSchedule, now: datetime) -> None:
    """After any edit: new version, new next slot, and pending slots of the old one dropped."""
    schedule.version = (schedule.version or 0) + 1
    schedule.next_due_at = next_due(schedule, now)
    await session.flush()
    await session.execute(
        update(Nudge)
        .where(Nudge.schedule_id == schedule.id, Nudge.status == status.PENDING)
        .values(status=status.SUPERSEDED)
        .execution_options(synchronize_session=False)
    )


async def place(
    session: AsyncSession,
    kind: str,
    owner_id: int,
    target: tuple[str, str],
    when: tuple[int, int, int],
    zone: str | None,
    now: datetime,
    *,
    default_zone: str = "",
) -> ReminderSchedule:
    """Create or move a weekly slot to `when` (weekday, hour, minute) in `target`
    (transport, chat id); it becomes active (no pause, not stopped). Without a `zone` the
    slot keeps its own, and a new one takes `default_zone`."""
    await _lock_owner(session, kind, owner_id)
    schedule = await find(session, kind, owner_id)
    zone = zone or (schedule.timezone if schedule is not None else default_zone)
    WeeklyTime(*when, zone)  # validates before anything is written
    if schedule is None:
        personal = kind == PERSONAL
        schedule = ReminderSchedule(
            kind=kind,
            version=0,
            user_id=owner_id if personal else None,
            cohort_id=None if personal else owner_id,
        )
        session.add(schedule)
    schedule.transport, schedule.chat_id = target
    schedule.weekday, schedule.hour, schedule.minute = when
    schedule.timezone = zone
    schedule.stopped, schedule.stop_reason, schedule.paused_until = False, "", None
    await changed(session, schedule, now)
    return schedule


async def set_personal(
    session: AsyncSession,
    user_id: int,
    transport: str,
    chat_id: str,
    weekday: int,
    hour: int,
    minute: int,
    zone: str,
    now: datetime,
) -> ReminderSchedule:
    """Create or move the user's weekly reminder; it becomes active (no pause, not stopped)."""
    return await place(
        session, PERSONAL, user_id, (transport, chat_id), (weekday, hour, minute), zone, now
    )


async def pause(
    session: AsyncSession, schedule: ReminderSchedule, weeks: int, now: datetime
) -> None:
    schedule.paused_until = now + timedelta(weeks=weeks)
    await changed(session, schedule, now)


async def stop(
    session: AsyncSession, schedule: ReminderSchedule, reason: str, now: datetime
) -> None:
    schedule.stopped, schedule.stop_reason = True, reason
    await changed(session, schedule, now)


async def resume(session: AsyncSession, schedule: ReminderSchedule, now: datetime) -> None:
    schedule.stopped, schedule.stop_reason, schedule.paused_until = False, "", None
    await changed(session, schedule, now)


async def set_zone(session: AsyncSession, user_id: int, zone: str, now: datetime) -> None:
    """The user's zone, and their reminder keeps its wall-clock time in the new zone."""
    await _lock_owner(session, PERSONAL, user_id)
    user = await session.get(User, user_id)
    assert user is not None
    user.timezone = zone
    schedule = await personal_schedule(session, user_id)
    if schedule is not None and schedule.timezone != zone:
        schedule.timezone = zone
        await changed(session, schedule, now)
