"""INSERT … ON CONFLICT for the session's database: one place picks the dialect.

SQLite and PostgreSQL spell it the same way in SQLAlchemy but through two modules; the
callers (event de-duplication, the nudge outbox, transport cursors) share this one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

Insert = postgresql.Insert | sqlite.Insert


def dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def insert(session: AsyncSession, model: Any) -> Insert:
    """`insert(model)` with `on_conflict_do_nothing` / `on_conflict_do_update` available."""
    if dialect(session) == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


async def put(
    session: AsyncSession, model: Any, key: dict[str, Any], values: dict[str, Any]
) -> None:
    """Insert the row with `key`, or update `values` in the row that has it, atomically."""
    statement = insert(session, model).values(**key, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=list(key), set_=values))
