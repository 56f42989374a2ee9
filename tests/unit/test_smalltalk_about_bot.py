"""Small talk about what the bot costs and what its life is, wishes asked of it before a
trial, and days told for their own sake: kind replies, never "hors sujet"."""

from __future__ import annotations

import pytest

from bot.answers.extract import is_asking
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("C'est payant ce bot ?", SmallTalk.COST),
        ("c gratuit ton appli ?", SmallTalk.COST),
        ("Notre association doit-elle payer un abonnement pour vous utiliser ?", SmallTalk.COST),
        ("Tu as quel âge ? Tu manges quoi ?", SmallTalk.LIFE),
        ("Ma fille demande si tu as un chien et si tu dors la nuit 😄", SmallTalk.LIFE),
        ("Souhaitez-moi bonne chance pour demain !", SmallTalk.ENCOURAGE),
        ("encourage moi stp jpasse loral demain", SmallTalk.ENCOURAGE),
        (
            "Ma promo passe l'oral lundi, ils sont morts de trac. Un petit mot pour les rassurer ?",
            SmallTalk.ENCOURAGE,
        ),
        (
            "Des nouvelles du front : la mairie nous a livré six tablettes et les ados "
            "viennent maintenant le mercredi.",
            SmallTalk.CHEER,
        ),
        (
            "Je vous en raconte une : un monsieur cherchait la touche « n'importe quelle "
            "touche » ! Je n'ai pas pu m'empêcher de sourire.",
            SmallTalk.LAUGH,
        ),
        (
            "Je suis en arrêt pour une entorse, le médecin dit encore dix jours. Le DP "
            "attendra un peu.",
            SmallTalk.MOOD,
        ),
        ("Est-ce que nos échanges restent confidentiels ?", SmallTalk.PRIVACY),
        ("Ce que je te raconte, ça reste entre nous ?", SmallTalk.PRIVACY),
        (
            "En tant que directrice, est-ce que les conversations de mes conseillers avec vous "
            "me sont accessibles ?",
            SmallTalk.PRIVACY,
        ),
        ("Que faites-vous de mes données ?", SmallTalk.PRIVACY),
        ("Je peux vous donner le nom de l'usager dont je parle ?", SmallTalk.PRIVACY),
        ("on peut se tutoyer ?", SmallTalk.ADDRESS),
        ("Ça vous dérange si je vous tutoie ?", SmallTalk.ADDRESS),
        ("Qui t'a fabriqué ?", SmallTalk.IDENTITY),
        (
            "Léa vient d'apprendre qu'elle a obtenu son CCP2, vous lui dites quoi ?",
            SmallTalk.GOOD_NEWS,
        ),
        (
            "L'oral est demain matin. J'ai tout relu, je n'ai rien mangé ce soir et je tremble "
            "un peu. J'ai juste besoin que quelqu'un me dise que ça va aller.",
            SmallTalk.ENCOURAGE,
        ),
        (
            "Je n'écris pas très bien, j'ai toujours eu des difficultés avec l'orthographe et "
            "ça me gêne un peu de vous écrire. Excusez-moi d'avance pour les fautes, ma "
            "formatrice m'a dit que vous comprendriez quand même.",
            SmallTalk.OOPS,
        ),
        ("bon jfile, rdv client dans 2 min, bisous", SmallTalk.BYE),
        ("re ! jsuis de retour", SmallTalk.GREETING),
        (
            "Je me demande si j'ai fait le bon choix en quittant la banque. Les jeunes de ma "
            "promo vont tellement plus vite, je me sens nulle et j'ai parfois envie de tout "
            "arrêter.",
            SmallTalk.MOOD,
        ),
        (
            "Merci pour tout. Je ne sais pas si un programme aime qu'on le remercie, mais je "
            "le fais quand même. Bonne soirée !",
            SmallTalk.THANKS_BYE,
        ),
        (
            "Excusez-moi d'avoir disparu hier en pleine conversation, une usagère avait besoin "
            "de moi en urgence. Je reprends où on s'était arrêtés.",
            SmallTalk.OOPS,
        ),
        ("je stress trop", SmallTalk.MOOD),
        ("bsr t la ?", SmallTalk.PRESENCE),
        (
            "Notre médiateur vient d'être embauché en CDI, je voulais partager la nouvelle.",
            SmallTalk.GOOD_NEWS,
        ),
        (
            "Je coordonne les conseillers numériques du département. Je voulais simplement "
            "prendre contact avant de vous présenter aux équipes.",
            SmallTalk.GREETING,
        ),
        (
            "Je rentre de mon atelier au foyer logement et c'était génial : un monsieur de 88 "
            "ans a fait son premier appel vidéo avec son arrière-petit-fils.",
            SmallTalk.CHEER,
        ),
    ],
)
def test_small_talk_about_the_bot_or_a_day_gets_a_kind_reply(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


def test_the_bot_says_it_costs_nothing_and_points_to_funding_the_titre(
    answerer: Answerer,
) -> None:
    text = answerer.answer("Combien ça coûte de vous poser des questions ?").text
    assert "rien à payer" in text
    assert "financer le titre" in text


@pytest.mark.parametrize(
    "text",
    [
        # What the state or a funder pays is a question about the domain.
        "Le programme lancé en 2020 existe-t-il toujours ? L'État continue-t-il de payer ?",
        "Le CPF, c'est gratuit ?",
        "Combien coûte la formation au titre REMN ?",
    ],
)
def test_a_price_of_the_domain_is_answered_not_taken_for_the_bots_cost(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).smalltalk is not SmallTalk.COST


def test_sick_pay_not_received_is_declined_not_comforted(answerer: Answerer) -> None:
    answer = answerer.answer("mon arret maladie est tjrs pas payé par la secu ca fait 3 semaines")
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_a_bare_are_you_asleep_is_answered_as_being_there(answerer: Answerer) -> None:
    said = answerer.answer("tu dors ?").smalltalk
    assert said in (SmallTalk.PRESENCE, SmallTalk.AVAILABILITY)


def test_an_exclamation_opening_a_week_told_is_no_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Quelle semaine ! Lundi atelier tablette à la médiathèque, mardi permanence en mairie, "
        "jeudi réunion avec la com com. Je suis crevée, mais j'adore ce boulot."
    )
    assert answer.kind is AnswerKind.SMALLTALK


@pytest.mark.parametrize(
    ("sentence", "asking"),
    [("Quelle semaine !", False), ("Quel bonheur !", False), ("Quel CCP choisir ?", True)],
)
def test_quel_followed_by_an_exclamation_mark_exclaims(sentence: str, asking: bool) -> None:
    assert is_asking(sentence) is asking


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, je suis directeur d'une association et je découvre votre service. "
        "Vous êtes qui exactement ?",
        "Bonjour ! Je viens de découvrir cet outil grâce à ma formatrice et je ne sais pas "
        "trop comment ça marche. Je peux vous poser n'importe quelle question ?",
        "Bonjour, je vous prie de m'excuser pour le dérangement. Pourriez-vous m'indiquer qui "
        "est à l'origine de ce service et à quoi il est destiné ?",
    ],
)
def test_who_the_bot_is_asked_after_an_introduction_is_small_talk(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.text.startswith("Bonjour")


def test_help_asked_after_a_problem_told_is_about_the_problem(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je dois faire ma déclaration d'impôts en ligne et déduire mes frais réels. Je ne "
        "trouve pas la bonne case. Vous pouvez m'aider ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_privacy_reply_says_who_sees_the_talk_and_asks_to_anonymise_usagers(
    answerer: Answerer,
) -> None:
    text = answerer.answer("Qui peut lire nos échanges ?").text
    assert "ni à votre employeur ni à votre formateur" in text
    assert "anonymisez" in text
    assert "/effacer_mes_donnees" in text


@pytest.mark.parametrize(
    "text",
    [
        "Je dois vouvoyer le jury pendant l'oral ?",
        "Mes échanges avec le jury sont-ils enregistrés ?",
        "Qui peut consulter mon dossier professionnel ?",
    ],
)
def test_the_exam_or_the_dp_asked_in_bot_words_is_no_small_talk(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is not AnswerKind.SMALLTALK


def test_a_workshop_that_went_well_is_cheered_even_told_with_tout_seul(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mon atelier tablette a cartonné ce matin ! Une dame de 80 ans a envoyé toute seule "
        "sa première photo à sa petite-fille."
    )
    assert answer.smalltalk is SmallTalk.CHEER


def test_the_procedure_asked_after_a_foreign_subject_is_no_call_for_help(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Je souhaite résilier mon forfait de téléphone. Pourriez-vous m'indiquer la marche "
        "à suivre ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_a_doubt_about_the_titre_is_still_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("Je me demande si le CCP1 suffit pour garder mon poste.")
    assert answer.kind is not AnswerKind.SMALLTALK


def test_soliciting_the_bot_for_the_first_time_is_a_hello(answerer: Answerer) -> None:
    answer = answerer.answer("Bonjour, je me permets de vous solliciter pour la première fois.")
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.text.startswith("Bonjour")


@pytest.mark.parametrize(
    ("text", "hello"), [("Bonsoir", "Bonsoir !"), ("bsr", "Bonsoir !"), ("Bonjour", "Bonjour !")]
)
def test_a_hello_is_said_back_as_it_came(answerer: Answerer, text: str, hello: str) -> None:
    assert answerer.answer(text).text.startswith(hello)
