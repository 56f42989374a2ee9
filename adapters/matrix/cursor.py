"""The sync position (`next_batch`) in the database, so a restart resumes where it stopped."""

from __future__ import annotations

from bot.storage.database import Database
from bot.storage.models import TransportCursor

KEY = "matrix"


async def load(db: Database) -> str | None:
    async with db.session() as session:
        row = await session.get(TransportCursor, KEY)
        return row.value if row else None


async def save(db: Database, value: str) -> None:
    async with db.session() as session:
        row = await session.get(TransportCursor, KEY)
        if row is None:
            session.add(TransportCursor(transport=KEY, value=value))
        else:
            row.value = value
