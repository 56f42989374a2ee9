"""Life told to the bot: hard news is comforted, never congratulated; a birth, a wedding or
a move is congratulated; wishes in other words are said back; a cohort's hello is greeted."""

from __future__ import annotations

import pytest

from bot.answers.extract import analyse_message
from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_a_death_told_gets_sympathy_not_cheer(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour Mentor. Je voulais juste vous dire que je serai moins présente ces prochaines "
        "semaines : mon père est décédé lundi. Je n'ai pas de question, j'avais juste besoin "
        "de l'écrire quelque part."
    )
    assert answer.smalltalk is SmallTalk.LOSS
    assert "désolé" in answer.text
    assert "bravo" not in answer.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Mon équipe traverse une période difficile, beaucoup de fatigue chez nos médiateurs. "
        "Je voulais le partager.",
        "Alerte orange cyclonique à La Réunion, l'espace est fermé aujourd'hui. On est tous à "
        "la maison avec les réserves d'eau. Tout va bien pour l'instant, je voulais juste "
        "donner des nouvelles.",
        "Je ne sais pas trop pourquoi je t'écris ce soir. J'ai l'impression de ne pas avancer "
        "et je me demande si je suis faite pour ce métier. Voilà, j'avais besoin de le dire.",
        "L'espace a été cambriolé ce week-end. L'équipe est sous le choc, et moi aussi. "
        "J'avais besoin de le dire.",
    ],
)
def test_hard_news_shared_is_comforted(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.MOOD
    assert "Courage" in answer.text


def test_a_proud_day_alone_stays_glad(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Aujourd'hui j'ai animé mon premier atelier tout seul. Six participants, personne n'est "
        "reparti sans son adresse mail. Je suis sur un petit nuage."
    )
    assert answer.smalltalk in (SmallTalk.CHEER, SmallTalk.GOOD_NEWS)


def test_wondering_why_one_writes_asks_nothing() -> None:
    assert not analyse_message("Je ne sais pas pourquoi je vous écris ça.").questions


@pytest.mark.parametrize(
    "text",
    [
        "ma fille est née hier 👶 je suis sur un nuage",
        "Je me marie samedi prochain en Martinique ! Je serai absent deux semaines.",
        "on a déménagé à Cayenne ça y est !!",
    ],
)
def test_life_news_is_congratulated(answerer: Answerer, text: str) -> None:
    assert "Félicitations" in answerer.answer(text).text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Je vous remercie pour votre disponibilité et vous souhaite un agréable week-end.",
            "Bon week-end à vous aussi",
        ),
        ("Je vous souhaite une excellente fin de journée, au revoir.", "Au revoir"),
        ("Le groupe de Saint-Denis vous souhaite une excellente année 2026 ! 🎆", "bonne année"),
    ],
)
def test_wishes_in_other_words_are_said_back(answerer: Answerer, text: str, said: str) -> None:
    assert said.lower() in answerer.answer(text).text.lower()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Les stagiaires de la promo de Fort-de-France vous disent bonjour ! 👋", "greeting"),
        ("Mes stagiaires sont un peu découragés. Tu as un petit mot pour eux ?", "encourage"),
        ("Excusez la brièveté de mes messages, je vous écris entre deux réunions.", "oops"),
    ],
)
def test_cohort_and_letter_small_talk(answerer: Answerer, text: str, kind: str) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk(kind)


def test_a_quoted_wish_is_not_said_back(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Un usager m'a dit « bonne nuit » en partant à 10 h du matin, ça m'a fait rire !"
    )
    assert "Bonne nuit à vous aussi" not in answer.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kouman i lé ? 😄", "how_are_you"),
        ("jfile a+ ✌️", "bye"),
        ("bon wkd 😎", "wishes"),
        ("on en reparle dmn ok ?", "pause"),
        (
            "Bonjour, Je vous prie de bien vouloir m'excuser, je ne suis pas encore très à "
            "l'aise avec la messagerie. Cordialement, Mme Benali",
            "oops",
        ),
        ("Je suis avec mon groupe, ils voulaient voir à quoi tu ressembles 😄", "greeting"),
    ],
)
def test_phone_chat_between_questions(answerer: Answerer, text: str, kind: str) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk(kind)


def test_christmas_wishes_with_a_doubt_are_wished_back(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Dernier message avant les fêtes : je voulais vous souhaiter un joyeux Noël, même si "
        "je ne sais pas trop si on souhaite Noël à un chatbot. En tout cas, merci pour cette "
        "année."
    )
    assert "joyeux Noël à vous aussi" in answer.text


def test_a_duration_told_in_thanks_is_no_pause(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Mille mercis ! Vous m'avez sauvé la mise. Je tournais en rond depuis ce matin et en "
        "deux minutes tout est devenu clair."
    )
    assert answer.smalltalk is not SmallTalk.PAUSE
    assert "plaisir" in answer.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("jfile a dem1", "bye"),
        ("jai trouve un taf de cnum 😍😍", "good_news"),
        (
            "Coucou ! Petite nouvelle : j'ai signé mon CDI hier comme conseillère numérique. "
            "Après huit mois de recherche, ça fait un bien fou.",
            "good_news",
        ),
        (
            "Je sors de mon entretien et je pense que ça s'est bien passé ! Ils me rappellent "
            "vendredi.",
            "good_news",
        ),
        ("Mon groupe de Genève vous salue ! Ils ont bien ri avec votre réponse.", "greeting"),
    ],
)
def test_news_greetings_and_goodbyes_in_everyday_words(
    answerer: Answerer, text: str, kind: str
) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk(kind)


def test_a_word_explained_is_no_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Kenavo ! Ça veut dire au revoir en breton 😄 Je suis à Quimper, on finit la "
        "formation demain. Merci pour tout et bonne continuation à toi."
    )
    assert answer.kind is AnswerKind.SMALLTALK
    assert answerer.answer("cnfs ça veut dire quoi").kind is AnswerKind.ANSWER


@pytest.mark.parametrize(
    "text",
    [
        "mon atelier smartphone sest trop bien passé les seniors ont adoré",
        "kiffé latelier ce matin, 12 seniors trop contents 😍",
        "Bravo à tous, la promo a terminé son projet collectif ! Tu félicites le groupe ?",
        "Une stagiaire vient d'avoir un bébé ! On lui envoie nos félicitations, tu te joins ?",
    ],
)
def test_a_group_or_a_workshop_success_is_congratulated(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.GOOD_NEWS
    assert "Félicitations" in answer.text


def test_a_question_about_congratulating_someone_is_not_small_talk(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Mon salarié a eu le CCP2, comment je peux le féliciter officiellement, il y a une "
        "attestation ?"
    )
    assert answer.kind is not AnswerKind.SMALLTALK


def test_praise_is_thanked_with_pleasure(answerer: Answerer) -> None:
    answer = answerer.answer("Ça m'aide vraiment, je vous dois une fière chandelle.")
    assert "ravi" in answer.text


def test_farewell_to_a_whole_group_is_wished_back(answerer: Answerer) -> None:
    answer = answerer.answer("Dernier jour de formation pour ce groupe. Bonne route à tous !")
    assert answer.smalltalk is SmallTalk.WISHES


def test_a_new_year_wish_in_the_subjunctive_is_no_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonne année Mentor ! Que 2026 t'apporte plein de questions intéressantes."
    )
    assert answer.smalltalk is SmallTalk.WISHES


def test_a_formal_apology_is_no_request(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je vous saurais gré de bien vouloir excuser mon absence de réponse ces derniers jours."
    )
    assert answer.kind is AnswerKind.SMALLTALK


def test_no_longer_having_access_is_no_goodbye(answerer: Answerer) -> None:
    answer = answerer.answer(
        "jsuis conseiller numerique, help un usager a perdu son mdp impots et a plus acces a "
        "sa boite mail"
    )
    assert answer.kind is not AnswerKind.SMALLTALK
    assert answerer.answer("merci a plus").smalltalk is SmallTalk.THANKS_BYE


@pytest.mark.parametrize(
    "text",
    ["Tu te souviens de moi ?", "vous vous rappelez de notre conversation d'hier ?"],
)
def test_asking_whether_the_bot_remembers_says_what_it_keeps(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.MEMORY
    assert "/mes_preuves" in answer.text


def test_remembering_a_fact_is_a_question_not_a_reminder(answerer: Answerer) -> None:
    assert answerer.answer("tu te rappelles le nom du CCP3 ?").entry == "ccp3-presentation"
    answer = answerer.answer(
        "Tu te souviens de ce que couvraient les CCP 2 et 3 du CMN, pour mes stagiaires ?"
    )
    assert answer.kind is AnswerKind.ANSWER


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Madame, Monsieur, permettez-moi de vous adresser mes meilleurs vœux pour la "
            "nouvelle année.",
            "Meilleurs vœux",
        ),
        ("mrc pr tt, a dm1", "À demain"),
    ],
)
def test_wishes_in_letters_and_texts_are_said_back(
    answerer: Answerer, text: str, said: str
) -> None:
    assert said.lower() in answerer.answer(text).text.lower()


def test_feeling_overwhelmed_is_met_with_comfort(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis en reconversion à 47 ans. Tout le monde va plus vite que moi sur les outils. "
        "Certains soirs je me sens complètement dépassée."
    )
    assert answer.smalltalk is SmallTalk.MOOD
