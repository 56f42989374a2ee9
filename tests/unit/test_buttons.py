"""Button data: one codec builds it within Telegram's 64 bytes, and reads back only what
it could have built; messages and names are cut at the adapters before any parsing."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from adapters.matrix.translate import Me, RoomView, to_incoming
from adapters.telegram.translate import BotIdentity, translate
from bot import buttons
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import MORE_PREFIX, SHOW_PREFIX
from bot.app import Mentor
from bot.buttons import ButtonDataError
from bot.messages import NAME_MAX_CHARS, TEXT_MAX_CHARS, ChatKind, Incoming
from tests.support.chat import joined, press


def test_a_button_is_built_within_telegrams_64_bytes() -> None:
    assert buttons.build("co:", "view", 2**31 - 1, "a1b2c3d4") == "co:view:2147483647:a1b2c3d4"
    with pytest.raises(ButtonDataError, match="64 bytes"):
        buttons.build("kb:show:", "x" * 57)


@pytest.mark.parametrize("bad", ["a:b", "é", "", " ", "<b>", "\n"])
def test_a_field_that_would_not_read_back_is_refused_when_built(bad: str) -> None:
    if bad == "":
        assert buttons.build("do:", bad) == "do:"
        return
    with pytest.raises(ButtonDataError):
        buttons.build("do:", bad)


def test_numbers_in_buttons_are_never_negative_or_huge() -> None:
    for bad in (-1, 10**13):
        with pytest.raises(ButtonDataError):
            buttons.build("jl:", "page", bad)


@pytest.mark.parametrize(
    ("rest", "least", "most", "expected"),
    [
        ("show:12", 2, None, ["show", "12"]),
        ("show", 2, None, None),
        ("show:12:x", 2, None, None),
        ("view:3", 2, 3, ["view", "3"]),
        ("view:3:tok", 2, 3, ["view", "3", "tok"]),
        ("show:" + "1" * 70, 2, None, None),  # longer than anything built
        ("show:١٢", 2, None, None),  # Arabic-Indic digits
        ("show:1²", 2, None, None),
        ("show:1 2", 2, None, None),
    ],
)
def test_pressed_data_is_read_only_in_the_shape_it_was_built(
    rest: str, least: int, most: int | None, expected: list[str] | None
) -> None:
    assert buttons.fields(rest, least, most) == expected


def test_ids_read_from_buttons_fit_the_database() -> None:
    assert buttons.ident("2147483647") == 2**31 - 1
    assert [buttons.ident(x) for x in ("0", "2147483648", "-1", "٣", "")] == [None] * 5


def test_every_knowledge_entry_fits_in_its_buttons(kb: KnowledgeBase) -> None:
    """The answer buttons carry an entry id: one too long would lose the whole answer on
    Telegram, so a new entry's id is checked here."""
    for entry_id in kb.entries:
        for prefix in (MORE_PREFIX, SHOW_PREFIX):
            built = buttons.build(prefix, entry_id)
            assert buttons.fields(built.removeprefix(prefix), 1) == [entry_id]


async def test_data_longer_than_any_button_is_stale_before_routing(mentor: Mentor) -> None:
    assert "/aide" in joined(await press(mentor, "help:show"))
    text = joined(await press(mentor, "help:show" + "x" * 100))
    assert "plus valable" in text
    assert "/aide" in text


def test_a_telegram_message_is_cut_before_the_adapter_parses_it() -> None:
    huge = "@MentorBot " + "a" * 100_000
    user = {"id": 42, "is_bot": False, "first_name": "N" * 300, "last_name": "M"}
    payload: dict[str, Any] = {
        "message_id": 7,
        "date": 1_700_000_000,
        "chat": {"id": 42, "type": "private"},
        "from": user,
        "text": huge,
    }
    got = translate(
        Update.de_json({"update_id": 1, "message": payload}, None), BotIdentity(9, "MentorBot")
    )
    assert isinstance(got, Incoming)
    assert len(got.text) <= TEXT_MAX_CHARS
    assert len(got.user_name) == NAME_MAX_CHARS


def test_a_matrix_message_and_display_name_are_cut_at_the_adapter() -> None:
    got = to_incoming(
        event_id="$1",
        sender="@camille:example.org",
        sender_name="N" * 100_000,
        content={"msgtype": "m.text", "body": "b" * 100_000},
        room=RoomView("!dm:example.org", 2),
        me=Me("@mentor:example.org", "Mentor"),
    )
    assert got is not None
    assert len(got.text) == TEXT_MAX_CHARS
    assert len(got.user_name) == NAME_MAX_CHARS


def test_the_core_bounds_what_any_adapter_passes() -> None:
    raw = Incoming("console", "c", "u", "t" * 100_000, "n" * 100_000, ChatKind.PRIVATE)
    clean = raw.sanitised()
    assert len(clean.text) == TEXT_MAX_CHARS
    assert len(clean.user_name) == NAME_MAX_CHARS
