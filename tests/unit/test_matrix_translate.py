"""Matrix events → Incoming: private or group, addressed by mention or reply, no business logic."""

from __future__ import annotations

from typing import Any

from adapters.matrix.adapter import derive_txn_id
from adapters.matrix.translate import Me, RoomView, strip_reply_fallback, to_incoming
from bot.messages import ChatKind, Incoming, Reply

ME = Me("@mentor:example.org", "Mentor")
DM = RoomView("!dm:example.org", 2)
GROUP = RoomView("!group:example.org", 5)


def translate(
    content: dict[str, Any], room: RoomView = GROUP, replies_to_me: bool = False
) -> Incoming | None:
    return to_incoming(
        event_id="$ev",
        sender="@camille:example.org",
        sender_name="Camille",
        content={"msgtype": "m.text", **content},
        room=room,
        me=ME,
        replies_to_me=replies_to_me,
    )


def test_a_direct_chat_is_private_and_always_addressed() -> None:
    incoming = translate({"body": "c'est quoi le CCP1 ?"}, room=DM)
    assert incoming is not None
    assert incoming.chat_kind is ChatKind.PRIVATE
    assert incoming.addressed
    assert incoming.transport == "matrix"
    assert incoming.event_id == "$ev"
    assert incoming.chat_id == DM.room_id
    assert incoming.user_id == "@camille:example.org"


def test_group_messages_are_not_addressed_by_default() -> None:
    incoming = translate({"body": "bonjour à tous"})
    assert incoming is not None
    assert incoming.chat_kind is ChatKind.GROUP
    assert not incoming.addressed


def test_a_pill_addresses_the_bot_and_its_text_is_stripped() -> None:
    incoming = translate(
        {
            "body": "Mentor : c'est quoi le CCP1 ?",
            "format": "org.matrix.custom.html",
            "formatted_body": f'<a href="https://matrix.to/#/{ME.user_id}">Mentor</a> : c\'est',
        }
    )
    assert incoming is not None
    assert incoming.addressed
    assert incoming.text == "c'est quoi le CCP1 ?"


def test_the_user_id_or_intentional_mentions_address_the_bot() -> None:
    by_id = translate({"body": "@mentor:example.org le CCP2 ?"})
    assert by_id is not None
    assert by_id.addressed
    assert by_id.text == "le CCP2 ?"
    intentional = translate({"body": "le CCP3 ?", "m.mentions": {"user_ids": [ME.user_id]}})
    assert intentional is not None
    assert intentional.addressed


def test_a_reply_to_the_bot_addresses_it_without_the_quoted_fallback() -> None:
    content = {
        "body": "> <@mentor:example.org> Le CCP1 est…\n\net le CCP2 ?",
        "m.relates_to": {"m.in_reply_to": {"event_id": "$bot"}},
    }
    incoming = translate(content, replies_to_me=True)
    assert incoming is not None
    assert incoming.addressed
    assert incoming.text == "et le CCP2 ?"
    other = translate(content, replies_to_me=False)
    assert other is not None
    assert not other.addressed


def test_the_mentor_prefix_is_left_to_the_core() -> None:
    incoming = translate({"body": "!mentor /aide"})
    assert incoming is not None
    assert incoming.text == "!mentor /aide"


def test_own_messages_and_non_text_are_ignored() -> None:
    mine = to_incoming(
        event_id="$1",
        sender=ME.user_id,
        sender_name="",
        content={"msgtype": "m.text", "body": "x"},
        room=DM,
        me=ME,
    )
    assert mine is None
    assert translate({"msgtype": "m.image", "body": "photo.png"}) is None


def test_reply_fallback_is_only_stripped_when_quoted() -> None:
    assert strip_reply_fallback("> cité\n> encore\n\nréponse") == "réponse"
    assert strip_reply_fallback("pas de citation") == "pas de citation"


def test_transaction_ids_are_deterministic_per_room_and_content() -> None:
    a = derive_txn_id("!r:s", Reply("Rappel : notez vos preuves"))
    assert a == derive_txn_id("!r:s", Reply("Rappel : notez vos preuves"))
    assert a != derive_txn_id("!other:s", Reply("Rappel : notez vos preuves"))
    assert a != derive_txn_id("!r:s", Reply("Autre texte"))


def test_sixty_kilobytes_of_reply_tags_cost_linear_time() -> None:
    import time

    hostile = "<mx-reply>" * 6000 + "x"
    start = time.perf_counter()
    incoming = translate({"body": "bla", "formatted_body": hostile})
    small = time.perf_counter() - start
    start = time.perf_counter()
    translate({"body": "bla", "formatted_body": hostile * 4})
    large = time.perf_counter() - start
    assert incoming is not None
    assert not incoming.addressed
    assert small < 0.5
    assert large < 0.5


def test_a_mention_hidden_in_a_comment_or_an_attribute_does_not_count() -> None:
    for formatted in (
        '<!-- <a href="https://matrix.to/#/@mentor:example.org">M</a> --> salut',
        '<span title="https://matrix.to/#/@mentor:example.org">salut</span>',
        '<mx-reply><a href="https://matrix.to/#/@mentor:example.org">M</a></mx-reply>salut',
    ):
        incoming = translate({"body": "salut", "formatted_body": formatted})
        assert incoming is not None, formatted
        assert not incoming.addressed, formatted
    pill = translate(
        {
            "body": "Mentor: le DP ?",
            "formatted_body": '<a href="https://matrix.to/#/@mentor:example.org">M</a>: le DP ?',
        }
    )
    assert pill is not None
    assert pill.addressed


def test_the_word_mentor_inside_a_sentence_does_not_address_the_bot() -> None:
    incoming = translate({"body": "Mon mentor est absent aujourd'hui"})
    assert incoming is not None
    assert not incoming.addressed
    for body in ("Mentor, c'est quoi le CCP1 ?", "Bonjour Mentor : le DP ?", "dis @Mentor le DP ?"):
        addressed = translate({"body": body})
        assert addressed is not None, body
        assert addressed.addressed, body


def test_notices_from_other_bots_are_ignored() -> None:
    notice = to_incoming(
        event_id="$n",
        sender="@otherbot:example.org",
        sender_name="Bot",
        content={"msgtype": "m.notice", "body": "Mentor: ping"},
        room=DM,
        me=ME,
    )
    assert notice is None


def test_a_photo_in_a_direct_chat_comes_with_its_caption_and_file_to_fetch() -> None:
    from adapters.matrix.media import media_of
    from bot.messages import IncomingFile

    content = {
        "msgtype": "m.image",
        "body": "Feuille d'émargement",
        "filename": "IMG_1234.jpg",
        "url": "mxc://example.org/abc",
        "info": {"mimetype": "image/jpeg", "size": 2048},
    }
    incoming = translate(content, room=DM)
    assert incoming is not None
    assert incoming.text == "Feuille d'émargement"
    assert incoming.file == IncomingFile("photo", "IMG_1234.jpg", "image/jpeg", 2048)
    bare = media_of({**content, "body": "IMG_1234.jpg"})  # no caption: body is the name
    assert bare is not None
    assert bare.caption == ""
    encrypted = {**content, "file": {"url": "mxc://example.org/enc", "iv": "x"}}
    del encrypted["url"]
    found = media_of(encrypted)
    assert found is not None
    assert (found.url, found.encryption) == ("mxc://example.org/enc", encrypted["file"])


def test_a_broken_or_unaddressed_file_event_is_not_a_file() -> None:
    assert translate({"msgtype": "m.file", "body": "x.pdf", "url": "https://evil"}, DM) is None
    assert translate({"msgtype": "m.video", "body": "v.mp4", "url": "mxc://a/b"}, DM) is None
    in_group = translate({"msgtype": "m.file", "body": "x.pdf", "url": "mxc://a/b"}, GROUP)
    assert in_group is not None
    assert not in_group.addressed  # the core drops it before any work
