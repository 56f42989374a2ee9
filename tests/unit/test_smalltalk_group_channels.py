"""Small talk of cohort channels and of days told: a trainer's group hello asked of the bot,
news of the space, illness, tiredness, answers found unhelpful; kind replies, never
"hors sujet". A question typed without its '?' ("… ou pas") stays a question."""

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
        ("Mentor, fais-leur un petit coucou, ils arrivent tous aujourd'hui", SmallTalk.GREETING),
        ("Tout le monde salue Mentor avant de commencer la séance !", SmallTalk.GREETING),
        ("Souhaitez la bienvenue à nos deux nouvelles stagiaires", SmallTalk.GREETING),
        ("J'ai attrapé la grippe, je ne serai pas là de la semaine.", SmallTalk.MOOD),
        ("je suis ensuquée aujourd'hui", SmallTalk.MOOD),
        ("jpp de cette semaine", SmallTalk.MOOD),
        ("L'équipe est débordée ces temps-ci, je fais de mon mieux pour suivre.", SmallTalk.MOOD),
        (
            "Grande nouvelle : la mairie nous confie une deuxième salle pour les ateliers !",
            SmallTalk.CHEER,
        ),
        ("On a inauguré notre fablab hier soir, c'était un très beau moment.", SmallTalk.CHEER),
        ("t ou ?", SmallTalk.PRESENCE),
        ("Bravo à tous mes stagiaires, toute la cohorte a validé le CCP1 !", SmallTalk.GOOD_NEWS),
        (
            "Madame, Monsieur, je vous écris afin de me présenter : Paul Leroy, médiateur au "
            "centre social de Rodez. Bien cordialement.",
            SmallTalk.GREETING,
        ),
        ("Ravie de rejoindre la promo, à très vite !", SmallTalk.GREETING),
        ("Adessias !", SmallTalk.BYE),
        ("Vos réponses ne m'ont pas été utiles aujourd'hui.", SmallTalk.MISUNDERSTOOD),
        ("Tu m'as fait perdre du temps ce soir, franchement.", SmallTalk.MISUNDERSTOOD),
        (
            "Quand j'ai commencé, je ne connaissais rien aux tiers-lieux. Aujourd'hui j'anime "
            "des ateliers toute la semaine. Merci pour tout !",
            SmallTalk.THANKS,
        ),
    ],
)
def test_group_hellos_and_days_told_get_a_fitting_reply(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


def test_a_bare_jpp_is_still_a_laugh(answerer: Answerer) -> None:
    assert answerer.answer("jpp 😂").smalltalk is SmallTalk.LAUGH


def test_a_question_without_its_mark_ending_in_ou_pas_is_no_good_news(answerer: Answerer) -> None:
    answer = answerer.answer(
        "jai eu mon ccp1 en 2021 il compte toujours ou pas vu le nouveau titre"
    )
    assert answer.kind is not AnswerKind.SMALLTALK  # not "Félicitations !"


def test_or_not_in_a_concession_asks_nothing() -> None:
    assert is_asking("il est encore valable ou pas")
    assert not is_asking("je continue la médiation, qu'il soit reconnu ou pas")


def test_a_time_clause_opening_a_sentence_asks_nothing() -> None:
    assert not is_asking("Quand j'ai commencé en janvier, je ne savais rien du métier.")
    assert is_asking("Quand est-ce que la session commence")


def test_bravo_to_the_team_that_made_the_bot_is_praise(answerer: Answerer) -> None:
    assert answerer.answer("Outil très clair, bravo à l'équipe !").smalltalk is SmallTalk.PRAISE


def test_not_the_right_moment_told_after_a_failure_is_no_good_news(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je n'ai pas eu mon CCP2 en juin, ce n'était pas le bon moment pour moi."
    )
    assert answer.smalltalk is SmallTalk.MOOD
