"""A message that asks two things: the best entry answers, the other question gets its gist."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.answers.extract import analyse_message
from bot.answers.knowledge import load_knowledge
from bot.answers.other_questions import questions_of
from bot.answers.ranker import Thresholds
from bot.answers.service import Answerer, AnswerKind

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_knowledge(KNOWLEDGE))


def test_a_second_question_gets_one_sentence_of_its_own_entry(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je prépare le titre en formation continue. Combien de pages au maximum pour "
        "chaque exemple de pratique du DP ? Et qui compose le jury de la session ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "dp-trois-pages"
    assert "➡️ **Qui compose le jury ?** :" in answer.text
    assert "trois ans d'expérience" in answer.text
    assert "jury-composition" in answer.alternatives


def test_the_other_entrys_source_is_listed(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis demandeuse d'emploi et je vise le titre. L'AIF, qui la valide ? "
        "Et la participation de 100 € sur le CPF, je dois la payer ?"
    )
    assert "➡️" in answer.text
    own = {s.url for s in answerer.kb.entries[answer.entry or ""].sources}
    assert set(answer.sources) > own


def test_a_single_question_has_no_other_question(answerer: Answerer) -> None:
    assert "➡️" not in answerer.answer("C'est quoi le CCP2 ?").text


def test_a_gist_keeps_a_list_with_its_introduction(answerer: Answerer) -> None:
    entry = answerer.kb.entries["dp-rediger"]
    gist = answerer.details.gist(entry, analyse_message("Comment rédiger mon DP ?"))
    assert gist.startswith("Pour rédiger votre **DP** :\n- partez du **modèle officiel**")


def test_a_hesitant_answer_shows_the_runner_up_gist_one_tap_away(answerer: Answerer) -> None:
    # Thresholds that leave every question between "sure" and "pas sûr": the best two answer.
    hesitant = dataclasses.replace(
        answerer.model, thresholds=Thresholds(answer=0.999, unsure=0.0, pair=0.0)
    )
    answer = Answerer(answerer.kb, model=hesitant, index=answerer.index).answer(
        "Comment financer la formation au titre quand on est salariée ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    second = answerer.kb.entries[answer.alternatives[0]]
    assert f"➡️ **{second.title}** :" in answer.text


@pytest.mark.parametrize(("ratio", "shown"), [(0.0, True), (1.01, False)])
def test_a_sure_answer_shows_a_close_runner_up_gist(
    answerer: Answerer, ratio: float, shown: bool
) -> None:
    thresholds = dataclasses.replace(answerer.model.thresholds, runner_up=ratio)
    model = dataclasses.replace(answerer.model, thresholds=thresholds)
    answer = Answerer(answerer.kb, model=model, index=answerer.index).answer(
        "Le CPF peut-il payer un seul bloc du titre ?"
    )
    assert answer.entry == "cpf-blocs-ccp"
    ranked = answerer.rank(analyse_message("Le CPF peut-il payer un seul bloc du titre ?"))
    runner_up = answerer.kb.entries[ranked.scored[1][1]]
    assert (f"➡️ **{runner_up.title}** :" in answer.text) is shown


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        (
            "Quel est le délai et qui compose le jury ?",
            ["Quel est le délai", "qui compose le jury ?"],
        ),
        (
            "Quelles compétences vont-ils travailler et peuvent-ils le financer ?",
            ["Quelles compétences vont-ils travailler", "peuvent-ils le financer ?"],
        ),
        (
            "Le CCP1 et le CCP2 sont-ils obligatoires ?",
            ["Le CCP1 et le CCP2 sont-ils obligatoires ?"],
        ),
        (
            "Pour quel poste il prépare, et à quel niveau il correspond ?",
            ["Pour quel poste il prépare", "à quel niveau il correspond ?"],
        ),
    ],
)
def test_two_questions_joined_by_et_are_two_questions(sentence: str, parts: list[str]) -> None:
    assert questions_of(sentence) == parts


def test_both_halves_of_a_question_joined_by_et_are_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Mes stagiaires ont le CCP1. Quelles compétences vont-ils travailler dans le CCP2 et "
        "peuvent-ils le financer avec leur CPF ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert {answer.entry, *answer.alternatives} >= {"cpf-blocs-ccp", "ccp2-presentation"}
    assert "➡️" in answer.text
