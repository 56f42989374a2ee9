"""The Matrix adapter without a homeserver: undecryptable events, and the numbered choices
of a message the bot starts itself (a nudge) answered by "1"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nio import MatrixRoom, MegolmEvent, RoomMessageText, RoomSendResponse
from nio.exceptions import EncryptionError

from adapters.matrix.adapter import UNDECRYPTABLE, MatrixAdapter
from adapters.matrix.translate import Me
from bot.app import Mentor

BOT = "@mentor:example.org"
CAMILLE = "@camille:example.org"
DM = "!dm:example.org"
GROUP = "!group:example.org"


def room(room_id: str, *members: str) -> MatrixRoom:
    matrix_room = MatrixRoom(room_id, BOT)
    for user in (BOT, *members):
        matrix_room.add_member(user, None, None)
    return matrix_room


def encrypted(event_id: str, sender: str = CAMILLE) -> MegolmEvent:
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
    """The few AsyncClient calls the undecryptable path makes; keys arrive on demand."""

    rooms: dict[str, MatrixRoom]
    keys: dict[str, str] = field(default_factory=dict)  # event id -> clear body, once arrived
    key_requests: list[str] = field(default_factory=list)
    sent: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    user_id: str = BOT

    async def request_room_key(self, event: MegolmEvent) -> None:
        self.key_requests.append(event.event_id)

    def decrypt_event(self, event: MegolmEvent) -> RoomMessageText:
        if event.event_id not in self.keys:
            raise EncryptionError("no session")
        clear = RoomMessageText.from_dict(
            {
                "type": "m.room.message",
                "event_id": event.event_id,
                "sender": event.sender,
                "origin_server_ts": 1,
                "content": {"msgtype": "m.text", "body": self.keys[event.event_id]},
            }
        )
        assert isinstance(clear, RoomMessageText)
        return clear

    async def room_send(
        self,
        room_id: str,
        message_type: str,  # noqa: ARG002 - matrix-nio's room_send signature
        content: dict[str, Any],
        **kwargs: Any,
    ) -> RoomSendResponse:
        self.sent.append((room_id, content, str(kwargs.get("tx_id"))))
        return RoomSendResponse(f"$sent{len(self.sent)}", room_id)

    def bodies(self, room_id: str) -> list[str]:
        return [str(content["body"]) for rid, content, _ in self.sent if rid == room_id]


def adapter_on(mentor: Mentor, client: FakeClient) -> MatrixAdapter:
    adapter = MatrixAdapter(mentor)
    adapter.client = client
    adapter.me = Me(BOT, "Mentor")
    return adapter


async def test_an_undecryptable_message_is_apologised_for_once_then_answered_when_keys_arrive(
    mentor: Mentor,
) -> None:
    client = FakeClient({DM: room(DM, CAMILLE)})
    adapter = adapter_on(mentor, client)
    event = encrypted("$secret1")

    await adapter._on_event(client.rooms[DM], event)
    await adapter._on_event(client.rooms[DM], event)  # the same event in a later batch
    assert client.key_requests == ["$secret1"]
    assert client.bodies(DM) == [UNDECRYPTABLE.text]

    await adapter._retry_pending()  # still no key: nothing more is said
    assert len(client.sent) == 1

    client.keys["$secret1"] = "/aide"
    await adapter._retry_pending()
    await adapter._retry_pending()  # answered once: the event left the pending list
    assert len(client.sent) == 2
    assert "/aide" in client.bodies(DM)[1]


async def test_an_undecryptable_message_in_a_group_asks_for_keys_silently(
    mentor: Mentor,
) -> None:
    client = FakeClient({GROUP: room(GROUP, CAMILLE, "@dominique:example.org")})
    adapter = adapter_on(mentor, client)
    await adapter._on_event(client.rooms[GROUP], encrypted("$secret2"))
    assert client.key_requests == ["$secret2"]
    assert client.sent == []


async def test_an_undecryptable_message_survives_a_restart_and_is_answered_once(
    mentor_any_db: Mentor,
) -> None:
    mentor = mentor_any_db
    before = FakeClient({DM: room(DM, CAMILLE)})
    await adapter_on(mentor, before)._on_event(before.rooms[DM], encrypted("$secret3"))
    assert before.bodies(DM) == [UNDECRYPTABLE.text]

    # A new process on the same database: the sync resumes after that event.
    after = FakeClient({DM: room(DM, CAMILLE)})
    adapter = adapter_on(mentor, after)
    await adapter._load_pending()
    (room_id, reloaded), *others = adapter._pending.values()
    assert (room_id, reloaded.event_id, reloaded.room_id, others) == (DM, "$secret3", DM, [])

    after.keys["$secret3"] = "/aide"
    await adapter._retry_pending()
    await adapter._retry_pending()
    assert len(after.sent) == 1
    assert "/aide" in after.bodies(DM)[0]

    again = adapter_on(mentor, FakeClient({DM: room(DM, CAMILLE)}))
    await again._load_pending()  # answered: gone from the database too
    assert not again._pending
