"""A feature's word inside a question about the titre does not make it a feature request."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Pour ma cohorte, quelles sont les compétences du CCP3 ?", "ccp3-presentation"),
        (
            "Avec mon groupe on attaque le CCP2 lundi : il contient quelles compétences ?",
            "ccp2-presentation",
        ),
    ],
)
def test_a_trainer_naming_the_cohort_in_a_question_gets_the_answer(
    answerer: Answerer, text: str, entry: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == entry


@pytest.mark.parametrize(
    "text",
    ["je veux rejoindre la cohorte de ma formation", "créer une cohorte pour mes stagiaires"],
)
def test_doing_something_with_a_cohort_still_offers_the_command(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == "cohorte"


def test_asking_to_be_reminded_what_a_competency_covers_answers_it(answerer: Answerer) -> None:
    answer = answerer.answer("Mes stagiaires butent sur la C2.3. Vous pouvez me la rappeler ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry is not None
    assert answer.entry.startswith("c2-3")


@pytest.mark.parametrize(
    "text",
    ["rappelle-moi chaque lundi de noter mes preuves", "peux-tu me prévenir toutes les semaines ?"],
)
def test_asking_to_be_reminded_to_do_something_offers_the_reminder(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == "rappel"


def test_warning_ones_employer_is_not_a_reminder(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je donne aussi des cours de guitare le soir. Dois-je prévenir mon employeur de ce cumul ?"
    )
    assert answer.kind is not AnswerKind.FEATURE


def test_the_data_of_a_spreadsheet_is_not_a_request_for_my_data(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Comment faire une RECHERCHEV qui va chercher les données dans un autre onglet ?"
    )
    assert answer.kind is not AnswerKind.FEATURE


def test_my_data_asked_in_words_still_offers_the_command(answerer: Answerer) -> None:
    answer = answerer.answer("je veux télécharger mes données personnelles")
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == "mes_donnees"


def test_asking_to_be_reminded_of_a_wording_is_not_a_reminder(answerer: Answerer) -> None:
    answer = answerer.answer("Vous pouvez me rappeler son libellé exact ?")
    assert "/rappel" not in answer.text
