"""Where a transport's stream of updates stopped (Matrix `next_batch`), in the database.

A restart resumes there; the adapter keeps the value opaque and calls these two functions
rather than touch the table.
"""

from __future__ import annotations

from bot.storage import upsert
from bot.storage.database import Database
from bot.storage.models import TransportCursor
from bot.storage.types import utcnow


async def load(db: Database, transport: str) -> str | None:
    async with db.session() as session:
        row = await session.get(TransportCursor, transport)
        return row.value if row else None


async def save(db: Database, transport: str, value: str) -> None:
    async with db.session() as session:
        await upsert.put(
            session,
            TransportCursor,
            {"transport": transport},
            {"value": value, "updated_at": utcnow()},
        )
