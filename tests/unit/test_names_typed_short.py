"""Names typed short or by ear on a phone: "conseiller num", "numerik", "la validation de mon
expérience". They name the programme or the VAE as surely as the full words do."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    "question",
    [
        "cb de conseiller numerik au debut du dispositif ?",
        "le dispositif conseiller num cest gere par qui ?",
        "un conseiller numerik c est payé par qui",
    ],
)
def test_the_programme_named_in_short_is_answered_not_declined(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry is not None
    assert answer.entry.startswith("conseiller-numerique")


def test_the_validation_of_ones_experience_is_the_vae_not_a_foreign_subject(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("où déposer ma demande de validation de mon expérience ?")
    assert answer.kind is not AnswerKind.OUT_OF_SCOPE
    offered = [answer.entry, *answer.alternatives]
    assert any(entry and entry.startswith("vae") for entry in offered)
