"""The Matrix adapter without a homeserver: undecryptable events, and the numbered choices
of a message the bot starts itself (a nudge) answered by "1"."""

from __future__ import annotations

from nio import MegolmEvent

from adapters.matrix.adapter import UNDECRYPTABLE
from bot.app import Mentor
from tests.support import matrix_fake
from tests.support.matrix_fake import FakeClient, adapter_on, room

CAMILLE = "@camille:example.org"
DM = "!dm:example.org"
GROUP = "!group:example.org"


def encrypted(event_id: str, sender: str = CAMILLE) -> MegolmEvent:
    return matrix_fake.encrypted(event_id, sender)


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
    assert "!aide" in client.bodies(DM)[1]


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
    (room_id, reloaded), *others = adapter._undecryptable.events.values()
    assert (room_id, reloaded.event_id, reloaded.room_id, others) == (DM, "$secret3", DM, [])

    after.keys["$secret3"] = "/aide"
    await adapter._retry_pending()
    await adapter._retry_pending()
    assert len(after.sent) == 1
    assert "!aide" in after.bodies(DM)[0]

    again = adapter_on(mentor, FakeClient({DM: room(DM, CAMILLE)}))
    await again._load_pending()  # answered: gone from the database too
    assert not again._undecryptable.events
