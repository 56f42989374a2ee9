"""Words read as what they mean: a pronoun is no glued acronym, the length asked for is no
subject, and "minimal" asks for the minimum."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import Normaliser
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_leur_is_a_pronoun_not_an_article_glued_to_eur() -> None:
    norm = Normaliser([["euros", "€", "eur"], ["aif", "aide individuelle à la formation"]])
    assert "euros" not in norm.canonical_words("Comment le leur expliquer ?")
    assert norm.canonical_words("laif") == ["l", "aif"]


def test_the_length_asked_for_is_not_the_subject(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert norm.analyse("Le CCP2 en deux mots ?") == norm.analyse("Le CCP2 ?")
    assert norm.analyse("le DP en quelques mots") == norm.analyse("le DP")


def test_a_trainer_asking_for_a_two_word_summary_gets_the_entry_asked_about(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mes stagiaires salariés entendent parler du « plan de développement des compétences » "
        "de leur employeur. Comment le leur présenter en deux mots ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "opco-plan-developpement-competences"


def test_an_employer_asking_the_minimal_certification_gets_the_ccp1_minimum(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Nous allons recruter un conseiller numérique : quelle certification minimale "
        "devons-nous exiger des candidats ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "ccp1-minimum-conseiller-numerique"
    assert "CCP1" in answer.text


def test_the_maximum_amount_of_the_aif_is_said_to_vary_by_agency(answerer: Answerer) -> None:
    answer = answerer.answer("Quel est le montant maximal de l'AIF ?")
    assert answer.entry == "aif-aide-individuelle-formation"
    assert "varient selon les agences" in answer.text


def test_asking_whether_the_dp_may_be_written_in_ones_own_word_file_is_no_export(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Je n'ai encore rien écrit pour mon DP. Est-ce que je peux partir sur mon propre "
        "fichier Word ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.command is None


def test_asking_for_the_dp_draft_in_word_is_still_the_export(answerer: Answerer) -> None:
    answer = answerer.answer("Je voudrais télécharger mon brouillon de DP en Word")
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == "export"


def test_asking_to_be_reminded_of_a_date_told_before_is_no_reminder(answerer: Answerer) -> None:
    answer = answerer.answer(
        "On parle d'une date limite d'inscription aux CCP2 et CCP3 à la fin de validité du "
        "REMN. Pourriez-vous me rappeler cette date ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.command is None


def test_a_question_about_another_titre_told_after_the_ccp_is_declined(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Je forme une cohorte au CCP1, mais pour moi-même je voudrais passer le titre pro "
        "Formateur professionnel d'adultes. Comment se déroulent ses épreuves ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_a_question_about_the_ccp_told_after_ones_former_job_is_answered(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "J'étais aide-soignante pendant dix ans et je prépare maintenant le CCP1. "
        "Comment se déroulent ses épreuves ?"
    )
    assert answer.kind is AnswerKind.ANSWER


def test_a_past_event_told_after_apres_does_not_set_the_subject(answerer: Answerer) -> None:
    answer = answerer.answer(
        "J'ai quitté mon entreprise il y a un an après une rupture conventionnelle. "
        "Est-ce que la Région peut payer une formation au titre de médiateur ?"
    )
    assert (answer.kind, answer.entry) == (AnswerKind.ANSWER, "region-financement")
    declined = answerer.answer("Après un CAP cuisine, comment se passe l'épreuve ?")
    assert declined.kind is AnswerKind.OUT_OF_SCOPE


def test_phone_spellings_read_as_the_words_they_stand_for(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert norm.analyse("le titre sapel comment") == norm.analyse("le titre s'appelle comment")
    assert norm.analyse("jdoi payer kelkechose ?") == norm.analyse("je dois payer quelque chose ?")
    assert norm.analyse("pcq jcomprend pa") == norm.analyse("parce que je comprends pas")


def test_a_texted_question_on_the_new_name_gets_the_renaming(answerer: Answerer) -> None:
    answer = answerer.answer("cvrai que le remn sapel plus remn ?")
    assert answer.kind is AnswerKind.ANSWER
    assert "Médiateur numérique" in answer.text


def test_the_old_agency_named_in_full_is_france_travail(answerer: Answerer) -> None:
    answer = answerer.answer(
        "L'ancienne agence nationale pour l'emploi a changé de nom, depuis quand ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert "France Travail" in answer.text
