"""A Matrix client stand-in for adapter tests without a homeserver: rooms, messages in
clear or still encrypted, room keys that arrive on demand, and what the bot sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nio import MatrixRoom, MegolmEvent, RoomMessageText, RoomSendResponse
from nio.exceptions import EncryptionError

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.translate import Me
from bot.app import Mentor

BOT = "@mentor:example.org"


def room(room_id: str, *members: str) -> MatrixRoom:
    matrix_room = MatrixRoom(room_id, BOT)
    for user in (BOT, *members):
        matrix_room.add_member(user, None, None)
    return matrix_room


def clear(event_id: str, sender: str, body: str) -> RoomMessageText:
    event = RoomMessageText.from_dict(
        {
            "type": "m.room.message",
            "event_id": event_id,
            "sender": sender,
            "origin_server_ts": 1,
            "content": {"msgtype": "m.text", "body": body},
        }
    )
    assert isinstance(event, RoomMessageText)
    return event


def encrypted(event_id: str, sender: str) -> MegolmEvent:
    event = MegolmEvent.from_dict(
        {
            "type": "m.room.encrypted",
            "event_id": event_id,
            "sender": sender,
            "origin_server_ts": 1,
            "content": {
                "algorithm": "m.megolm.v1.aes-sha2",
                "ciphertext": "opaque",
                "sender_key": "curve-key",
                "session_id": "megolm-session",
                "device_id": "PHONE",
            },
        }
    )
    assert isinstance(event, MegolmEvent)
    return event


@dataclass
class FakeClient:
    """The few AsyncClient calls the adapter makes; keys arrive on demand."""

    rooms: dict[str, MatrixRoom]
    keys: dict[str, str] = field(default_factory=dict)  # event id -> clear body, once arrived
    key_requests: list[str] = field(default_factory=list)
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    user_id: str = BOT

    async def request_room_key(self, event: MegolmEvent) -> None:
        self.key_requests.append(event.event_id)

    def decrypt_event(self, event: MegolmEvent) -> RoomMessageText:
        if event.event_id not in self.keys:
            raise EncryptionError("no session")
        return clear(event.event_id, event.sender, self.keys[event.event_id])

    async def room_send(
        self,
        room_id: str,
        message_type: str,  # noqa: ARG002 (nio's signature)
        content: dict[str, Any],
        **kwargs: Any,  # noqa: ARG002 (nio's signature)
    ) -> RoomSendResponse:
        self.sent.append((room_id, content))
        return RoomSendResponse(f"$sent{len(self.sent)}", room_id)

    def bodies(self, room_id: str | None = None) -> list[str]:
        """What the bot sent, in one room or in all."""
        return [str(c["body"]) for rid, c in self.sent if room_id in (None, rid)]


def adapter_on(mentor: Mentor, client: FakeClient) -> MatrixAdapter:
    adapter = MatrixAdapter(mentor)
    adapter.client = client
    adapter.me = Me(BOT, "Mentor")
    return adapter
