"""Which instance serves which transport: a lease row per transport, renewed by its owner.

Two instances on one database share the outbox safely, but two Telegram pollers get
409 Conflict and two Matrix syncs overwrite each other's position: a transport is
started only by the instance that holds its lease.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Database
from bot.storage.models import TransportLease
from bot.storage.types import rowcount

LEASE_DURATION = timedelta(seconds=90)
RENEW_EVERY = timedelta(seconds=30)


async def acquire(session: AsyncSession, transport: str, owner: str, now: datetime) -> bool:
    """Take or renew the lease; False while another live instance holds it."""
    result = await session.execute(
        update(TransportLease)
        .where(
            TransportLease.transport == transport,
            (TransportLease.owner == owner) | (TransportLease.expires_at <= now),
        )
        .values(owner=owner, expires_at=now + LEASE_DURATION, heartbeat_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) == 1:
        return True
    try:
        async with session.begin_nested():
            session.add(
                TransportLease(
                    transport=transport,
                    owner=owner,
                    expires_at=now + LEASE_DURATION,
                    heartbeat_at=now,
                )
            )
            await session.flush()
    except IntegrityError:
        return False  # the row exists and is held by another instance
    return True


async def release(session: AsyncSession, transport: str, owner: str) -> None:
    await session.execute(
        delete(TransportLease).where(
            TransportLease.transport == transport, TransportLease.owner == owner
        )
    )


async def take(db: Database, transports: Sequence[str], owner: str, now: datetime) -> list[str]:
    """The transports whose lease this instance holds now, in one transaction."""
    async with db.session() as session:
        return [t for t in transports if await acquire(session, t, owner, now)]


async def renew(db: Database, transports: Sequence[str], owner: str, now: datetime) -> list[str]:
    """Renew every lease; returns those lost to another instance (this one should stop)."""
    async with db.session() as session:
        return [t for t in transports if not await acquire(session, t, owner, now)]


async def give_back(db: Database, transports: Sequence[str], owner: str) -> None:
    async with db.session() as session:
        for transport in transports:
            await release(session, transport, owner)
