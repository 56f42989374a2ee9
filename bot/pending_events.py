"""Events a transport received but cannot handle yet, kept in a core-owned table.

A Matrix message whose room key has not arrived is stored here by the adapter and retried
later, across restarts. The core owns the table so that /effacer_mes_donnees can drop what
an erased user sent and is still waiting (the core never imports an adapter), and so that
the adapter's retry claims each row: an event erased meanwhile is never handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Database
from bot.storage.models import PendingEvent
from bot.storage.types import rowcount


@dataclass(frozen=True, slots=True)
class Waiting:
    event_id: str
    sender: str
    chat_id: str
    payload: str
    received_at: datetime


async def keep(db: Database, transport: str, waiting: Waiting, limit: int) -> None:
    """Store one event (once), then drop the oldest beyond `limit` for this transport."""
    async with db.session() as session:
        if await session.get(PendingEvent, (transport, waiting.event_id)) is None:
            session.add(
                PendingEvent(
                    transport=transport,
                    event_id=waiting.event_id,
                    sender=waiting.sender,
                    chat_id=waiting.chat_id,
                    payload=waiting.payload,
                    received_at=waiting.received_at,
                )
            )
            await session.flush()
        old = (
            select(PendingEvent.event_id)
            .where(PendingEvent.transport == transport)
            .order_by(PendingEvent.received_at.desc(), PendingEvent.event_id.desc())
            .offset(limit)
        )
        stale = list((await session.execute(old)).scalars())
        if stale:
            await session.execute(
                delete(PendingEvent).where(
                    PendingEvent.transport == transport, PendingEvent.event_id.in_(stale)
                )
            )


async def load(db: Database, transport: str) -> list[Waiting]:
    """The transport's waiting events, oldest first."""
    async with db.session() as session:
        rows = (
            await session.execute(
                select(PendingEvent)
                .where(PendingEvent.transport == transport)
                .order_by(PendingEvent.received_at, PendingEvent.event_id)
            )
        ).scalars()
        return [Waiting(r.event_id, r.sender, r.chat_id, r.payload, r.received_at) for r in rows]


async def claim(db: Database, transport: str, event_id: str) -> bool:
    """Remove the event before handling it; False when it is gone (handled, or erased with
    its sender), in which case it must not be handled."""
    async with db.session() as session:
        result = await session.execute(
            delete(PendingEvent).where(
                PendingEvent.transport == transport, PendingEvent.event_id == event_id
            )
        )
        return rowcount(result) == 1


async def of_sender(session: AsyncSession, transport: str, sender: str) -> list[PendingEvent]:
    return list(
        (
            await session.execute(
                select(PendingEvent)
                .where(PendingEvent.transport == transport, PendingEvent.sender == sender)
                .order_by(PendingEvent.received_at)
            )
        ).scalars()
    )


async def forget_sender(session: AsyncSession, transport: str, sender: str) -> None:
    await session.execute(
        delete(PendingEvent).where(
            PendingEvent.transport == transport, PendingEvent.sender == sender
        )
    )
