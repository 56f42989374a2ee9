"""The bot on a real Synapse, a matrix-nio client playing the conseiller."""

from __future__ import annotations

import re

import pytest
from nio import RoomMessage

from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e

QUESTION = "c'est quoi le CCP1 ?"


def cites_a_source(ev: RoomMessage) -> bool:
    html = ev.source["content"].get("formatted_body") or ""
    return '<a href="http' in html


async def dm_with_welcome(user: UserClient, bot_id: str, encrypted: bool = False) -> str:
    room = await user.create_room([bot_id], direct=True, encrypted=encrypted)
    await user.wait_joined(room, bot_id)
    welcome = await user.wait_for(room, bot_id)
    assert "Bonjour" in welcome[0].body
    return room


@pytest.mark.parametrize("encrypted", [False, True], ids=["clear", "encrypted"])
async def test_a_direct_chat_is_welcomed_and_questions_are_answered_with_sources(
    bot: BotRunner, new_user: NewUser, encrypted: bool
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted)
    welcome = user.from_sender(room, me)[0]
    assert "1. Voir l'aide" in welcome.body  # choices as a numbered list
    assert welcome.source["content"]["format"] == "org.matrix.custom.html"
    if encrypted:
        assert getattr(welcome, "decrypted", False)

    await user.send(room, "1")  # the numbered choice offered in the welcome
    help_reply = (await user.wait_for(room, me, count=2))[1]
    assert "Commandes" in help_reply.body
    assert "!aide" in help_reply.body  # as Matrix users type it

    await user.send(room, QUESTION)
    answer = (await user.wait_for(room, me, count=3))[2]
    assert cites_a_source(answer), answer.source["content"]


async def test_a_group_room_answers_only_when_addressed(bot: BotRunner, new_user: NewUser) -> None:
    user: UserClient = await new_user()
    other: UserClient = await new_user("dominique")
    assert bot.adapter is not None
    me, name = bot.adapter.me.user_id, bot.adapter.me.display_name or bot.adapter.me.user_id
    room = await user.create_room([me, other.user_id], direct=False)
    await user.wait_joined(room, me)
    welcome = (await user.wait_for(room, me))[0]
    assert "!mentor" in welcome.body

    await user.send(room, QUESTION)  # not addressed: ignored
    pill = f'<a href="https://matrix.to/#/{me}">{name}</a> : {QUESTION}'
    await user.send(
        room, f"{name} : {QUESTION}", format="org.matrix.custom.html", formatted_body=pill
    )
    replies = await user.wait_for(room, me, count=2)
    assert cites_a_source(replies[1])

    await user.send(
        room,
        "et le CCP2 ?",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": replies[1].event_id}}},
    )
    await user.send(room, "!mentor /aide")
    replies = await user.wait_for(room, me, count=4)
    assert "!aide" in replies[3].body
    assert len(user.from_sender(room, me)) == 4  # the unaddressed question got nothing


async def test_a_restart_answers_missed_messages_once_and_replays_nothing(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted=True)
    await user.send(room, QUESTION)
    await user.wait_for(room, me, count=2)

    await bot.stop()
    await user.send(room, "Pôle emploi peut financer ma formation ?")
    await user.send(room, "/aide")
    await bot.start()
    replies = await user.wait_for(room, me, count=4)
    assert "!aide" in replies[3].body

    await bot.stop()
    await bot.start()
    await user.send(room, "/aide")  # a sentinel: any replay would arrive before its answer
    replies = await user.wait_for(room, me, count=5)
    assert "!aide" in replies[4].body
    await user.sync(timeout=300)
    assert len(user.from_sender(room, me)) == 5


async def ask_until(user: UserClient, room: str, me: str, text: str, marker: str) -> str:
    """Send `text` and return the body of the first new bot message containing `marker`."""
    old = {ev.event_id for ev in user.from_sender(room, me)}
    await user.send(room, text)
    found = await user.wait_for(
        room, me, where=lambda ev: ev.event_id not in old and marker in ev.body
    )
    return str(found[0].body)


def number_of(body: str, label: str) -> str:
    match = re.search(rf"^(\d+)\. [^\n]*{re.escape(label)}", body, re.MULTILINE)
    assert match, f"no choice {label!r} in {body!r}"
    return match.group(1)


async def test_the_journal_dialog_works_with_numbered_choices_in_an_encrypted_chat(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted=True)
    body = await ask_until(user, room, me, "/preuve", "Annuler")
    body = await ask_until(
        user, room, me, "Atelier smartphone pour 8 seniors à la médiathèque", "Hier"
    )
    body = await ask_until(user, room, me, number_of(body, "Hier"), "Annuler")
    for marker in ("conditions", "moyens", "structure"):  # who, conditions, means: skipped
        body = await ask_until(user, room, me, number_of(body, "Passer"), marker)
    body = await ask_until(user, room, me, number_of(body, "Passer"), "C1.")
    picked = await ask_until(user, room, me, number_of(body, "C1."), "✅")
    assert "Valider" in picked
