"""Choices without buttons on a real Synapse: a label typed instead of a number, numbers
that stay put in a dialog, a bare number in a room from the person asked (and only
them), and a file that follows the sentence introducing it."""

from __future__ import annotations

import re

import pytest
from nio import RoomMessageFile

from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_stories import ask_until, dm_with_welcome, number_of
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e


async def test_labels_typed_instead_of_numbers_validate_an_entry(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me, encrypted=True)
    body = await ask_until(
        user, room, me, "/preuve Atelier smartphone pour 8 seniors", "Quelle(s) compétence(s)"
    )
    code = re.search(r"^\d+\. (C\d\.\d)", body, re.MULTILINE)
    assert code, body
    toggled = await ask_until(user, room, me, code.group(1).lower(), "✅")  # "c1.4": its label
    valider = number_of(toggled, "Valider")
    everything = await ask_until(user, room, me, "autre compétence", "C3.3")
    assert number_of(everything, "Valider") == valider  # the same choice, the same number
    summary = await ask_until(user, room, me, "Valid", "Récapitulatif")  # a start of a label
    assert code.group(1) in summary
    saved = await ask_until(user, room, me, "ENREGISTRER", "enregistrée")
    assert saved.startswith("Preuve n°1 enregistrée")


async def test_in_a_room_a_bare_number_answers_the_person_who_was_asked(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    other: UserClient = await new_user("dominique")
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await user.create_room([me, other.user_id], direct=False)
    await user.wait_joined(room, me)
    await other.client.join(room)
    await other.wait_joined(room, other.user_id)  # its client knows the room
    await user.wait_joined(room, other.user_id)
    await user.wait_for(room, me)  # the room's welcome
    menu = await ask_until(user, room, me, "!mentor /aide", "Questions")
    questions = number_of(menu, "Questions")
    await other.send(room, questions)  # not the one who was asked: nothing
    await ask_until(user, room, me, questions, "!question")
    # A sentinel: had the other person's number been answered, that answer came first.
    await ask_until(user, room, me, "!mentor /aide", "Questions")
    bodies = [ev.body for ev in user.from_sender(room, me)]
    assert len(bodies) == 4, bodies  # welcome, menu, the asker's family, the sentinel


async def test_the_dp_draft_arrives_after_the_sentence_that_introduces_it(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me)
    body = await ask_until(
        user, room, me, "/preuve Atelier courriel pour 6 seniors", "Quelle(s) compétence(s)"
    )
    code = re.search(r"^\d+\. (C\d\.\d)", body, re.MULTILINE)
    assert code, body
    await ask_until(user, room, me, code.group(1), "✅")
    await ask_until(user, room, me, "valider", "Récapitulatif")
    await ask_until(user, room, me, "enregistrer", "enregistrée")
    before = len(user.from_sender(room, me))
    await user.send(room, "/export")
    sent = (await user.wait_for(room, me, count=before + 4))[before:]
    assert "brouillon de votre dossier professionnel" in sent[0].body
    assert isinstance(sent[1], RoomMessageFile)
    assert sent[1].body.endswith(".docx")
    assert sent[2].body.startswith("La même chose en texte")
    assert isinstance(sent[3], RoomMessageFile)
    assert sent[3].body.endswith(".md")
