"""Transport state goes through core functions: sync cursors and leases, on both databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot import cursors, leases
from bot.storage.database import Database
from bot.storage.models import TransportCursor, TransportLease

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_a_cursor_is_written_once_then_moved(db: Database) -> None:
    assert await cursors.load(db, "matrix") is None
    await cursors.save(db, "matrix", "s1_1")
    await cursors.save(db, "matrix", "s2_9")
    await cursors.save(db, "telegram", "41")
    assert await cursors.load(db, "matrix") == "s2_9"
    assert await cursors.load(db, "telegram") == "41"
    async with db.session() as session:
        count = await session.scalar(select(func.count()).select_from(TransportCursor))
    assert count == 2


async def test_concurrent_first_saves_leave_one_row(db: Database) -> None:
    await asyncio.gather(*(cursors.save(db, "matrix", f"s{i}") for i in range(5)))
    async with db.session() as session:
        rows = (await session.execute(select(TransportCursor))).scalars().all()
    assert len(rows) == 1
    assert rows[0].value in {f"s{i}" for i in range(5)}


async def test_leases_are_taken_renewed_and_given_back_per_instance(db: Database) -> None:
    assert await leases.take(db, ["telegram", "matrix"], "a", NOW) == ["telegram", "matrix"]
    assert await leases.take(db, ["telegram", "matrix"], "b", NOW) == []
    assert await leases.renew(db, ["telegram", "matrix"], "a", NOW + leases.RENEW_EVERY) == []
    expired = NOW + leases.RENEW_EVERY + leases.LEASE_DURATION
    assert await leases.take(db, ["matrix"], "b", expired) == ["matrix"]
    assert await leases.renew(db, ["telegram", "matrix"], "a", expired) == ["matrix"]
    await leases.give_back(db, ["telegram"], "a")
    async with db.session() as session:
        rows = await session.execute(select(TransportLease.transport, TransportLease.owner))
        held = {transport: owner for transport, owner in rows}
    assert held == {"matrix": "b"}
