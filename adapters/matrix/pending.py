"""Events not decrypted yet (room keys still missing), in the database, so a restart keeps them.

One `transport_cursors` row, like the sync position: a JSON list of
`{"room_id": ..., "event": <the raw event source>}`, oldest first.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from nio import MegolmEvent

from bot.storage.database import Database
from bot.storage.models import TransportCursor

log = logging.getLogger(__name__)

KEY = "matrix:pending"


async def load(db: Database) -> list[tuple[str, MegolmEvent]]:
    """The saved events, oldest first; an unreadable entry is dropped."""
    async with db.session() as session:
        row = await session.get(TransportCursor, KEY)
        raw = row.value if row else "[]"
    try:
        entries = json.loads(raw)
    except ValueError:
        log.warning("pending Matrix events unreadable; dropped")
        return []
    events: list[tuple[str, MegolmEvent]] = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            room_id, source = str(entry["room_id"]), entry["event"]
        except (KeyError, TypeError):
            continue
        event = MegolmEvent.from_dict(source)
        if isinstance(event, MegolmEvent):
            event.room_id = room_id  # set by nio's sync, needed to decrypt
            events.append((room_id, event))
    return events


async def save(db: Database, events: list[tuple[str, MegolmEvent]]) -> None:
    entries: list[dict[str, Any]] = [
        {"room_id": room_id, "event": event.source} for room_id, event in events
    ]
    value = json.dumps(entries, ensure_ascii=False)
    async with db.session() as session:
        row = await session.get(TransportCursor, KEY)
        if row is None:
            session.add(TransportCursor(transport=KEY, value=value))
        else:
            row.value = value
