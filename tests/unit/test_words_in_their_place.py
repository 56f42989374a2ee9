"""Words read where they stand: a pronoun put after its verb to ask is no word of the
question, no phrase spans the question and its context, another titre or another
médiateur named is not ours."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import Normaliser, uninverted
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("asked", "stated"),
    [
        ("Le REMN existe-t-il encore ?", "Le REMN existe encore ?"),
        ("Le titre est-il valable ?", "Le titre est valable ?"),
        ("Y a-t-il un jury ?", "Y a un jury ?"),
        ("Peut-on le repasser ?", "Peut le repasser ?"),
        ("Est-ce obligatoire ?", "Est-ce obligatoire ?"),  # "ce" is no subject put after
        ("lui-même", "lui-même"),
    ],
)
def test_a_question_asked_by_inversion_reads_as_the_statement(asked: str, stated: str) -> None:
    assert uninverted(asked) == stated


def test_the_renamed_titre_asked_by_inversion_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer("Le REMN existe-t-il toujours ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "mediateur-numerique-2025"


def test_a_titre_still_valid_asks_about_validity_not_about_the_vae(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert "validite" in norm.canonical_words("Le titre REMN est encore valide ?")
    assert "validite" in norm.canonical_words("mon CCP1 est valable à vie ?")


def test_no_phrase_spans_the_question_and_its_context(answerer: Answerer) -> None:
    # Asked first, "… un titre pro ?" then the context "Formateur, …": no "titre pro
    # formateur", another titre.
    answer = answerer.answer(
        "Formateur, je présente la session à ma cohorte. Que signifie un CCP dans un titre pro ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "ccp-definition"


@pytest.mark.parametrize(
    "text",
    [
        "Je prépare des stagiaires au titre professionnel Gestionnaire de paie : combien de "
        "temps dure leur mise en situation ?",
        "le tp technicien reseaux c koi les ccp ?",
        "Le défenseur des droits, on le saisit comment ?",
        "Faut-il un médiateur de la consommation pour notre boutique en ligne ?",
    ],
)
def test_another_titre_or_another_mediateur_is_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


def test_the_determiner_ce_is_not_read_as_c_est(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert norm.canonical_words("ce titre") == ["ce", "titre"]


@pytest.mark.parametrize(
    "text",
    [
        "Hola ! Euh, bonjour pardon 😅",
        "Ah et bonjour au passage, merci pour hier !",
    ],
)
def test_a_hello_said_among_the_first_words_is_said_back(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.text.startswith("Bonjour")
