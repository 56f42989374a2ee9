"""INSERT … ON CONFLICT for the session's database: one place picks the dialect.

SQLite and PostgreSQL spell it the same way in SQLAlchemy but through two modules; the
callers (event de-duplication, the nudge outbox, transport cursors) share this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

Insert = postgresql.Insert | sqlite.Insert
T = TypeVar("T")
_BUILT: dict[tuple[Callable[..., Any], str], Any] = {}


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


def prebuilt(session: AsyncSession, build: Callable[[Callable[[Any], Insert]], T]) -> T:
    """`build(insert)` once per database kind, for the per-message path: building and
    keying an INSERT … ON CONFLICT cost more than running it (issue 18). `build` must
    take every value through a bind parameter."""
    name = dialect(session)
    found = _BUILT.get((build, name))
    if found is None:
        found = _BUILT[(build, name)] = build(
            postgresql.insert if name == "postgresql" else sqlite.insert
        )
    return found
