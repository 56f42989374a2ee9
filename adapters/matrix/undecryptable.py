"""Events not decrypted yet (room keys missing): the bot asks the sender's devices for
the key, says so once in a private chat, and retries after each sync.

They are kept in the database too (`pending.py`) before the sync position moves past
them, so a restart retries them as well; only the newest `_KEEP_PENDING` are kept.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from nio import AsyncClient, ErrorResponse, LocalProtocolError, MatrixRoom, MegolmEvent
from nio.exceptions import EncryptionError

from adapters.matrix import pending
from adapters.matrix.errors import NETWORK_ERRORS
from adapters.matrix.send import Answer
from adapters.matrix.translate import view_of
from bot import notices
from bot.app import Mentor
from bot.messages import ChatKind, Reply

log = logging.getLogger(__name__)

UNDECRYPTABLE = Reply(notices.UNDECRYPTABLE)
_KEEP_PENDING = 200

# The adapter's `_on_event(room, event)`, for an event decrypted at last.
Handle = Callable[[MatrixRoom, Any], Awaitable[None]]


class Undecryptable:
    """The events waiting for their room key, oldest first: event id -> (room id, event)."""

    def __init__(self, mentor: Mentor, answer: Answer) -> None:
        self.mentor = mentor
        self._answer = answer
        self.events: OrderedDict[str, tuple[str, MegolmEvent]] = OrderedDict()

    async def load(self) -> None:
        """The events a previous run could not decrypt, retried after the next sync."""
        for room_id, event in await pending.load(self.mentor.db):
            self.events[event.event_id] = (room_id, event)
        self._trim()

    async def hold(self, client: AsyncClient, room: MatrixRoom, event: MegolmEvent) -> None:
        """Ask the sender's devices for the key, say so in a private chat, retry later."""
        if event.event_id in self.events:
            return
        self.events[event.event_id] = (room.room_id, event)
        self._trim()
        # Before the sync position moves past it.
        await pending.keep(self.mentor.db, room.room_id, event, _KEEP_PENDING)
        try:
            resp = await client.request_room_key(event)
            if isinstance(resp, ErrorResponse):
                log.warning("room key request failed: %s", resp)
        except LocalProtocolError:
            pass  # already requested for this session
        except NETWORK_ERRORS as exc:
            log.warning("room key request failed: %r", exc)
        if view_of(room).kind is ChatKind.PRIVATE:
            await self._answer(room.room_id, [UNDECRYPTABLE], f"undecryptable:{event.event_id}")

    async def retry(self, client: AsyncClient, handle: Handle) -> None:
        """Hand each event whose key has arrived to `handle`, once."""
        for event_id, (room_id, event) in list(self.events.items()):
            room = client.rooms.get(room_id)
            if room is None:
                continue
            try:
                decrypted = client.decrypt_event(event)
            except (EncryptionError, LocalProtocolError):
                continue
            del self.events[event_id]
            # Claimed first: an event whose handling fails is not retried, and one erased
            # meanwhile with its sender's data (/effacer_mes_donnees) is never handled.
            if await pending.claim(self.mentor.db, event_id):
                await handle(room, decrypted)

    def _trim(self) -> None:
        while len(self.events) > _KEEP_PENDING:
            self.events.popitem(last=False)
