"""Telegram updates → Incoming: who, where, what, and whether the bot was addressed."""

from __future__ import annotations

from typing import Any

from telegram import Update

from adapters.telegram.translate import (
    BotIdentity,
    Download,
    Notice,
    Translation,
    translate,
)
from bot.messages import FILE_MAX_BYTES, STALE_BUTTON, ChatKind, Incoming, IncomingFile
from bot.notices import EDITED, NOT_TEXT

ME = BotIdentity(id=999, username="MentorBot")
USER = {"id": 42, "is_bot": False, "first_name": "Camille", "last_name": "Martin"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Camille"}
GROUP = {"id": -100500, "type": "supergroup", "title": "Cohorte"}
BOT_USER = {"id": 999, "is_bot": True, "first_name": "Mentor", "username": "MentorBot"}


def message(chat: dict[str, Any] = PRIVATE, **fields: Any) -> dict[str, Any]:
    return {"message_id": 7, "date": 1_700_000_000, "chat": chat, "from": USER, **fields}


def run(kind: str = "message", update_id: int = 11, **payload: Any) -> Translation:
    return translate(Update.de_json({"update_id": update_id, kind: payload}, None), ME)


def incoming(**payload: Any) -> Incoming:
    result = run(**payload)
    assert isinstance(result, Incoming), result
    return result


def test_private_text() -> None:
    got = incoming(**message(text="C'est quoi le CCP1 ?"))
    assert got.transport == "telegram"
    assert (got.chat_id, got.user_id, got.user_name) == ("42", "42", "Camille Martin")
    assert got.chat_kind is ChatKind.PRIVATE
    assert got.addressed
    assert got.text == "C'est quoi le CCP1 ?"
    assert got.event_id == "msg:42:7"  # stable: update_id restarts after a quiet week


def test_group_message_is_not_addressed_by_default() -> None:
    got = incoming(**message(GROUP, text="bonjour à tous"))
    assert got.chat_kind is ChatKind.GROUP
    assert not got.addressed
    assert got.chat_id == "-100500"
    plain_command = incoming(**message(GROUP, text="/aide"))
    assert not plain_command.addressed


def test_command_for_this_bot_is_addressed_and_stripped() -> None:
    got = incoming(**message(GROUP, text="/question@mentorbot le CCP2 ?"))
    assert got.addressed
    assert got.text == "/question le CCP2 ?"


def test_command_for_another_bot_is_dropped() -> None:
    assert run(**message(GROUP, text="/aide@AutreBot")) is None


def test_mention_addresses_the_bot_and_is_removed() -> None:
    got = incoming(**message(GROUP, text="@MentorBot, c'est quoi le CCP1 ?"))
    assert got.addressed
    assert got.text == "c'est quoi le CCP1 ?"
    middle = incoming(**message(GROUP, text="Dis @MentorBot le CCP3 ?"))
    assert middle.addressed
    assert middle.text == "Dis le CCP3 ?"
    assert incoming(**message(GROUP, text="@MentorBot")).text == "/aide"
    other = incoming(**message(GROUP, text="écris à @MentorBotFan"))
    assert not other.addressed


def test_reply_to_a_bot_message_is_addressed() -> None:
    original = message(GROUP, text="Réponse", **{"from": BOT_USER})
    got = incoming(**message(GROUP, text="Et le CCP2 ?", reply_to_message=original))
    assert got.addressed
    to_human = message(GROUP, text="Salut")
    assert not incoming(**message(GROUP, text="Oui", reply_to_message=to_human)).addressed


def test_text_mention_entity_addresses_the_bot() -> None:
    entity = {"type": "text_mention", "offset": 0, "length": 6, "user": BOT_USER}
    got = incoming(**message(GROUP, text="Mentor, une question", entities=[entity]))
    assert got.addressed


def test_sticker_and_voice_get_a_notice_in_private_only() -> None:
    sticker = {
        "file_id": "s",
        "file_unique_id": "u",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
    assert run(**message(sticker=sticker)) == Notice("42", NOT_TEXT)
    assert run(**message(GROUP, sticker=sticker)) is None
    voice = {"file_id": "v", "file_unique_id": "v", "duration": 3}
    assert run(**message(voice=voice)) == Notice("42", NOT_TEXT)


def test_a_photo_is_fetched_at_its_largest_size_that_fits_in_private_only() -> None:
    photo = [
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 900},
        {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 960,
         "file_size": 200_000},
        {"file_id": "huge", "file_unique_id": "h", "width": 9000, "height": 9000,
         "file_size": FILE_MAX_BYTES + 1},
    ]  # fmt: skip
    got = run(**message(photo=photo, caption="Feuille d'émargement"))
    assert isinstance(got, Download)
    assert (got.file_id, got.fetch) == ("big", True)
    assert got.incoming.text == "Feuille d'émargement"
    assert got.incoming.file == IncomingFile("photo", "", "image/jpeg", 200_000)
    in_group = run(**message(GROUP, photo=photo, caption="@MentorBot regarde"))
    assert isinstance(in_group, Download)
    assert not in_group.fetch  # never fetched in a group: the core says so and keeps nothing
    assert in_group.incoming.is_group
    assert run(**message(GROUP, photo=photo)) is None  # not addressed


def test_a_document_keeps_its_name_and_type_and_a_huge_one_is_not_fetched() -> None:
    doc = {"file_id": "d", "file_unique_id": "d", "file_name": "bilan.pdf",
           "mime_type": "application/pdf", "file_size": 1234}  # fmt: skip
    got = run(**message(document=doc))
    assert isinstance(got, Download)
    assert got.incoming.file == IncomingFile("document", "bilan.pdf", "application/pdf", 1234)
    assert got.fetch
    huge = run(**message(document={**doc, "file_size": FILE_MAX_BYTES + 1}))
    assert isinstance(huge, Download)
    assert not huge.fetch
    assert huge.with_content(None).file == IncomingFile(
        "document", "bilan.pdf", "application/pdf", FILE_MAX_BYTES + 1
    )


def test_edited_messages_are_not_reprocessed() -> None:
    assert run("edited_message", **message(text="corrigé")) == Notice("42", EDITED)
    assert run("edited_message", **message(GROUP, text="corrigé")) is None


def test_service_messages_and_channel_posts_are_ignored() -> None:
    assert run(**message(GROUP, new_chat_members=[USER])) is None
    channel = {"id": -100900, "type": "channel", "title": "Annonces"}
    post: dict[str, Any] = {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": channel,
        "text": "hello",
    }
    assert run("channel_post", **post) is None


def test_button_press_carries_its_data() -> None:
    query: dict[str, Any] = {
        "id": "cb1",
        "from": USER,
        "chat_instance": "ci",
        "data": "help:show",
        "message": message(GROUP, text="…", **{"from": BOT_USER}),
    }
    got = incoming(kind="callback_query", **query)
    assert got.button_data == "help:show"
    assert got.text == ""
    assert got.chat_kind is ChatKind.GROUP
    assert got.addressed
    assert got.user_id == "42"
    assert got.chat_id == "-100500"


def test_button_without_data_or_message() -> None:
    base: dict[str, Any] = {"id": "cb1", "from": USER, "chat_instance": "ci"}
    assert run("callback_query", **base, message=message(text="x")) == Notice("42", STALE_BUTTON)
    assert run("callback_query", **base, inline_message_id="abc", data="x") is None
