"""Families of questions met on unseen sets: placing an activity, a block's other competencies,
leave-taking words before a question, "rappeler" meaning "tell me again"."""

from __future__ import annotations

import pytest

from bot.answers.codes import asks_placement
from bot.answers.extract import analyse_message
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "placing"),
    [
        ("À quelle compétence du référentiel ça se rattache ?", True),
        ("Ces tâches correspondent-elles à un bloc du titre ?", True),
        ("Suivre les dépenses du lieu, ça relève de quel bloc ?", True),
        ("dans quels CCP je mets ces deux activités ?", True),
        ("Est-ce que ça peut compter pour un bloc du titre ?", True),
        ("Ça peut être valorisé dans le titre ?", True),
        ("mon ccp1 compte pour le remn ?", False),
        ("c'est quoi le CCP2 ?", False),
        ("Quelle est la durée de la formation ?", False),
    ],
)
def test_a_question_placing_an_activity_in_the_referentiel_is_told_apart(
    answerer: Answerer, text: str, placing: bool
) -> None:
    norm = answerer.index.norm
    assert asks_placement(norm.canonical_words(analyse_message(text).focus)) is placing


def test_a_competency_answer_names_the_other_competencies_of_its_block(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mes stagiaires réalisent un diagnostic de territoire en projet tutoré. Quelles autres "
        "compétences du même bloc pourrait-on évaluer en même temps ?"
    )
    assert answer.entry == "c2-1-diagnostic-territoire"
    assert all(code in answer.text for code in ("C2.2", "C2.3", "C2.4"))


def test_a_question_about_the_titre_s_ccps_gives_their_full_titles(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je dois présenter le titre à de futurs stagiaires. Combien de CCP le composent et "
        "comment s'appellent-ils ?"
    )
    assert "autonomie" in answer.text
    assert "développement" in answer.text
    assert "gestion" in answer.text


def test_a_short_question_with_chatty_context_still_finds_its_entry(answerer: Answerer) -> None:
    """The nearest example question brings its entry among the candidates, even when the
    context's words fill the first places by BM25."""
    answer = answerer.answer("c quoi un ccp en fait?? on me parle que de ca en formation mdr")
    assert answer.entry == "ccp-definition"


def test_a_question_after_leave_taking_words_is_still_answered(answerer: Answerer) -> None:
    answer = answerer.answer("je dois y aller, comment on passe le CCP1 ?")
    assert answer.kind is not AnswerKind.SMALLTALK


def test_asking_to_be_reminded_of_a_title_is_a_question_not_the_reminder(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Madame, Monsieur, je dois présenter le CCP2 du titre REMN en juin. Pourriez-vous me "
        "rappeler l'intitulé exact de ce certificat ? Respectueusement, Julien Perrot"
    )
    assert answer.entry == "ccp2-presentation"
    reminder = answerer.answer("rappelle-moi chaque lundi de noter mes preuves")
    assert reminder.kind is AnswerKind.FEATURE
    assert reminder.command == "rappel"


def test_an_activity_told_before_a_placing_question_decides_the_competency(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Notre salariée fait toute la communication de l'espace sur les réseaux sociaux et "
        "dans la presse locale. À quel bloc du titre ça se rattache ?"
    )
    assert answer.entry == "c2-4-communication"
    assert "CCP2" in answer.text


def test_communication_is_not_stemmed_into_commune_or_commun(answerer: Answerer) -> None:
    """The stemmer gives "commun" for all three; C2.4 is about communication."""
    stem = answerer.index.norm.stem
    assert stem("communication") != stem("commune") != stem("commun")
    answer = answerer.answer(
        "Je prépare un module sur la communication de l'espace. À quelle compétence je peux "
        "le rattacher ?"
    )
    assert answer.entry == "c2-4-communication"


def test_a_sibling_named_in_an_answer_does_not_make_it_found_by_the_sibling_s_words(
    answerer: Answerer,
) -> None:
    """C2.1's answer names "C2.3 (partenariats)": the search indexes C2.1 without that label."""
    assert "partenariats" in answerer.kb.entries["c2-1-diagnostic-territoire"].short
    answer = answerer.answer("monter des partenariats avec la mairie, c'est quelle compétence ?")
    assert answer.entry == "c2-3-partenariats"


def test_who_the_person_is_does_not_make_the_question_foreign(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis aide-soignante en CDI depuis six ans. J'aime aider les résidents avec leurs "
        "tablettes et j'aimerais en faire mon métier. Le projet de transition professionnelle, "
        "ça marche comment ?"
    )
    assert not answer.fallback
    assert answer.entry is not None
    assert answer.entry.startswith("ptp-")


def test_a_foreign_subject_told_before_the_question_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Ma fille est en cinquième et son collège organise des tests en classe. "
        "Vous auriez des exercices pour l'entraîner à la maison ?"
    )
    assert answer.fallback
    assert answer.entry is None


@pytest.mark.parametrize(
    "text",
    [
        "Notre conseiller numérique part en juin : quel préavis pour sa démission ?",
        "Mon contrat de conseillère numérique s'arrête, j'ai droit à une prime de précarité ?",
        "Le titre pro TAI, il a combien de CCP ?",
    ],
)
def test_labour_law_and_other_titres_are_declined_even_beside_the_conseiller_numerique(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


def test_leave_told_as_context_does_not_decline_the_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis en congé parental jusqu'en mars. Est-ce que je peux passer le CCP2 à distance ?"
    )
    assert not answer.fallback


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Madame, quel site officiel renseigne les candidats à un titre pro ?", "candidattitre"),
        ("c koi ladresse du centre d'aide des conums", "aide.conseiller-numerique.gouv.fr"),
    ],
)
def test_a_question_for_an_official_site_gets_its_address(
    answerer: Answerer, text: str, link: str
) -> None:
    answer = answerer.answer(text)
    assert not answer.fallback
    assert link in answer.text


def test_what_the_remn_replaced_is_answered_with_the_cmn(answerer: Answerer) -> None:
    answer = answerer.answer("Quel titre le REMN a-t-il remplacé ?")
    assert answer.kind is AnswerKind.ANSWER
    assert "CMN" in answer.text


def test_the_old_cmn_blocks_are_named_in_the_comparison(answerer: Answerer) -> None:
    answer = answerer.answer("Qu'est-ce que couvraient les anciens CCP 2 et 3 du CMN ?")
    assert answer.entry == "cmn-vs-remn"
    assert "fabrication numérique" in answer.text


def test_pix_for_university_students_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer("Pix c'est obligatoire pour les étudiants en licence ?")
    assert answer.fallback
    assert answer.entry is None


def test_a_student_asking_about_the_titre_is_not_taken_for_another_school(
    answerer: Answerer,
) -> None:
    asked = analyse_message("je suis etudiant en master, le CPF peut financer le titre ?")
    assert not answerer.rank(asked).scope.foreign


def test_the_help_centre_asked_in_other_words_gives_its_address(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Le centre d'aide en ligne du programme des aidants numériques de l'État, "
        "c'est quelle adresse ?"
    )
    assert "aide.conseiller-numerique.gouv.fr" in answer.text
