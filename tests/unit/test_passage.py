"""A question about a detail gets the sentence of the details that holds it."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.passage import pick, sentences
from bot.answers.reply import render_entry
from bot.answers.service import Answerer

DETAILS = (
    "Le dispositif a été créé par la loi du 5 septembre 2018 (art. 3, cité par le centre).\n"
    "L'organisme vérifie le changement de métier avec les codes ROME.\n"
    "## Sites\n"
    "La rémunération est maintenue."
)
IDF = {"verif": 2.0, "rom": 3.0, "metier": 1.5, "loi": 2.0, "remuner": 2.5, "organ": 0.4}


def analyse(text: str) -> list[str]:
    words = text.lower().replace("é", "e").replace("'", " ").replace("(", " ").split()
    return [w[:6].strip(".,") for w in words]


def idf(stem: str) -> float:
    return IDF.get(stem, 0.0)


def test_details_are_cut_into_sentences_but_not_at_an_abbreviation() -> None:
    parts = sentences(DETAILS, analyse)
    assert [p.text[:14] for p in parts] == ["Le dispositif ", "L'organisme vé", "La rémunératio"]
    assert parts[0].has_number
    assert not parts[2].has_number


def test_a_specific_word_the_short_text_lacks_points_at_its_sentence() -> None:
    parts = sentences(DETAILS, analyse)
    found = pick(parts, {"verif": 1.0, "metier": 1.0}, {"verifie", "metier"}, {"metier"}, idf)
    assert found is not None
    assert "ROME" in found


def test_a_verb_form_the_stemmer_left_whole_still_matches_by_its_start() -> None:
    parts = sentences(DETAILS, analyse)
    found = pick(parts, {"verifient": 1.0}, {"verifient"}, set(), idf)
    assert found is not None
    assert "ROME" in found


def test_words_the_short_text_already_covers_add_nothing() -> None:
    parts = sentences(DETAILS, analyse)
    assert pick(parts, {"verif": 1.0, "rom": 1.0}, set(), {"verif", "rom"}, idf) is None


def test_a_common_word_alone_points_at_no_sentence() -> None:
    parts = sentences(DETAILS, analyse)
    assert pick(parts, {"organ": 1.0}, {"organisme"}, set(), idf) is None


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_who_checks_the_change_of_job_is_answered_with_the_rome_codes(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Transitions Pro vérifie quoi exactement dans un dossier de PTP ?")
    assert answer.entry == "ptp-transitions-pro"
    assert "ROME" in answer.text


def test_how_to_fund_the_vae_is_answered_with_the_cpf_sentence(answerer: Answerer) -> None:
    """'financer' is in half the entries, yet here it points at the one funding sentence."""
    answer = answerer.answer(
        "Notre animatrice a quatre ans d'expérience dans notre EPN. Comment peut-on financer "
        "sa VAE ?"
    )
    assert answer.entry is not None
    assert "CPF" in answer.text
    assert "CPF" not in answerer.kb.entries[answer.entry].short


def test_a_general_question_gets_the_short_answer_alone(answerer: Answerer) -> None:
    answer = answerer.answer("c'est quoi le DP ?")
    assert answer.entry is not None
    assert answer.text == render_entry(answerer.kb.entries[answer.entry])


def test_the_titre_code_is_knowledge_not_the_cohort_code_feature(answerer: Answerer) -> None:
    answer = answerer.answer("Pour mon groupe, il me faut le code du titre REMN, vous l'avez ?")
    assert answer.command is None
    assert "TP-01336" in answer.text


def test_one_shared_word_without_a_domain_word_is_not_an_answer(answerer: Answerer) -> None:
    answer = answerer.answer("ma table basse est cassée, vous savez la réparer ?")
    assert answer.entry is None
    assert answer.text.startswith("Désolé")


def test_the_asking_sentence_s_words_choose_the_detail_over_the_context_s(
    answerer: Answerer,
) -> None:
    """'médiation' in the context matches the Médiateur numérique sentence; the question asks
    how the VAE is funded."""
    answer = answerer.answer(
        "Notre animatrice a 5 ans d'expérience en médiation. On voudrait qu'elle valide le titre "
        "par la VAE, ça se finance comment ?"
    )
    assert answer.entry in ("vae-definition", "vae-titre-mediateur-numerique")
    assert "CPF" in answer.text
