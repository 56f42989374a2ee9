"""`Database.session()`: a unit of work ends as soon as it has committed, and one that
fails or is cancelled still gives its connection back (issue 18)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.storage.database import Database
from bot.storage.models import HandledEvent


async def test_a_unit_of_work_ends_without_letting_other_tasks_run_first(
    sqlite_url: str,
) -> None:
    """AsyncSession's own exit closed it in a task of its own: the caller resumed a loop
    round later, after every other ready task, so under a burst no reply left before all
    the messages read with it were handled. SQLite's calls run inline (nothing else here
    waits), so whatever is scheduled meanwhile must still be waiting."""
    db = Database(sqlite_url)
    await db.upgrade()
    order: list[str] = []
    try:
        async with db.session() as session:
            session.add(HandledEvent(transport="test", event_id="1"))
            asyncio.get_running_loop().call_soon(order.append, "another task")
        order.append("unit of work done")
        async with db.session() as session:
            assert await session.scalar(select(func.count()).select_from(HandledEvent)) == 1
    finally:
        await db.dispose()
    assert order[0] == "unit of work done"


async def test_a_failing_unit_of_work_is_rolled_back_and_gives_its_connection_back(
    db: Database,
) -> None:
    async def failing() -> None:
        async with db.session() as session:
            session.add(HandledEvent(transport="test", event_id="1"))
            await session.flush()
            raise ValueError("a handler failed")

    with pytest.raises(ValueError, match="handler"):
        await failing()
    assert db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(HandledEvent)) == 0


async def test_a_cancelled_unit_of_work_is_rolled_back_and_gives_its_connection_back(
    db: Database,
) -> None:
    inside = asyncio.Event()

    async def stuck() -> None:
        async with db.session() as session:
            session.add(HandledEvent(transport="test", event_id="1"))
            await session.flush()
            inside.set()
            await asyncio.Event().wait()  # until cancelled (a stop, a client gone)

    task = asyncio.create_task(stuck())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(HandledEvent)) == 0
