"""Journal rows: the only place that reads or writes `journal_entries`."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import JournalEntry
from bot.storage.types import rowcount

NUMBER_ATTEMPTS = 3  # an entry's number taken by a concurrent one: read the next and retry


async def add_entry(
    session: AsyncSession,
    user_id: int,
    occurred_on: date,
    text: str,
    competencies: list[str],
    audience: str = "",
    result: str = "",
    **details: Any,
) -> JournalEntry:
    """`details`: the DP columns (conditions, means, organisation, ended_on).

    The entry gets the user's next number (1 for their first). Two messages of one user
    at once (two transports) race on the unique (user, number): the loser takes the next.
    """
    columns = {"audience": audience, "result": result, **details}
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        try:
            async with session.begin_nested():
                return await _insert(session, user_id, occurred_on, text, competencies, columns)
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


async def _insert(
    session: AsyncSession,
    user_id: int,
    occurred_on: date,
    text: str,
    competencies: list[str],
    columns: dict[str, Any],
) -> JournalEntry:
    entry = JournalEntry(
        user_id=user_id,
        number=await next_number(session, user_id),
        occurred_on=occurred_on,
        text=text,
        competencies=sorted(set(competencies)),
        **columns,
    )
    session.add(entry)
    await session.flush()
    return entry


async def next_number(session: AsyncSession, user_id: int) -> int:
    """The number the user's next entry gets: one more than their highest."""
    stmt = select(func.max(JournalEntry.number)).where(JournalEntry.user_id == user_id)
    return int((await session.execute(stmt)).scalar_one() or 0) + 1


async def get_entry(session: AsyncSession, user_id: int, entry_id: int) -> JournalEntry | None:
    stmt = select(JournalEntry).where(JournalEntry.id == entry_id, JournalEntry.user_id == user_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_entries(
    session: AsyncSession, user_id: int, offset: int = 0, limit: int | None = None
) -> list[JournalEntry]:
    stmt = (
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.occurred_on.desc(), JournalEntry.id.desc())
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await session.execute(stmt)).scalars())


async def count_entries(session: AsyncSession, user_id: int, since: date | None = None) -> int:
    stmt = select(func.count()).select_from(JournalEntry).where(JournalEntry.user_id == user_id)
    if since is not None:
        stmt = stmt.where(JournalEntry.occurred_on >= since)
    return int((await session.execute(stmt)).scalar_one())


async def created_since(session: AsyncSession, user_id: int, since_utc: object) -> int:
    """Entries logged (not dated) since an instant: what 'this week' means for a nudge."""
    stmt = (
        select(func.count())
        .select_from(JournalEntry)
        .where(JournalEntry.user_id == user_id, JournalEntry.created_at >= since_utc)
    )
    return int((await session.execute(stmt)).scalar_one())


async def competency_sets(session: AsyncSession, user_id: int) -> list[frozenset[str]]:
    """The competency codes of each of a user's entries (an entry may touch several)."""
    stmt = select(JournalEntry.competencies).where(JournalEntry.user_id == user_id)
    return [frozenset(codes or []) for codes in (await session.execute(stmt)).scalars()]


async def coverage(session: AsyncSession, user_id: int) -> Counter[str]:
    """Number of entries per competency code (an entry may count for several)."""
    counts: Counter[str] = Counter()
    for codes in await competency_sets(session, user_id):
        counts.update(codes)
    return counts


async def delete_entry(session: AsyncSession, user_id: int, entry_id: int) -> bool:
    result = await session.execute(
        delete(JournalEntry).where(JournalEntry.id == entry_id, JournalEntry.user_id == user_id)
    )
    return rowcount(result) == 1
