"""A closed question gets "Oui." or "Non." first when the entry's editors say what its
answer settles; an open, negated, double or wider question gets no verdict."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.polarity import closed
from bot.answers.service import Answerer


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def _first_line(answerer: Answerer, text: str) -> tuple[str | None, str]:
    answer = answerer.answer(text)
    return answer.entry, answer.text.split("\n")[1]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Il y a un jury à l'examen ?", "Oui."),
        ("Le jury, c'est mes formateurs ?", "Non."),
        ("Le DP peut-il être manuscrit ?", "Oui."),
        ("Mon CCP2 obtenu en 2020 est-il toujours valable ?", "Oui."),
        ("entretien final c obligatoire ?", "Oui."),
        ("Le CCP3 est-il obligatoire pour être conseiller numérique ?", "Non."),
        ("Est-ce que je dois tout repasser ?", "Non."),
        ("Pendant un PTP, mon salaire est-il maintenu ?", "Oui."),
        (
            "Sommes-nous obligés de libérer notre conseillère numérique le jour de son examen ?",
            "Oui.",
        ),
    ],
)
def test_a_closed_question_the_entry_settles_gets_yes_or_no_first(
    answerer: Answerer, text: str, verdict: str
) -> None:
    _, line = _first_line(answerer, text)
    assert line.startswith(f"{verdict} ")


@pytest.mark.parametrize(
    "text",
    [
        "Qui compose le jury ?",  # open
        "Le jury de l'examen est-il sévère ?",  # asks more than the statement
        "Il n'y a pas de jury à l'examen ?",  # negated: yes and no read two ways
        "Il y a un jury à l'examen ? Et il faut numéroter les pages du DP ?",  # two questions
        "Le titre REMN est-il toujours valable ?",  # the titre, not a CCP
        "Je peux me représenter sans refaire de formation ?",  # "sans": the contrary
    ],
)
def test_no_verdict_when_the_question_is_not_clearly_settled(answerer: Answerer, text: str) -> None:
    _, line = _first_line(answerer, text)
    assert not line.startswith(("Oui.", "Non."))


def test_closed_questions_have_no_question_word_no_choice_and_no_negation() -> None:
    assert closed("Est-ce que le DP peut être manuscrit ?")
    assert closed("c reconnu par l'état ou pas")
    assert closed(
        "Il peut y mettre des exemples de son travail, et pas seulement de sa formation ?"
    )
    assert not closed("CCP2 ou CCP3 ?")
    assert not closed("Où se passe l'examen ?")
    assert not closed("y a pas d'oral ?")
    assert not closed("Le jury est composé de professionnels.")


def test_affirms_and_denies_are_read_from_the_entry_header(kb: KnowledgeBase) -> None:
    jury = kb.entries["jury-composition"]
    assert "il y a un jury à l'examen" in jury.affirms
    assert jury.denies
