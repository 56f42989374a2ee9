"""The cohort's weekly group post slot: a `reminder_schedules` row of kind "cohort".

The nudges outbox delivers it with the same time rules as personal nudges; here we
only keep the row in step with the cohort (its bound group, the trainer's slot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges.parse import ParseError, parse_moment
from bot.nudges.schedules import COHORT, changed
from bot.nudges.wording import WEEKDAYS
from bot.storage.models import Cohort, CohortChannel, ReminderSchedule

DEFAULT_SLOT = (0, 9, 0)  # Monday 9:00: the week starts with the cohort's numbers
UNBOUND = "groupe délié"
EXAMPLE = (
    "Par exemple : /cohorte rythme lundi 9h ou /cohorte rythme vendredi 16h30 heure de la Réunion."
)


class RhythmError(ValueError):
    """The message is a French sentence ready to show to the user."""


@dataclass(frozen=True, slots=True)
class Rhythm:
    weekday: int
    hour: int
    minute: int
    zone: str | None = None


def parse_rhythm(text: str) -> Rhythm:
    """ "lundi 9h", "vendredi 16h30 heure de la Réunion", "à 18h le mardi Europe/Paris":
    the same reading as /rappel (bot.nudges.parse), place included."""
    try:
        when = parse_moment(text, example=EXAMPLE)
    except ParseError as exc:
        raise RhythmError(str(exc)) from None
    return Rhythm(when.weekday, when.hour, when.minute, when.zone)


def slot_text(schedule: ReminderSchedule) -> str:
    return f"le {WEEKDAYS[schedule.weekday]} à {schedule.hour} h {schedule.minute:02d}"


async def _lock_cohort(session: AsyncSession, cohort_id: int) -> None:
    """Serialise edits of one cohort's schedule on PostgreSQL (SQLite serialises writers)."""
    await session.execute(select(Cohort.id).where(Cohort.id == cohort_id).with_for_update())


async def of_cohort(session: AsyncSession, cohort_id: int) -> ReminderSchedule | None:
    stmt = (
        select(ReminderSchedule)
        .where(ReminderSchedule.kind == COHORT, ReminderSchedule.cohort_id == cohort_id)
        .order_by(ReminderSchedule.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def set_rhythm(
    session: AsyncSession,
    cohort_id: int,
    channel: CohortChannel,
    rhythm: Rhythm,
    default_zone: str,
    now: datetime,
) -> ReminderSchedule:
    """Create or move the weekly post; it goes to the bound group and becomes active."""
    await _lock_cohort(session, cohort_id)
    row = await of_cohort(session, cohort_id)
    if row is None:
        row = ReminderSchedule(kind=COHORT, cohort_id=cohort_id, version=0)
        session.add(row)
        row.timezone = default_zone
    row.transport, row.chat_id = channel.transport, channel.chat_id
    row.weekday, row.hour, row.minute = rhythm.weekday, rhythm.hour, rhythm.minute
    if rhythm.zone:
        row.timezone = rhythm.zone
    row.stopped, row.stop_reason, row.paused_until = False, "", None
    await changed(session, row, now)
    return row


async def follow_channel(
    session: AsyncSession, cohort_id: int, channel: CohortChannel, default_zone: str, now: datetime
) -> ReminderSchedule:
    """On binding: the existing slot now targets this group, or Monday 9:00 by default."""
    row = await of_cohort(session, cohort_id)
    if row is None:
        return await set_rhythm(
            session, cohort_id, channel, Rhythm(*DEFAULT_SLOT), default_zone, now
        )
    rhythm = Rhythm(row.weekday, row.hour, row.minute, row.timezone)
    return await set_rhythm(session, cohort_id, channel, rhythm, default_zone, now)


async def stop(session: AsyncSession, cohort_id: int, reason: str, now: datetime) -> None:
    """No group, no post: the slot is kept (so a new binding resumes it) but stopped."""
    row = await of_cohort(session, cohort_id)
    if row is not None and not row.stopped:
        row.stopped, row.stop_reason = True, reason
        await changed(session, row, now)
