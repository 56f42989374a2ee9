"""Telegram updates for deep links and trainer onboarding: bare commands in groups, the
sender's @username, the author of the message replied to, the ``/start`` payload."""

from __future__ import annotations

from typing import Any

from telegram import Update

from adapters.telegram.translate import BotIdentity, translate
from bot.messages import Incoming

ME = BotIdentity(id=999, username="MentorBot", commands=frozenset({"cohorte", "start", "aide"}))
USER = {"id": 42, "is_bot": False, "first_name": "Alice", "username": "alice_admin"}
SOPHIE = {"id": 43, "is_bot": False, "first_name": "Sophie", "last_name": "Durand"}
BOT_USER = {"id": 999, "is_bot": True, "first_name": "Mentor", "username": "MentorBot"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Alice"}
GROUP = {"id": -100500, "type": "supergroup", "title": "Cohorte"}


def incoming(chat: dict[str, Any], **fields: Any) -> Incoming:
    payload = {"message_id": 7, "date": 1_700_000_000, "chat": chat, "from": USER, **fields}
    result = translate(Update.de_json({"update_id": 1, "message": payload}, None), ME)
    assert isinstance(result, Incoming), result
    return result


def test_a_bare_command_of_this_bot_is_addressed_in_a_group() -> None:
    bare = incoming(GROUP, text="/cohorte lier")
    assert bare.addressed
    assert bare.text == "/cohorte lier"
    assert incoming(GROUP, text="/Cohorte lier").addressed
    assert not incoming(GROUP, text="/ban Marc").addressed  # another bot's, typed bare
    assert not incoming(GROUP, text="cohorte lier").addressed


def test_the_startgroup_payload_reaches_the_core_as_a_start_command() -> None:
    got = incoming(GROUP, text="/start@MentorBot lier-ABC234")
    assert got.addressed
    assert got.text == "/start lier-ABC234"
    assert incoming(PRIVATE, text="/start ABC234").text == "/start ABC234"


def test_the_senders_username_is_passed_on() -> None:
    assert incoming(PRIVATE, text="bonjour").user_handle == "alice_admin"
    no_handle = {**USER, "username": None}
    assert incoming(PRIVATE, text="x", **{"from": no_handle}).user_handle == ""


def test_a_reply_names_the_author_of_the_message_replied_to_unless_it_is_a_bot() -> None:
    theirs = {
        "message_id": 5,
        "date": 1_700_000_000,
        "chat": GROUP,
        "from": SOPHIE,
        "text": "Bonjour",
    }
    got = incoming(GROUP, text="/cohorte formateur", reply_to_message=theirs)
    assert (got.reply_to_user_id, got.reply_to_user_name) == ("43", "Sophie Durand")
    to_bot = {**theirs, "from": BOT_USER}
    got = incoming(GROUP, text="/cohorte formateur", reply_to_message=to_bot)
    assert (got.reply_to_user_id, got.reply_to_user_name) == (None, "")
