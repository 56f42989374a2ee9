"""Requests worded without a question word: advice asked in a letter, support asked of the
bot, the exam's day named "le jour J", a yes-or-no about the other blocks answered plainly."""

from __future__ import annotations

import pytest

from bot.answers.extract import analyse_message
from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import Normaliser
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_advice_asked_in_a_letter_is_a_request() -> None:
    text = "Nous souhaiterions avoir quelques conseils pour organiser le mariage de notre fille."
    assert analyse_message(text).questions


def test_advice_asked_on_a_foreign_subject_in_a_letter_is_declined_not_greeted(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Madame, Monsieur,\nNous souhaiterions avoir quelques conseils pour organiser le "
        "mariage de notre fille.\nCordialement,\nMarc Durand"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_the_monthly_update_with_france_travail_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer(
        "elle doit s'actualiser avant le 15 sur France Travail, on fait comment ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "Tu peux me remonter le moral ? Trois semaines de stage et je doute de tout.",
        "Entre le stage, le boulot et les enfants je suis à bout. J'ai besoin d'entendre "
        "que je vais y arriver.",
    ],
)
def test_support_asked_of_the_bot_is_given(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is SmallTalk.ENCOURAGE


def test_whether_the_ccp2_is_required_is_answered_plainly(answerer: Answerer) -> None:
    answer = answerer.answer("Le CCP2 est-il obligatoire pour rester conseiller numérique ?")
    assert answer.entry == "ccp1-minimum-conseiller-numerique"
    assert "il suffit" in answer.text


def test_le_jour_j_is_the_exam_day(kb: KnowledgeBase, answerer: Answerer) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert "examen" in norm.canonical_words("Le jour J, je dois apporter quoi ?")
    assert answerer.answer("Le jour J, je dois apporter quoi ?").entry == (
        "jour-examen-quoi-apporter"
    )


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("mon compte d'heures de formation", "cpf"),
        ("payer avec mes droits à la formation", "cpf"),
        ("inscrite au service public de l'emploi", "france_travail"),
        ("cette mention est-elle encore à jour ?", "renomme"),
    ],
)
def test_a_thing_named_in_other_words_is_the_thing(
    kb: KnowledgeBase, said: str, meant: str
) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert meant in norm.canonical_words(said)


def test_a_subject_described_before_the_question_weighs_as_context() -> None:
    query = analyse_message(
        "Le dossier où l'on raconte sa pratique au jury, on trouve son modèle vierge où ?"
    )
    assert query.focus == "on trouve son modèle vierge où ?"
    assert query.context == "Le dossier où l'on raconte sa pratique au jury"


def test_a_described_subject_asked_what_it_holds_stays_the_question() -> None:
    text = "Le bloc qui parle de budget et de partenaires, il contient quoi ?"
    assert analyse_message(text).focus == text


def test_the_thing_asked_of_a_described_subject_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Le dossier où l'on raconte sa pratique au jury, on trouve son modèle vierge où ?"
    )
    assert answer.entry == "dp-modele-officiel"


def test_a_wish_stated_in_a_letter_is_the_request(answerer: Answerer) -> None:
    answer = answerer.answer("Bonjour, je voudrais financer mon CCP2 avec mon CPF. Merci")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry is not None
    assert "cpf" in answer.entry


def test_a_foreign_wish_stated_in_a_letter_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, Monsieur,\nJe souhaiterais louer une salle des fêtes pour samedi.\n"
        "Bien cordialement,\nPaul Arnaud"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_thanks_stated_as_a_wish_stay_thanks(answerer: Answerer) -> None:
    answer = answerer.answer("Je voudrais vous remercier pour votre aide.")
    assert answer.kind is AnswerKind.SMALLTALK


def test_no_diploma_at_all_is_low_qualified(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    assert "peu_qualifie" in norm.canonical_words("caissière sans aucun diplôme")


def test_a_description_listing_many_things_is_still_found() -> None:
    listed = ", ".join(f"tâche {i}" for i in range(300))
    query = analyse_message(
        f"Le bloc qui parle de {listed}, il faut l'avoir pour être recruté comme conum ?"
    )
    assert query.focus == "il faut l'avoir pour être recruté comme conum ?"


def test_the_last_piece_of_the_titre_is_the_ccp3(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Le dernier morceau du titre, celui avec la compta et le dépannage des ordis, il y a "
        "quoi d'autre dedans ?"
    )
    assert answer.entry == "ccp3-presentation"


def test_a_subject_described_before_the_question_counts_for_its_words(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Le programme de l'État qui a payé des postes de gens pour aider les habitants avec "
        "internet dans les mairies, il a démarré quand et dans quel cadre ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert (answer.entry or "").startswith("conseiller-numerique")


def test_a_numbered_ccp_written_in_full_is_that_ccp(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, Monsieur, je prépare le certificat de compétences professionnelles n°1 du "
        "titre. Je souhaiterais obtenir la liste précise des compétences qui y sont évaluées."
    )
    assert answer.entry == "ccp1-presentation"


def test_a_commune_asking_about_an_opco_hears_of_the_cnfpt(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis DGS d'une commune de 8 000 habitants. Pour faire passer les CCP2 et CCP3 à "
        "notre conseiller numérique, on passe aussi par un OPCO ?"
    )
    assert "CNFPT" in answer.text


def test_whether_the_cpf_works_for_the_titre_is_not_about_civil_servants(
    answerer: Answerer,
) -> None:
    assert answerer.answer("et le CPF, ça marche pour le REMN ?").entry == "cpf-titre-eligible"


def test_how_to_use_the_bot_best_is_about_the_bot(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je suis nouvelle conseillère numérique et je découvre l'outil que mon "
        "coordinateur m'a conseillé. Comment je peux vous utiliser au mieux ?"
    )
    assert answer.smalltalk is SmallTalk.IDENTITY
