"""A date written inside the sentence of /preuve sets the entry's date and leaves the text."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bot.app import Mentor
from bot.journal.dates import strip_date
from tests.support.chat import choice, joined, press, say
from tests.unit.test_journal import entries, pick

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "text", "day"),
    [
        ("hier j'ai animé un atelier mail", "J'ai animé un atelier mail", date(2026, 11, 25)),
        ("Hier, atelier mail", "Atelier mail", date(2026, 11, 25)),
        ("Atelier tablette mardi dernier à la médiathèque", "Atelier tablette à la médiathèque",
         date(2026, 11, 24)),
        ("J'ai animé le 3 mars un atelier", "J'ai animé un atelier", date(2026, 3, 3)),
        ("Ce matin : permanence CAF", "Permanence CAF", TODAY),
        ("Atelier du 12/03 avec 5 seniors", "Atelier avec 5 seniors", date(2026, 3, 12)),
        ("Bilan il y a 3 jours", "Bilan", date(2026, 11, 23)),
    ],
)  # fmt: skip
def test_a_date_inside_a_sentence_is_found_and_cut(typed: str, text: str, day: date) -> None:
    assert strip_date(typed, TODAY) == (text, day)


@pytest.mark.parametrize(
    "typed",
    [
        "Atelier le lundi avec les jeunes",  # habit, not a date
        "3/4 des participants ont réussi",
        "Hiérarchie des dossiers expliquée",
        "Atelier le 31 février",  # no such day: the text stays whole
        "Atelier demain",
    ],
)
def test_words_that_are_not_a_past_date_stay_in_the_text(typed: str) -> None:
    assert strip_date(typed, TODAY) == (typed, None)


def test_a_long_text_is_searched_in_linear_time() -> None:
    typed = "le 1 " * 20_000 + "hier"
    assert strip_date(typed, TODAY)[1] is not None


@time_machine.travel("2026-11-26 10:00:00+01:00", tick=False)
async def test_one_line_preuve_takes_its_date_from_the_sentence(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve hier j'ai animé un atelier mail pour 6 seniors")
    replies = await pick(mentor, replies, "C1.4")
    replies = await press(mentor, choice(replies, "Valider"))
    assert "mercredi 25 novembre 2026" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    (row,) = await entries(mentor)
    assert row.occurred_on == date(2026, 11, 25)
    assert row.text == "J'ai animé un atelier mail pour 6 seniors"


@time_machine.travel("2026-11-26 10:00:00+01:00", tick=False)
async def test_guided_dialog_skips_the_date_question_when_the_text_has_one(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    replies = await say(mentor, "Mardi dernier, réunion avec le CCAS")
    assert "Quand" not in joined(replies)
    assert "public" in joined(replies)
    for _ in ("who", "conditions", "means", "organisation"):
        replies = await say(mentor, "Passer")
    replies = await press(mentor, choice(replies, "Je ne sais pas"))
    replies = await say(mentor, "Passer")
    await press(mentor, choice(replies, "Enregistrer"))
    (row,) = await entries(mentor)
    assert (row.occurred_on, row.text) == (date(2026, 11, 24), "Réunion avec le CCAS")
