"""Behaviour of the conversation core: commands, help, choices and bad input."""

from __future__ import annotations

from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.settings import Settings
from bot.storage.database import Database
from tests.support.chat import group, joined, press, private, say


async def test_help_lists_every_visible_command(mentor: Mentor) -> None:
    [reply] = await say(mentor, "/aide")
    text = reply.text
    for choice in reply.choices:
        text += joined(await press(mentor, choice.data))
    for command in mentor.registry.visible():
        assert f"/{command.name}" in text


async def test_start_greets_by_first_name_and_offers_help_button(mentor: Mentor) -> None:
    replies = await say(mentor, "/start")
    assert "Bonjour Camille" in replies[0].text
    assert replies[0].choices


async def test_unknown_command_suggests_the_closest_ones(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/aid"))
    assert "Je ne connais pas la commande /aid" in text
    assert "/aide" in text


async def test_unknown_command_with_markup_is_escaped(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/x**gras**"))
    assert "**gras**" not in text


async def test_numbered_answer_picks_the_pending_choice(mentor: Mentor) -> None:
    first = await say(mentor, "/start")
    assert first[0].choices[0].data == "help:show"
    text = joined(await say(mentor, "1"))
    assert "/aide" in text


async def test_number_out_of_range_asks_for_a_valid_one(mentor: Mentor) -> None:
    offered = await say(mentor, "/start")
    text = joined(await say(mentor, "7"))
    assert f"entre 1 et {len(offered[0].choices)}" in text


async def test_number_without_pending_choice_is_explained(mentor: Mentor) -> None:
    text = joined(await say(mentor, "2"))
    assert "pas de choix en attente" in text


async def test_unknown_button_data_gets_a_polite_message(mentor: Mentor) -> None:
    text = joined(await press(mentor, "v0:ancien-bouton:42"))
    assert "plus valable" in text


async def test_empty_and_whitespace_messages_get_a_polite_reply(mentor: Mentor) -> None:
    for text in ("", "   ", "\n\t"):
        replies = await say(mentor, text)
        assert replies and "question" in replies[0].text


async def test_one_megabyte_message_is_refused_politely(mentor: Mentor) -> None:
    replies = await say(mentor, "a" * 1_000_000)
    assert "très long" in replies[0].text


async def test_binary_and_control_characters_do_not_crash(mentor: Mentor) -> None:
    replies = await say(mentor, "\x00\x01\x02\xff\ufffe")
    assert replies and "Désolé, un problème" not in replies[0].text


async def test_emoji_only_message_gets_a_polite_reply(mentor: Mentor) -> None:
    replies = await say(mentor, "😀🎉👍")
    assert "question" in replies[0].text


async def test_sql_looking_text_is_just_text(mentor: Mentor) -> None:
    replies = await say(mentor, "'; DROP TABLE users; --")
    assert replies
    again = await say(mentor, "/aide")
    assert "/aide" in again[0].text


async def test_html_in_text_is_never_echoed_as_markup(mentor: Mentor) -> None:
    replies = await say(mentor, "/<script>alert(1)</script>")
    assert "<script>" not in joined(replies)


async def test_same_event_delivered_twice_is_answered_once(mentor: Mentor) -> None:
    message = private("/aide")
    assert await mentor.handle(message)
    assert await mentor.handle(message) == []


async def test_group_message_not_addressed_is_ignored(mentor: Mentor) -> None:
    assert await mentor.handle(group("bonjour tout le monde", addressed=False)) == []


async def test_group_message_with_bot_prefix_is_answered(mentor: Mentor) -> None:
    replies = await mentor.handle(group("!mentor aide", addressed=False))
    assert "/aide" in joined(replies)


async def test_greeting_is_answered_naturally(mentor: Mentor) -> None:
    assert "Bonjour" in joined(await say(mentor, "Bonjour !"))


async def test_thanks_is_answered_naturally(mentor: Mentor) -> None:
    assert "plaisir" in joined(await say(mentor, "merci beaucoup"))


async def test_unaddressed_group_messages_are_ignored_even_when_the_database_fails(
    settings: Settings, kb: KnowledgeBase
) -> None:
    broken = Mentor(settings, Database("postgresql+asyncpg://nobody@127.0.0.1:9/none"), kb)
    assert await broken.handle(group("on mange où ?", addressed=False)) == []
    replies = await broken.handle(private("bonjour"))
    assert "problème technique" in replies[0].text
    await broken.stop()
