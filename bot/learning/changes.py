"""The log of knowledge changes made from a review: who, when, what."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import KbChange
from bot.storage.types import utcnow


async def log_change(
    session: AsyncSession,
    *,
    action: str,
    author: str,
    author_user_id: int | None = None,
    entry: str | None = None,
    detail: str = "",
) -> None:
    session.add(
        KbChange(
            at=utcnow(),
            author=author[:64],
            author_user_id=author_user_id,
            action=action,
            entry=entry,
            detail=detail,
        )
    )
    await session.flush()


async def recent(session: AsyncSession, limit: int = 50) -> list[KbChange]:
    rows = await session.execute(select(KbChange).order_by(KbChange.id.desc()).limit(limit))
    return list(rows.scalars())
