"""A summary of a subject is asked knowledge; a summary of the user's text is writing."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.writing_requests import asks_to_write


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    "text",
    [
        "Pourriez-vous me résumer les principaux changements ?",
        "résumez-moi la réforme de la VAE",
        "Vous pouvez me résumer ce qui change avec le nouveau titre ?",
    ],
)
def test_a_summary_of_a_subject_is_not_a_writing_task(text: str) -> None:
    assert not asks_to_write(text)


@pytest.mark.parametrize(
    "text",
    [
        "Résume-moi ce texte",
        "tu peux me résumer mon rapport de stage ?",
        "résume le document que je t'envoie",
        "Rédige-moi une lettre pour la mairie",
    ],
)
def test_a_summary_of_a_text_is_a_writing_task(text: str) -> None:
    assert asks_to_write(text)


def test_a_reform_told_in_the_context_then_summarised_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, Monsieur, on m'a parlé de la VAE il y a longtemps et j'ai appris qu'elle "
        "avait été réformée. Pourriez-vous me résumer ce qui a changé ? Bien à vous, Léa"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "vae-reforme-france-vae"


@pytest.mark.parametrize(
    "text",
    [
        "Sur mon CV, est-ce que je peux écrire que j'ai le titre ?",
        "je peux rédiger mon DP à la main ?",
    ],
)
def test_asking_leave_to_write_something_is_not_a_writing_task(text: str) -> None:
    assert not asks_to_write(text)


def test_asking_the_bot_to_write_a_cv_still_is(answerer: Answerer) -> None:
    assert asks_to_write("Pouvez-vous me rédiger un CV ?")
    assert answerer.answer("Pouvez-vous me rédiger un CV ?").kind is AnswerKind.OUT_OF_SCOPE


def test_the_state_site_to_have_ones_experience_validated_is_france_vae(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("le site de l'État pour faire valider son expérience, c'est quoi ?")
    assert answer.entry is not None
    assert answer.entry.startswith("vae")


def test_a_translation_of_a_domain_phrase_is_still_declined(answerer: Answerer) -> None:
    answer = answerer.answer("traduis moi 'je suis en formation' en anglais")
    assert answer.kind is AnswerKind.OUT_OF_SCOPE
