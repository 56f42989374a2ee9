"""Limiting invitation-code guesses: five wrong codes an hour per person, then a wait.

31⁶ codes cannot be guessed at five an hour; a learner who mistypes twice is not hindered.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import CodeAttempt

MAX_WRONG = 5
WINDOW = timedelta(hours=1)


async def blocked(session: AsyncSession, user_id: int, now: datetime) -> bool:
    stmt = select(func.count(CodeAttempt.id)).where(
        CodeAttempt.user_id == user_id, CodeAttempt.attempted_at > now - WINDOW
    )
    return int((await session.execute(stmt)).scalar_one()) >= MAX_WRONG


async def record_wrong(session: AsyncSession, user_id: int, now: datetime) -> None:
    # Rows older than the window are of no use: the table stays small.
    await session.execute(delete(CodeAttempt).where(CodeAttempt.attempted_at <= now - WINDOW))
    session.add(CodeAttempt(user_id=user_id, attempted_at=now))


async def count_for(session: AsyncSession, user_id: int) -> int:
    stmt = select(func.count(CodeAttempt.id)).where(CodeAttempt.user_id == user_id)
    return int((await session.execute(stmt)).scalar_one())
