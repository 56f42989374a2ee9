"""One instance per transport: the lease decides who polls Telegram or syncs Matrix."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import leases
from bot.storage.database import Database

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_a_held_lease_is_refused_to_another_instance_until_it_expires(
    db: Database,
) -> None:
    async with db.session() as session:
        assert await leases.acquire(session, "telegram", "a", NOW)
    async with db.session() as session:
        assert not await leases.acquire(session, "telegram", "b", NOW)
        assert await leases.acquire(session, "matrix", "b", NOW)
    async with db.session() as session:
        assert await leases.acquire(session, "telegram", "a", NOW + leases.RENEW_EVERY)
    later = NOW + leases.RENEW_EVERY + leases.LEASE_DURATION
    async with db.session() as session:
        assert await leases.acquire(session, "telegram", "b", later)


async def test_a_released_lease_is_free(db: Database) -> None:
    async with db.session() as session:
        assert await leases.acquire(session, "telegram", "a", NOW)
        await leases.release(session, "telegram", "a")
    async with db.session() as session:
        assert await leases.acquire(session, "telegram", "b", NOW)
