"""Link buttons: built by the core from the bot's address, rendered by each transport."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from adapters.console import render as console_render
from adapters.matrix.render import text_content
from adapters.telegram.render import keyboard
from bot import dialogs, links
from bot.app import Mentor
from bot.messages import Choice, Reply
from tests.support.chat import private, say


@dataclass
class FakeSender:
    bot_address: str


SENDERS = {"telegram": FakeSender("MentorBot"), "matrix": FakeSender("@mentor:example.org")}


def test_telegram_links_carry_their_payload() -> None:
    assert links.private_url(SENDERS, "telegram", "ABC234") == "https://t.me/MentorBot?start=ABC234"
    assert links.private_url(SENDERS, "telegram") == "https://t.me/MentorBot"
    assert (
        links.group_url(SENDERS, "telegram", "lier-ABC234")
        == "https://t.me/MentorBot?startgroup=lier-ABC234"
    )


def test_matrix_links_open_the_direct_chat_and_have_no_group_link() -> None:
    assert (
        links.private_url(SENDERS, "matrix", "do-preuve")
        == "https://matrix.to/#/@mentor:example.org"
    )
    assert links.group_url(SENDERS, "matrix", "lier-ABC234") is None


def test_no_link_without_a_connected_transport_or_on_the_console() -> None:
    assert links.private_url({}, "telegram", "x") is None
    assert links.private_url({"console": FakeSender("me")}, "console") is None
    assert links.to_private({}, "telegram") == ()


def test_a_payload_telegram_would_refuse_is_a_bug_caught_early() -> None:
    with pytest.raises(ValueError, match="deep-link payload"):
        links.private_url(SENDERS, "telegram", "deux mots")
    with pytest.raises(ValueError, match="deep-link payload"):
        links.private_url(SENDERS, "telegram", "x" * 65)


def test_commands_are_typed_with_an_exclamation_mark_on_matrix() -> None:
    assert links.typed("matrix", "cohorte lier") == "!cohorte lier"
    assert links.typed("telegram", "cohorte lier") == "/cohorte lier"


REPLY = Reply(
    "Cela se fait en message privé.",
    choices=(
        Choice("Oui", "j:yes"),
        *links.to_private(SENDERS, "telegram", "do-preuve"),
        Choice("Non", "j:no"),
    ),
)


def test_telegram_renders_a_url_button_next_to_callback_buttons() -> None:
    markup = keyboard(REPLY.choices)
    assert markup is not None
    [[yes], [private_chat], [no]] = markup.inline_keyboard
    assert (yes.callback_data, no.callback_data) == ("j:yes", "j:no")
    assert private_chat.url == "https://t.me/MentorBot?start=do-preuve"
    assert private_chat.callback_data is None


def test_clients_without_buttons_number_the_choices_and_show_the_link_as_a_line() -> None:
    text = REPLY.numbered_text()
    assert "1. Oui\n2. Non" in text
    assert text.endswith("Continuer en message privé : https://t.me/MentorBot?start=do-preuve")
    assert "3." not in text
    content = text_content(REPLY)
    assert '<a href="https://t.me/MentorBot?start=do-preuve">' in content["formatted_body"]
    assert "Continuer en message privé : https://t.me/" in console_render(REPLY)


def test_a_reply_with_only_a_link_asks_for_no_number() -> None:
    only = Reply("Texte.", choices=links.to_private(SENDERS, "matrix"))
    assert only.numbered_text() == (
        "Texte.\n\nContinuer en message privé : https://matrix.to/#/@mentor:example.org"
    )


async def test_a_typed_number_never_picks_a_link(mentor: Mentor) -> None:
    """The numbers the user reads are the ones the core maps back to choices."""
    async with mentor.db.session() as session:
        await dialogs.remember_choices(session, private("x"), list(REPLY.choices))
    async with mentor.db.session() as session:
        pending = await dialogs.pending_choices(session, private("2"))
    assert [c.label for c in pending] == ["Oui", "Non"]
    assert (await say(mentor, "3"))[0].text.startswith("Choisissez un numéro entre 1 et 2")
