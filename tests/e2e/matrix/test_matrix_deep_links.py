"""On Synapse, the deep links' typed forms: ``!mentor rejoindre CODE`` joins a cohort, and
where the private chat is meant a room gets a matrix.to link to the bot."""

from __future__ import annotations

import re

import pytest

from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_stories import ask_until, dm_with_welcome
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e
COHORT = "REMN Rennes 2027"


async def test_a_learner_joins_by_typing_the_code_and_rooms_link_to_the_private_chat(
    bot: BotRunner, new_user: NewUser
) -> None:
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    private_link = f"https://matrix.to/#/{me}"
    admin: UserClient = await new_user("admin")
    trainer: UserClient = await new_user("formatrice")
    learner: UserClient = await new_user("apprenant")
    bot.settings.mentor_admins = f"matrix:{admin.user_id}"
    trainer_dm = await dm_with_welcome(trainer, me)
    admin_dm = await dm_with_welcome(admin, me)
    named = await ask_until(
        admin, admin_dm, me, f"/cohorte formateur {trainer.user_id}", "formateur"
    )
    assert "est maintenant formateur" in named

    created = await ask_until(trainer, trainer_dm, me, f'!cohorte creer "{COHORT}"', "créée")
    found = re.search(r"!mentor rejoindre (\w+)", created)
    assert found, created
    code = found.group(1)
    assert f"m'écrivent en privé ({private_link})" in created
    assert "!cohorte lier dans le groupe" in created  # no one-tap link on Matrix: typed

    # In a room, the same words answer with the way to the private chat.
    room = await learner.create_room([me, trainer.user_id], direct=False)
    await learner.wait_joined(room, me)
    [welcome] = await learner.wait_for(room, me)  # the room's welcome points there too
    assert f"Continuer en message privé : {private_link}" in welcome.body
    in_room = await ask_until(learner, room, me, f"!mentor rejoindre {code}", "privé")
    assert f"Continuer en message privé : {private_link}" in in_room
    [event] = [ev for ev in learner.from_sender(room, me) if ev.body == in_room]
    assert f'<a href="{private_link}">' in event.source["content"]["formatted_body"]

    # In the direct chat, typed after !mentor, the code joins at once.
    learner_dm = await dm_with_welcome(learner, me)
    joined = await ask_until(learner, learner_dm, me, f"!mentor rejoindre {code}", "cohorte")
    assert f"Bienvenue dans la cohorte « {COHORT} »" in joined
    view = await ask_until(trainer, trainer_dm, me, "!cohorte", "Apprenants")
    assert "Apprenants : 1" in view
