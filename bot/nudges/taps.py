"""What a user's tap on a sent reminder does: "Plus tard" sends the same slot again a little
later, "Pas cette semaine" closes it. Only the reminder's owner can do either, and only to a
reminder still open: a tap on an old message in the history changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges import status
from bot.storage.models import Nudge, ReminderSchedule
from bot.storage.types import rowcount

SNOOZE_WINDOW = timedelta(hours=26)  # sent within the last day, snoozed 2 h ahead


async def _owned(session: AsyncSession, nudge_id: int, user_id: int) -> Nudge | None:
    stmt = (
        select(Nudge)
        .join(ReminderSchedule, ReminderSchedule.id == Nudge.schedule_id)
        .where(Nudge.id == nudge_id, ReminderSchedule.user_id == user_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def snooze(
    session: AsyncSession, nudge_id: int, user_id: int, until: datetime
) -> Nudge | None:
    """The same slot once more at `until` (not a new schedule); None if it is closed."""
    nudge = await _owned(session, nudge_id, user_id)
    if nudge is None:
        return None
    if nudge.status == status.PENDING and nudge.next_attempt_at is not None:
        return nudge  # pressed twice: already snoozed
    result = await session.execute(
        update(Nudge)
        .where(
            Nudge.id == nudge_id,
            Nudge.status == status.SENT,
            # an old reminder found in the history is closed: only the last day's can wait
            Nudge.sent_at >= until - SNOOZE_WINDOW,
        )
        .values(status=status.PENDING, next_attempt_at=until, attempts=0, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        return None
    await session.refresh(nudge)
    return nudge


async def dismiss(session: AsyncSession, nudge_id: int, user_id: int) -> bool:
    """ "Pas cette semaine": the slot is done, including a snoozed retry of it."""
    nudge = await _owned(session, nudge_id, user_id)
    if nudge is None:
        return False
    if nudge.status == status.DISMISSED:
        return True
    result = await session.execute(
        update(Nudge)
        .where(Nudge.id == nudge_id, Nudge.status.in_([status.SENT, status.PENDING]))
        .values(status=status.DISMISSED)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1
