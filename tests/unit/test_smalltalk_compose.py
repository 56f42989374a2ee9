"""A small-talk message that says several things gets a reply to each of them."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_news_thanks_and_goodbye_are_each_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour bonjour ! Petite nouvelle du jour : je suis officiellement maman depuis "
        "dimanche. Merci pour tout ce que tu m'as apporté, et à bientôt !"
    )
    text = answer.text.lower()
    assert answer.kind is AnswerKind.SMALLTALK
    assert text.startswith("bonjour !")
    assert "félicitations" in text
    assert "plaisir" in text
    assert "bientôt" in text


def test_thanks_with_a_wish_are_thanked_too(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, Monsieur, je vous remercie vivement pour la clarté de vos précisions. "
        "Je vous souhaite une excellente fin de journée. Cordialement, Hélène Martin."
    )
    assert "plaisir" in answer.text.lower()


def test_an_apology_closed_with_thanks_is_accepted(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je vous prie de bien vouloir excuser le caractère tardif de ma réponse. "
        "Je vous remercie de votre compréhension. Respectueusement, Thierry Dumas."
    )
    assert "pas de souci" in answer.text.lower()


def test_a_birthday_told_in_the_past_is_wished(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Aujourd'hui c'était mon anniversaire, mes stagiaires m'ont fait une surprise. "
        "Bonne soirée Mentor."
    )
    assert "anniversaire" in answer.text.lower()


def test_a_goodbye_typed_as_a_plus_sign_is_said_back(answerer: Answerer) -> None:
    answer = answerer.answer("mrc bcp ! jte dis a+ jdois aller chercher les enfants")
    assert "bientôt" in answer.text.lower()


def test_how_are_you_in_creole_with_a_mood(answerer: Answerer) -> None:
    answer = answerer.answer("koman i lé marmay ? mi lé fatigué mé mi tien bon 💪")
    assert answer.smalltalk is SmallTalk.HOW_ARE_YOU
    assert "courage" in answer.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Tu sers à rien, je trouve jamais ce que je cherche avec toi, c'est pénible.",
        "Mentor, je suis en colère. Trois fois que je te demande quelque chose et trois fois "
        "tu me réponds à côté. Je perds mon temps, j'ai des usagers qui attendent, et toi tu "
        "me sors des généralités. Franchement tu ne sers pas à grand-chose.",
    ],
)
def test_frustration_with_the_bot_gets_an_apology(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk.MISUNDERSTOOD


def test_a_long_message_in_english_is_told_french_only(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Hello, I'm Priya, I work in a digital inclusion space in Strasbourg. Writing French "
        "is still hard for me. Can I write to you in English sometimes?"
    )
    assert answer.smalltalk is SmallTalk.LANGUAGE


def test_a_christmas_wish_about_creole_food_is_no_language_question(answerer: Answerer) -> None:
    answer = answerer.answer("Joyeux Noël depuis Fort-de-France ! On mange du boudin créole.")
    assert answer.smalltalk is not SmallTalk.LANGUAGE


def test_a_question_with_thanks_is_still_answered_alone(answerer: Answerer) -> None:
    answer = answerer.answer("Merci ! Et le CCP2, c'est quoi ?")
    assert answer.kind is AnswerKind.ANSWER
    assert "plaisir" not in answer.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Mon contrat n'est pas renouvelé.",
        "Je vous informe que je n'ai pas été admise au CCP2 lors de la session d'octobre.",
        "Nous ne pourrons malheureusement pas renouveler le poste l'an prochain, faute de budget.",
    ],
)
def test_bad_news_told_gets_a_word_of_comfort_not_congratulations(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert "courage" in answer.text.lower()
    assert "félicitations" not in answer.text.lower()


def test_good_news_of_a_renewal_is_still_congratulated(answerer: Answerer) -> None:
    assert "félicitations" in answerer.answer("Mon contrat a été renouvelé !").text.lower()


def test_hello_and_how_are_you_in_sms_get_both_back(answerer: Answerer) -> None:
    answer = answerer.answer("slt cv ?")
    assert answer.text.startswith("Bonjour !")
    assert "très bien" in answer.text.lower()


def test_good_evening_in_sms_is_wished_back(answerer: Answerer) -> None:
    assert "bonne soirée" in answerer.answer("bn soiré").text.lower()


def test_what_the_bot_can_do_says_it_answers_questions(answerer: Answerer) -> None:
    assert "répondre à vos questions" in answerer.answer("Tu sais faire quoi au juste ?").text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Bonjour, je m'appelle Monique, j'ai 72 ans. Je ne sais pas bien comment ça marche "
            "alors j'écris doucement. Je voulais simplement dire bonjour.",
            "bonjour",
        ),
        ("Mon groupe de Lille te fait coucou ! 👋👋👋", "bonjour"),
        (
            "Je prends l'avion demain, je ne serai pas connectée, alors je vous dis à dans "
            "quinze jours !",
            "bientôt",
        ),
        (
            "Madame, Monsieur, je serai absente du 12 au 26 août. Je vous souhaite un bel été. "
            "Cordialement, Nadia Benali",
            "bonne continuation",
        ),
        ("Je viens d'apprendre que j'ai été prise comme conseillère numérique !", "bravo"),
    ],
)
def test_small_talk_said_on_the_way(answerer: Answerer, text: str, word: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert word in answer.text.lower()


def test_introducing_oneself_before_a_question_still_gets_the_answer(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je me présente : Julie, formatrice. Quelles sont les compétences du CCP2 ?"
    )
    assert answer.kind is AnswerKind.ANSWER
