"""Sending one `Reply` to a room: its text, then its file, each one Matrix transaction.

Transaction ids derive from what is sent (or from the outbox's key), so a retried send
is the same transaction and the homeserver drops the repeat. The ids of the events sent
are remembered a while: a message replying to one of them addresses the bot.

Device trust (E2EE): the bot does not verify devices. In encrypted rooms it shares
its Megolm keys with every device of every joined member (nio's
`ignore_unverified_devices=True`) and reads messages from any device. Rationale:
it only sends to a room what its members may read anyway (journals stay in the
owner's direct chat), and conseillers cannot be asked to run emoji verification
with a bot. Operators wanting stricter trust can blacklist devices in the store.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from nio import (
    AsyncClient,
    LocalProtocolError,
    RoomGetEventResponse,
    RoomSendResponse,
    UploadResponse,
)

from adapters.matrix.errors import NETWORK_ERRORS, delivery_error
from adapters.matrix.pacing import TokenBucket
from adapters.matrix.render import file_content, text_content
from bot.delivery import PermanentDeliveryError, TemporaryDeliveryError
from bot.messages import File, Reply

_KEEP_SENT = 2000

# The adapter's `_answer(room_id, replies, cause)`: replies to one event, through the
# counted `send()`; the invitation and key-waiting helpers answer with it.
Answer = Callable[[str, list[Reply], str], Awaitable[None]]


def derive_txn_id(room_id: str, reply: Reply) -> str:
    """A transaction id from the room and the content: a retried send is the same transaction."""
    parts = [room_id, reply.text, *(c.data for c in reply.choices)]
    if reply.file is not None:
        parts += [reply.file.filename, hashlib.sha256(reply.file.content).hexdigest()]
    return "mentor-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def answer_txn_id(cause: str, index: int) -> str:
    """The id of the `index`-th reply to one event: answering it again is the same send."""
    return "mentor-" + hashlib.sha256(f"{cause}\x1f{index}".encode()).hexdigest()[:40]


class Outgoing:
    """The sending side of one account: paced, idempotent, remembering what it sent."""

    def __init__(self, rate_per_second: float) -> None:
        self._bucket = TokenBucket(rate_per_second)
        self._sent: OrderedDict[str, None] = OrderedDict()

    async def send(self, client: AsyncClient, chat_id: str, reply: Reply, key: str | None) -> str:
        """Send one reply, its text before its file; returns the text's event id (the
        file's when there is no text).

        `key`: the outbox passes the nudge row id, so a retried nudge is one Matrix
        transaction and the homeserver drops the duplicate. Without it, an id is derived
        from the room and the content.
        """
        base = key or derive_txn_id(chat_id, reply)
        file = reply.file
        # The sentence that introduces a file comes first, then the file (a caption has
        # no place of its own in older clients: it joins the text).
        intro = "\n".join(part for part in (reply.text, file.caption if file else "") if part)
        event_id = ""
        if intro or file is None or reply.choices:
            content = text_content(replace(reply, text=intro))
            event_id = await self._send_content(client, chat_id, content, base)
        if file is not None:
            file_id = await self._send_file(client, chat_id, file, f"{base}-file")
            event_id = event_id or file_id
        return event_id

    async def is_mine(self, client: AsyncClient, room_id: str, event_id: str, me: str) -> bool:
        """Whether user `me` (the bot) sent that event: remembered, else asked of the server."""
        if event_id in self._sent:
            return True
        try:
            resp = await client.room_get_event(room_id, event_id)
        except NETWORK_ERRORS:
            return False
        return isinstance(resp, RoomGetEventResponse) and resp.event.sender == me

    async def _send_file(self, client: AsyncClient, room_id: str, file: File, txn_id: str) -> str:
        room = client.rooms.get(room_id)
        encrypt = bool(room and room.encrypted)
        try:
            resp, keys = await client.upload(
                io.BytesIO(file.content),
                content_type=file.mime_type,
                filename=file.filename,
                encrypt=encrypt,
                filesize=len(file.content),
            )
        except NETWORK_ERRORS as exc:
            raise TemporaryDeliveryError(f"upload: {exc!r}") from exc
        if not isinstance(resp, UploadResponse):
            raise delivery_error(resp, "upload")
        content = file_content(
            file.filename, file.mime_type, len(file.content), resp.content_uri, keys
        )
        return await self._send_content(client, room_id, content, txn_id)

    async def _send_content(
        self, client: AsyncClient, room_id: str, content: dict[str, Any], txn_id: str
    ) -> str:
        await self._bucket.take()
        try:
            resp = await client.room_send(
                room_id,
                "m.room.message",
                content,
                tx_id=txn_id,
                ignore_unverified_devices=True,
            )
        except NETWORK_ERRORS as exc:
            raise TemporaryDeliveryError(f"room_send: {exc!r}") from exc
        except LocalProtocolError as exc:  # not in that room, or members not syncable
            raise PermanentDeliveryError(str(exc)) from exc
        if not isinstance(resp, RoomSendResponse):
            raise delivery_error(resp, "room_send")
        self._sent[resp.event_id] = None
        while len(self._sent) > _KEEP_SENT:
            self._sent.popitem(last=False)
        return str(resp.event_id)
