"""End to end: a user on the Telegram emulator talking to the real core."""

from __future__ import annotations

import pytest

from bot.messages import STALE_BUTTON
from bot.notices import NOT_TEXT
from tests.e2e.telegram.client import TelegramUser
from tests.e2e.telegram.harness import BOT_USERNAME

pytestmark = pytest.mark.e2e


async def test_start_then_help_button_and_command(user: TelegramUser) -> None:
    [hello] = await user.ask("/start")
    assert hello.parse_mode == "HTML"
    assert "Bonjour Camille" in hello.text
    assert "<b>Mentor</b>" in hello.text
    assert ("Voir l'aide", "help:show") in hello.buttons

    await user.press(hello, "help:show")
    [shown] = await user.replies()
    assert "/aide" in shown.text
    assert ("Questions", "help:fam:questions") in shown.buttons
    await user.press(shown, "help:fam:questions")
    [family] = await user.edits()  # the menu becomes the family, in place
    assert (family.message_id, "/question" in family.text) == (shown.message_id, True)

    [help_text] = await user.ask("/aide")
    assert "<b>Commandes</b>" in help_text.text


async def test_command_menu_is_generated_in_french(user: TelegramUser) -> None:
    menu = await user.command_menu()
    names = {c["command"]: c["description"] for c in menu["default"]}
    assert {"aide", "start", "question"} <= set(names)
    assert names["aide"] == "Afficher cette aide"
    assert all(n == n.lower() and n.isascii() for n in names)
    assert "all_group_chats" in menu


async def test_knowledge_question_is_answered_with_its_source(user: TelegramUser) -> None:
    [answer] = await user.ask("C'est quoi le CCP1 ?")
    assert "CCP1" in answer.text
    assert "Source" in answer.text
    assert "https://" in answer.text
    assert "**" not in answer.text  # the light markup was rendered


async def test_stale_button_gets_a_polite_message(user: TelegramUser) -> None:
    [hello] = await user.ask("/start")
    await user.press(hello, "v0-old-flow:42")  # data from an older version of the bot
    [stale] = await user.replies()
    assert stale.text == STALE_BUTTON


async def test_a_sticker_gets_a_polite_notice(user: TelegramUser) -> None:
    await user.send_raw(
        sticker={
            "file_id": "s1",
            "file_unique_id": "u1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    )
    [notice] = await user.replies()
    assert notice.text == NOT_TEXT


async def test_group_answers_only_when_addressed(user: TelegramUser) -> None:
    group = user.group_chat()
    # Unaddressed: a question and another bot's bare command. Updates of one chat are handled
    # in order, so had the bot answered them, those answers would arrive before the next one.
    await user.say("C'est quoi le CCP1 ?", chat=group)
    await user.say("/ban Marc", chat=group)
    [help_text] = await user.ask(f"/aide@{BOT_USERNAME}", chat=group)
    assert "<b>Commandes</b>" in help_text.text
    assert help_text.chat_id == group["id"]
    [bare] = await user.ask("/aide", chat=group)  # one of its own commands, typed bare
    assert "<b>Commandes</b>" in bare.text

    [answer] = await user.ask(f"@{BOT_USERNAME} c'est quoi le CCP1 ?", chat=group)
    assert "Source" in answer.text

    await user.say("/aide@UnAutreBot", chat=group)
    [reply] = await user.ask("Et le CCP2 ?", chat=group, reply_to=answer)
    assert "CCP2" in reply.text


async def test_the_same_update_delivered_twice_is_answered_once(user: TelegramUser) -> None:
    await user.ask("/aide")
    await user.redeliver(await user.last_update_id())
    [only] = await user.ask("/start")  # a duplicate answer would come first
    assert "Bonjour" in only.text
