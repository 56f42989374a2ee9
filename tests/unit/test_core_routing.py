"""Behaviour of the conversation core: commands, help, choices and bad input."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.answers.knowledge import KnowledgeBase
from bot.answers.reply import SMALLTALK_REPLIES
from bot.answers.smalltalk import SmallTalk
from bot.app import Mentor
from bot.messages import STALE_BUTTON, Choice, escape_markup
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import User
from tests.support.chat import group, joined, press, private, say

NO_QUESTION = (
    "Je n'ai pas trouvé de question dans votre message. Écrivez-moi votre question en "
    "quelques mots, ou tapez /aide."
)


async def test_help_lists_every_visible_command(mentor: Mentor) -> None:
    [reply] = await say(mentor, "/aide")
    text = reply.text
    for choice in reply.choices:
        text += joined(await press(mentor, choice.data))
    for command in mentor.registry.visible():
        assert f"/{command.name}" in text


async def test_start_greets_by_first_name_and_offers_help_button(mentor: Mentor) -> None:
    replies = await say(mentor, "/start")
    assert replies[0].text.startswith("Bonjour Camille !\n")
    assert replies[0].choices[0] == Choice("Voir l'aide", "help:show")


async def test_unknown_command_suggests_the_closest_ones(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/aid"))
    assert "Je ne connais pas la commande /aid" in text
    assert "/aide" in text


async def test_unknown_command_with_markup_is_escaped(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/_pas_italique_"))
    assert f"Je ne connais pas la commande /{escape_markup('_pas_italique_')}." in text
    assert "_pas_italique_" not in text


async def test_numbered_answer_picks_the_pending_choice(mentor: Mentor) -> None:
    help_text = joined(await say(mentor, "/aide", user="u2"))
    first = await say(mentor, "/start")
    assert first[0].choices[0].data == "help:show"
    assert joined(await say(mentor, "1")) == help_text


async def test_number_out_of_range_asks_for_a_valid_one(mentor: Mentor) -> None:
    offered = await say(mentor, "/start")
    text = joined(await say(mentor, "7"))
    assert f"entre 1 et {len(offered[0].choices)}" in text


async def test_number_without_pending_choice_is_explained(mentor: Mentor) -> None:
    text = joined(await say(mentor, "2"))
    assert text == "Il n'y a pas de choix en attente. Posez votre question ou tapez /aide."


async def test_unknown_button_data_gets_a_polite_message(mentor: Mentor) -> None:
    text = joined(await press(mentor, "v0:ancien-bouton:42"))
    assert text == STALE_BUTTON


async def test_empty_and_whitespace_messages_get_a_polite_reply(mentor: Mentor) -> None:
    for text in ("", "   ", "\n\t"):
        assert joined(await say(mentor, text)) == NO_QUESTION


async def test_one_megabyte_message_is_refused_politely(mentor: Mentor) -> None:
    replies = await say(mentor, "a" * 1_000_000)
    assert len(replies) == 1
    assert "Votre message est très long" in replies[0].text


async def test_binary_and_control_characters_do_not_crash(mentor: Mentor) -> None:
    replies = await say(mentor, "\x00\x01\x02\xff\ufffe")
    assert len(replies) == 1
    assert replies[0].text.startswith("Désolé, je ne peux pas vous aider sur ce sujet.")


async def test_emoji_only_message_gets_a_polite_reply(mentor: Mentor) -> None:
    assert joined(await say(mentor, "😀👍")) == SMALLTALK_REPLIES[SmallTalk.OK]


async def test_sql_looking_text_is_just_text(mentor: Mentor) -> None:
    replies = await say(mentor, "'; DROP TABLE users; --")
    assert joined(replies).startswith("Désolé, je ne peux pas vous aider sur ce sujet.")
    async with mentor.db.session() as session:
        users = (await session.execute(select(func.count()).select_from(User))).scalar()
    assert users == 1


async def test_html_in_text_is_never_echoed_as_markup(mentor: Mentor) -> None:
    replies = await say(mentor, "/<script>alert(1)</script>")
    assert joined(replies) == "Je n'ai pas reconnu cette commande. Tapez /aide pour la liste."


async def test_same_event_delivered_twice_is_answered_once(mentor: Mentor) -> None:
    message = private("/aide")
    first = joined(await mentor.handle(message))
    assert "**Commandes**" in first
    assert await mentor.handle(message) == []


async def test_group_message_not_addressed_is_ignored(mentor: Mentor) -> None:
    assert await mentor.handle(group("bonjour tout le monde", addressed=False)) == []


async def test_group_message_with_bot_prefix_is_answered(mentor: Mentor) -> None:
    replies = await mentor.handle(group("!mentor aide", addressed=False))
    [reply] = replies
    assert reply.text.endswith("Les rappels, le journal et vos données se gèrent en message privé.")
    assert "help:fam:questions" in [c.data for c in reply.choices]


async def test_greeting_is_answered_naturally(mentor: Mentor) -> None:
    assert joined(await say(mentor, "Bonjour !")).startswith("Bonjour ! Je suis Mentor")


async def test_thanks_is_answered_naturally(mentor: Mentor) -> None:
    assert "plaisir" in joined(await say(mentor, "merci beaucoup"))


async def test_unaddressed_group_messages_are_ignored_even_when_the_database_fails(
    settings: Settings, kb: KnowledgeBase
) -> None:
    broken = Mentor(settings, Database("postgresql+asyncpg://nobody@127.0.0.1:9/none"), kb)
    assert await broken.handle(group("on mange où ?", addressed=False)) == []
    replies = await broken.handle(private("bonjour"))
    assert len(replies) == 1
    assert "problème technique" in replies[0].text
    await broken.stop()
