"""A chat that changes id on its platform (a Telegram group upgraded to a supergroup).

Everything keyed by the old id follows it, so a cohort's group stays bound and its
weekly post keeps its slot.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.nudges import status
from bot.storage.models import CohortChannel, DialogState, Nudge, ReminderSchedule


async def chat_moved(session: AsyncSession, transport: str, old_id: str, new_id: str) -> None:
    for model in (CohortChannel, ReminderSchedule, DialogState):
        await session.execute(
            update(model)
            .where(model.transport == transport, model.chat_id == old_id)
            .values(chat_id=new_id)
            .execution_options(synchronize_session=False)
        )
    await session.execute(
        update(Nudge)
        .where(
            Nudge.transport == transport,
            Nudge.chat_id == old_id,
            Nudge.status.in_((status.PENDING, status.CLAIMED)),
        )
        .values(chat_id=new_id)
        .execution_options(synchronize_session=False)
    )
