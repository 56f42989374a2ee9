"""Events not decrypted yet (room keys still missing), in the database, so a restart keeps them.

Stored through the core's `bot.pending_events` table (sender, room, the raw event source),
so erasing a user's data also drops what they sent that is still waiting.
"""

from __future__ import annotations

import json
import logging

from nio import MegolmEvent

from adapters.matrix.translate import TRANSPORT
from bot import pending_events
from bot.pending_events import Waiting
from bot.storage.database import Database
from bot.storage.types import utcnow

log = logging.getLogger(__name__)


async def load(db: Database) -> list[tuple[str, MegolmEvent]]:
    """The saved events, oldest first; an unreadable entry is dropped."""
    events: list[tuple[str, MegolmEvent]] = []
    for waiting in await pending_events.load(db, TRANSPORT):
        try:
            source = json.loads(waiting.payload)
        except ValueError:
            log.warning("pending Matrix event %s unreadable; dropped", waiting.event_id)
            await pending_events.claim(db, TRANSPORT, waiting.event_id)
            continue
        event = MegolmEvent.from_dict(source) if isinstance(source, dict) else None
        if isinstance(event, MegolmEvent):
            event.room_id = waiting.chat_id  # set by nio's sync, needed to decrypt
            events.append((waiting.chat_id, event))
    return events


async def keep(db: Database, room_id: str, event: MegolmEvent, limit: int) -> None:
    """Store one event waiting for its key; the oldest beyond `limit` are dropped."""
    waiting = Waiting(
        event_id=event.event_id,
        sender=event.sender,
        chat_id=room_id,
        payload=json.dumps(event.source, ensure_ascii=False),
        received_at=utcnow(),
    )
    await pending_events.keep(db, TRANSPORT, waiting, limit)


async def claim(db: Database, event_id: str) -> bool:
    """True once per event still stored: False if handled already or erased with its sender."""
    return await pending_events.claim(db, TRANSPORT, event_id)
