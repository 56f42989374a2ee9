"""On a real Synapse, replies that replace a message on Telegram (an edit in place) arrive
as new messages — Matrix has no buttons to redraw — and a used keyboard's removal is
simply not shown: every choice still works by its number."""

from __future__ import annotations

import pytest
from nio import RoomMessage

from tests.e2e.matrix.conftest import BotRunner
from tests.e2e.matrix.test_matrix_stories import dm_with_welcome
from tests.e2e.matrix.user import NewUser, UserClient

pytestmark = pytest.mark.e2e


def not_an_edit(ev: RoomMessage) -> bool:
    return "m.relates_to" not in ev.source["content"] and not ev.body.startswith("* ")


async def test_in_place_replies_arrive_as_new_messages_and_numbers_keep_working(
    bot: BotRunner, new_user: NewUser
) -> None:
    user: UserClient = await new_user()
    assert bot.adapter is not None
    me = bot.adapter.me.user_id
    room = await dm_with_welcome(user, me)  # 1 message

    async def next_reply(text: str, seen: int) -> RoomMessage:
        await user.send(room, text)
        found = await user.wait_for(room, me, count=seen + 1)
        assert len(found) == seen + 1, [e.body for e in found]
        return found[-1]

    menu = await next_reply("/aide", 1)
    assert "2. Journal" in menu.body
    family = await next_reply("2", 2)  # an edit on Telegram: a new message here
    assert "!preuve" in family.body
    assert "6. ‹ Retour au menu" in family.body
    back = await next_reply("6", 3)
    assert back.body == menu.body

    await next_reply("/rappel vendredi 16h", 4)
    shown = await next_reply("/rappel", 5)
    assert "1. Pause 1 semaine" in shown.body
    paused = await next_reply("1", 6)
    assert "Rappels en pause" in paused.body
    assert "1. Reprendre" in paused.body
    resumed = await next_reply("1", 7)
    assert "Rappels repris" in resumed.body

    asked = await next_reply("/preuve Atelier smartphone pour 8 seniors à la médiathèque", 8)
    assert "1. C" in asked.body
    toggled = await next_reply("1", 9)  # a toggle redraws its keyboard: here, a new list
    assert "Choisie(s)" in toggled.body
    assert "1. ✅ C" in toggled.body

    replies = user.from_sender(room, me)
    assert all(not_an_edit(ev) for ev in replies)
    assert not any("problème technique" in ev.body for ev in replies)
