"""Spelling correction leaves real French words alone, unless only their ending differs."""

from __future__ import annotations

import pytest

from bot.answers.french_words import RealWords, folded_words, same_word
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_french_words_are_known_with_or_without_accents() -> None:
    french = RealWords(folded_words())
    assert french.has("demarrage")
    assert french.has("reparation")
    assert not french.has("finacement")


@pytest.mark.parametrize(
    ("word", "other", "same"),
    [
        ("interrogent", "interroge", True),
        ("raccourcie", "raccourcis", True),
        ("demarrage", "demarchage", False),
        ("terminale", "termine", False),
        ("lyceens", "lycees", False),
    ],
)
def test_another_ending_is_the_same_word_another_word_is_not(
    word: str, other: str, same: bool
) -> None:
    assert same_word(word, other) is same


def test_a_real_word_the_base_lacks_is_not_turned_into_another(answerer: Answerer) -> None:
    assert answerer.index.correct("demarrage") == "demarrage"
    assert answerer.index.correct("reparation") == "reparation"
    assert answerer.index.correct("terminale") == "terminale"
    assert answerer.index.correct("lyceens") == "lyceens"


def test_a_real_word_becomes_another_ending_of_the_same_stem(answerer: Answerer) -> None:
    assert answerer.index.correct("interrogent") == "interroge"


def test_a_misspelt_word_is_still_corrected(answerer: Answerer) -> None:
    assert answerer.index.correct("finacement") == "financement"


def test_a_computer_that_will_not_start_is_not_a_cpf_scam(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Au démarrage, deux PC de notre salle restent bloqués sur un écran noir. "
        "Vous avez une idée pour les redémarrer ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("glued", "word"),
    [("mappeler", "m appeler"), ("sinscrire", "s inscrire"), ("jpourrais", "j pourrais")],
)
def test_a_pronoun_glued_to_a_word_is_set_apart_from_it(
    answerer: Answerer, glued: str, word: str
) -> None:
    assert answerer.index.correct(glued) == word


def test_calling_someone_back_is_no_reminder_asked(answerer: Answerer) -> None:
    answer = answerer.answer("jsuis en arret maladie, mon employeur a le droit de mappeler ?")
    assert answer.kind is not AnswerKind.FEATURE


def test_a_glued_pronoun_still_reads_as_the_phrase_it_makes(answerer: Answerer) -> None:
    answer = answerer.answer("jai oublier de mactualiser sur france travail ce mois ci")
    assert answer.kind is AnswerKind.OUT_OF_SCOPE  # "m'actualiser" is the editor's off-topic
