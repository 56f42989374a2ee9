"""The cohort's weekly group post slot: a `reminder_schedules` row of kind "cohort".

The nudges outbox delivers it with the same time rules as personal nudges; here we
only keep the row in step with the cohort (its bound group, the trainer's slot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges import schedules
from bot.nudges.parse import ParseError, parse_moment
from bot.nudges.schedules import COHORT
from bot.nudges.wording import WEEKDAYS
from bot.storage.models import CohortChannel, ReminderSchedule

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


async def of_cohort(session: AsyncSession, cohort_id: int) -> ReminderSchedule | None:
    return await schedules.find(session, COHORT, cohort_id)


async def set_rhythm(
    session: AsyncSession,
    cohort_id: int,
    channel: CohortChannel,
    rhythm: Rhythm,
    default_zone: str,
    now: datetime,
) -> ReminderSchedule:
    """Create or move the weekly post; it goes to the bound group and becomes active."""
    return await schedules.place(
        session,
        COHORT,
        cohort_id,
        (channel.transport, channel.chat_id),
        (rhythm.weekday, rhythm.hour, rhythm.minute),
        rhythm.zone,
        now,
        default_zone=default_zone,
    )


async def follow_channel(
    session: AsyncSession, cohort_id: int, channel: CohortChannel, default_zone: str, now: datetime
) -> ReminderSchedule:
    """On binding: the existing slot now targets this group, or Monday 9:00 by default."""
    row = await of_cohort(session, cohort_id)
    when = DEFAULT_SLOT if row is None else (row.weekday, row.hour, row.minute)
    return await set_rhythm(session, cohort_id, channel, Rhythm(*when), default_zone, now)


async def stop(session: AsyncSession, cohort_id: int, reason: str, now: datetime) -> None:
    """No group, no post: the slot is kept (so a new binding resumes it) but stopped."""
    row = await of_cohort(session, cohort_id)
    if row is not None and not row.stopped:
        await schedules.stop(session, row, reason, now)
