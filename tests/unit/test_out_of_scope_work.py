"""A person's pay, unemployment, retirement and job search are not the titre's subject, even
worded around a domain word; what a structure asks of the titre in its job offer still is."""

from __future__ import annotations

import pytest

from bot.answers.extract import analyse_message
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    "text",
    [
        "Pouvez-vous publier notre offre d'emploi de médiateur numérique et nous envoyer des CV ?",
        "ya des offres d emploi de mediateur num vers toulouse ?",
        "Comment négocier une augmentation de salaire avec ma responsable ?",
        "Madame, Monsieur, j'ai reçu un courrier de France Travail m'informant de ma radiation. "
        "Pourriez-vous m'indiquer la procédure de recours ?",
        "Qui est l'actuel ministre de l'Éducation nationale ?",
    ],
)
def test_work_and_job_search_questions_are_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


def test_what_to_ask_in_a_job_offer_is_still_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Notre structure rédige une offre d'emploi : faut-il exiger le REMN ou le titre "
        "Médiateur numérique ?"
    )
    assert answer.kind is AnswerKind.ANSWER


@pytest.mark.parametrize(
    "text",
    [
        "Je me permets de vous solliciter afin de connaître l'âge légal de départ à la retraite.",
        "g un entretien demain quoi repondre a la question vos défauts",
    ],
)
def test_a_request_without_a_question_mark_is_a_question(text: str) -> None:
    assert analyse_message(text).questions


def test_a_question_asked_for_someone_else_is_a_question() -> None:
    query = analyse_message(
        "Ma nièce hésite entre deux licences, elle me demande comment classer ses vœux."
    )
    assert query.questions


def test_wondering_about_oneself_is_no_question() -> None:
    assert not analyse_message("Parfois je me demande si j'ai bien fait.").questions


@pytest.mark.parametrize(
    "text",
    [
        "jai perdu mon mdp ameli jarrive pa a me connecter aidez moi svp",
        "yo t'as une idee de cadeau pr ma mere elle a 60 ans samedi",
    ],
)
def test_a_request_typed_without_a_question_mark_is_declined_not_comforted(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


def test_a_question_put_indirectly_in_a_letter_is_not_taken_for_a_hello(
    answerer: Answerer,
) -> None:
    text = (
        "Bonjour, je suis médiatrice numérique et je me permets de vous demander comment "
        "paramétrer une boîte mail professionnelle Outlook sur un smartphone Android. Merci."
    )
    assert analyse_message(text).questions
    assert answerer.answer(text).fallback  # declined or unsure, never a hello


def test_a_text_to_write_in_sms_spelling_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer("tu peux mecrire un msg d'anniv pour ma collegue stp")
    assert answer.kind is AnswerKind.OUT_OF_SCOPE
