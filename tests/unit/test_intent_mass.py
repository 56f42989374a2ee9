"""A command's share of the ranker's mass does not make a question about the titre unsure."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.ranker import as_confidence_sees
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_an_entry_leading_is_weighed_against_the_other_entries_only() -> None:
    order = [(0.5, "c2-4-communication"), (0.4, "intent-rappel"), (0.1, "ccp2-presentation")]
    assert as_confidence_sees(order, anchored=True) == pytest.approx([5 / 6, 1 / 6])


def test_a_command_leading_keeps_every_candidate() -> None:
    order = [(0.5, "intent-rappel"), (0.4, "c2-4-communication"), (0.1, "ccp2-presentation")]
    assert as_confidence_sees(order, anchored=True) == [0.5, 0.4, 0.1]


def test_without_a_domain_word_a_command_mass_still_counts() -> None:
    order = [(0.6, "region-financement"), (0.2, "intent-cohorte"), (0.2, "ccp1-presentation")]
    assert as_confidence_sees(order, anchored=False) == [0.6, 0.2, 0.2]


def test_remind_me_of_a_competency_wording_answers_with_the_competency(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Pour mon groupe, pouvez-vous me rappeler la formulation exacte de la compétence "
        "sur la promotion de l'espace ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "c2-4-communication"


def test_a_reminder_asked_with_a_subject_of_the_titre_is_still_the_reminder(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("rappelle-moi chaque vendredi de réviser le CCP2")
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == "rappel"


def test_a_hello_from_a_group_far_away_is_not_a_funding_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Salut à toi de la part de tout le groupe de Saint-Denis de La Réunion ! 🌴"
    )
    assert answer.kind is AnswerKind.SMALLTALK
