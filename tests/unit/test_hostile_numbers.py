"""Forged numbers in buttons and commands get a polite answer, on SQLite and PostgreSQL.

Issue 13: "²" and "𐩀" pass str.isdigit() but not int(); 5,000 digits hit Python's
integer-length limit; ids beyond 2**31 - 1 made PostgreSQL raise.
"""

from __future__ import annotations

import pytest

from bot.app import ERROR_REPLY, Mentor
from bot.messages import Incoming
from bot.numbers import DB_ID_MAX, parse_id, parse_int
from tests.support.chat import joined, press, say

HOSTILE = ["²", "𐩀", "1²", "9" * 5000, str(DB_ID_MAX + 1), str(2**63), "-1", "0", " 7", "٣"]
PREFIXES = [
    "jl:show:",
    "jl:del:",
    "jl:page:",
    "co:share-on:",
    "co:leave:",
    "rappel:plus-tard:",
    "rappel:semaine:",
    "privacy:erase:",
]


def test_parse_int_accepts_only_ascii_digits_within_bounds() -> None:
    assert parse_int("42") == 42
    assert parse_id(str(DB_ID_MAX)) == DB_ID_MAX
    for text in HOSTILE:
        assert parse_id(text) is None, text


@pytest.mark.parametrize("prefix", PREFIXES)
async def test_forged_numbers_in_buttons_get_a_polite_reply(
    mentor_any_db: Mentor, prefix: str
) -> None:
    await say(mentor_any_db, "bonjour")
    for number in HOSTILE:
        replies = await press(mentor_any_db, prefix + number)
        assert replies, (prefix, number[:20])
        assert ERROR_REPLY not in replies, (prefix, number[:20])


@pytest.mark.parametrize("args", ["pause 𐩀", "pause " + "9" * 5000, "pause -3"])
async def test_odd_pause_lengths_are_explained(mentor_any_db: Mentor, args: str) -> None:
    replies = await say(mentor_any_db, f"/rappel {args}")
    assert ERROR_REPLY not in replies
    assert "semaine" in joined(replies)


async def test_odd_page_numbers_show_the_first_page(mentor_any_db: Mentor) -> None:
    for page in ("²", "9" * 5000, "-2"):
        replies = await say(mentor_any_db, f"/mes_preuves {page}")
        assert ERROR_REPLY not in replies


async def test_a_lone_surrogate_in_a_name_or_text_does_not_break_the_user(
    mentor_any_db: Mentor,
) -> None:
    broken = Incoming(
        transport="test", chat_id="c9", user_id="u9", user_name="Zo\ud83d", text="bonjour \udc00"
    )
    first = await mentor_any_db.handle(broken)
    assert first
    assert ERROR_REPLY not in first
    again = await mentor_any_db.handle(
        Incoming(transport="test", chat_id="c9", user_id="u9", user_name="Zo\ud83d", text="/preuve")
    )
    assert ERROR_REPLY not in again
    saved = await mentor_any_db.handle(
        Incoming(
            transport="test",
            chat_id="c9",
            user_id="u9",
            user_name="Zo\ud83d",
            text="Atelier mail \ud800 avec 5 seniors",
        )
    )
    assert ERROR_REPLY not in saved


def test_cohort_names_in_numbered_choices_carry_no_markup_nor_links() -> None:
    from adapters.matrix.render import to_html
    from bot.commands.cohort_common import pick
    from bot.storage.models import Cohort

    hostile = Cohort(id=7, name="**Promo** https://evil.example/x _a_", code="ABC234")
    [reply] = pick("Quelle cohorte ?", "view", [hostile])
    html = to_html(reply.numbered_text())
    assert "<b>" not in html
    assert "<a " not in html
    assert "<i>" not in html
    assert "Promo" in html
