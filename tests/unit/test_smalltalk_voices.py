"""Small talk as people really send it: emoji alone, "ça va" beside the VAE, "are you a man
or a woman?", leave taken in a letter, a story shared for its own sake."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk
from bot.answers.smalltalk_emoji import emoji_family
from bot.answers.smalltalk_sounds import sound_key, spelt_by_ear


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("🙏🙏", SmallTalk.THANKS),
        ("😭😭😭", SmallTalk.MOOD),
        ("👋😴", SmallTalk.BYE),
        ("👋", SmallTalk.GREETING),
        ("🤣", SmallTalk.LAUGH),
        ("🎉🥳", SmallTalk.CHEER),
        ("👍", SmallTalk.OK),
    ],
)
def test_a_message_of_emoji_only_is_read_by_what_they_show(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


def test_the_most_shown_family_wins_among_mixed_emoji() -> None:
    assert emoji_family("😂😂🙏") is SmallTalk.LAUGH
    assert emoji_family("🌴") is SmallTalk.OK  # shows no family: taken as agreement


@pytest.mark.parametrize(
    "text", ["Allô ! Comment ça va aujourd'hui ?", "Salut, une fois ! Ça va bien ?"]
)
def test_how_are_you_is_not_a_question_about_the_vae(answerer: Answerer, text: str) -> None:
    # The stem of "VAE" is "va": short words are kept whole when looking for domain words.
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.entry is None


def test_the_vae_itself_is_still_a_domain_word(answerer: Answerer) -> None:
    assert answerer.answer("c'est quoi la VAE ?").kind is AnswerKind.ANSWER


def test_france_vae_named_alone_is_in_the_domain(answerer: Answerer) -> None:
    answer = answerer.answer("Depuis quand existe le service public France VAE ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "vae-reforme-france-vae"


@pytest.mark.parametrize(
    "text",
    [
        "Tu es un homme ou une femme ?",
        "Avant que mes salariés vous utilisent : vous êtes une personne ou un logiciel ?",
        "C'est qui derrière l'écran, un formateur ?",
        "Are you ChatGPT?",
    ],
)
def test_asking_what_answers_is_told_it_is_a_program(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.IDENTITY
    assert "programme" in answer.text


def test_advice_on_software_is_no_question_about_the_bot(answerer: Answerer) -> None:
    answer = answerer.answer("Tu me conseilles quel logiciel de montage vidéo gratuit ?")
    assert answer.smalltalk is not SmallTalk.IDENTITY
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "Madame, Monsieur, Je n'ai plus de question pour aujourd'hui et prends congé. "
        "Cordialement, M. Durand",
        "Je file, ma fille sort de l'école dans dix minutes !",
    ],
)
def test_leave_taken_in_words_is_a_goodbye(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk in (SmallTalk.BYE, SmallTalk.THANKS_BYE)


def test_a_story_shared_for_its_own_sake_is_cheered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Aujourd'hui j'ai animé mon premier atelier collectif : huit seniors, dont une dame "
        "qui a envoyé sa première photo à son petit-fils. Elle a pleuré, moi aussi. Je "
        "voulais juste le raconter à quelqu'un."
    )
    assert answer.smalltalk is SmallTalk.CHEER


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mersi bocou", SmallTalk.THANKS),
        ("bonjoure mantor, sa va ?", SmallTalk.HOW_ARE_YOU),
        ("o revoir et a bientau", SmallTalk.BYE),
        ("t ki toa ?", SmallTalk.IDENTITY),
    ],
)
def test_small_talk_spelt_by_ear_is_understood(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    assert answerer.answer(text).smalltalk is kind


def test_words_spelt_by_ear_sound_alike() -> None:
    assert sound_key("bocou") == sound_key("beaucoup")
    assert sound_key("bientau") == sound_key("bientôt".replace("ô", "o"))
    assert sound_key("mantor") == sound_key("mentor")
    assert sound_key("merci") != sound_key("mardi")


def test_real_words_and_domain_words_are_never_respelt(answerer: Answerer) -> None:
    spelling = answerer.smalltalk.spelling
    knows = answerer.index.knows
    assert spelling.respelled("Je dois filer, à une prochaine fois !", knows) == (
        "Je dois filer, à une prochaine fois !"
    )
    assert spelling.respelled("hahaha", knows) == "hahaha"  # too little sound
    assert answerer.answer("c koi la vae ?").entry is not None


def test_a_long_letter_of_thanks_is_thanked_not_sent_to_the_reminders(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, Monsieur, au terme de ma formation, je tenais à vous adresser mes sincères "
        "remerciements pour l'accompagnement dont j'ai bénéficié. Vos rappels hebdomadaires "
        "m'ont aidée à tenir le rythme. Je vous prie d'agréer l'expression de ma considération."
    )
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is SmallTalk.THANKS


def test_a_long_question_asked_on_someone_s_behalf_is_still_a_question(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mes stagiaires veulent savoir s'ils peuvent obtenir le titre petit à petit, un bloc "
        "après l'autre, plutôt que tout en une seule session."
    )
    assert answer.kind is AnswerKind.ANSWER


def test_emoji_beside_words_say_how_an_unanswered_message_feels(answerer: Answerer) -> None:
    assert answerer.answer("exam demain 😰😰😰").smalltalk is SmallTalk.MOOD
    assert answerer.answer("mon wifi marche pas 😡").kind is AnswerKind.OUT_OF_SCOPE


def test_distress_shared_about_the_exam_is_comforted_not_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bon, ce soir je n'arrive pas à dormir. Dans deux semaines je passe mon CCP1 devant le "
        "jury et j'ai l'impression de tout oublier dès que j'ouvre mon dossier. Ma formatrice "
        "dit que je suis prête, mais je n'en suis pas sûre du tout. Voilà, j'avais juste "
        "besoin de le dire à quelqu'un."
    )
    assert answer.smalltalk is SmallTalk.MOOD


def test_relief_after_the_exam_is_cheered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je viens de passer mon CCP1 à distance depuis la mairie. Connexion parfaite, jury "
        "bienveillant, j'ai pu présenter mon atelier sans trembler. Je n'aurai les résultats "
        "que dans quelques jours, mais je suis soulagée."
    )
    assert answer.smalltalk is SmallTalk.CHEER


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Madame, Monsieur, je vous prie de bien vouloir excuser le ton de mon précédent "
            "message. J'étais très énervée après une journée difficile. Bien à vous, Nadia K.",
            SmallTalk.OOPS,
        ),
        (
            "Madame, Monsieur, toute l'équipe pédagogique de notre organisme de formation de "
            "Clermont-Ferrand vous présente ses meilleurs vœux pour cette nouvelle année, "
            "ainsi qu'à tous les conseillers que vous accompagnez.",
            SmallTalk.WISHES,
        ),
        ("jai eu ma certif pix ouf", SmallTalk.GOOD_NEWS),
        ("bon jte laisse a+", SmallTalk.BYE),
    ],
)
def test_letters_and_sms_that_ask_nothing_get_the_reply_they_call_for(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    assert answerer.answer(text).smalltalk is kind


def test_a_message_of_known_words_is_taken_as_typed(answerer: Answerer) -> None:
    knows = answerer.index.knows
    assert not spelt_by_ear("quelle heure est-il ?", knows)
    assert spelt_by_ear("mersi bocou", knows)


@pytest.mark.parametrize(
    "text",
    [
        "t la ?",
        "Ça marche, là ? J'ai l'impression que rien ne part.",
        "La connexion a coupé pendant que je vous écrivais depuis la médiathèque. Vous êtes "
        "toujours là ? Je vérifie avant de reposer ma question.",
        "Je vous ai écrit ce matin et rien n'est revenu. Est-ce que quelqu'un me reçoit ?",
    ],
)
def test_checking_the_bot_is_there_inside_a_message_is_answered_as_presence(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.PRESENCE


def test_a_hello_before_a_question_is_not_a_presence_check(answerer: Answerer) -> None:
    answer = answerer.answer("Allô ! Je voudrais savoir comment financer mon CCP2 avec le CPF.")
    assert answer.kind is AnswerKind.ANSWER


@pytest.mark.parametrize(
    "text",
    [
        "t ki toi en fait",
        "Madame, Monsieur, à qui ai-je l'honneur ?",
        "Mon collègue jure que vous êtes une vraie conseillère, moi je dis que c'est un "
        "robot. Alors, lequel de nous deux a raison ?",
    ],
)
def test_who_answers_asked_in_any_voice_is_told_it_is_a_program(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk.IDENTITY


@pytest.mark.parametrize(
    "text", ["jsui dég de ouf", "chui à la ramasse ce soir", "Chu tannée, j'ai pus d'énergie."]
)
def test_a_low_mood_said_in_slang_gets_a_kind_word(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk.MOOD


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour Mentor, je vous présente ma nouvelle promo : douze conseillères numériques qui "
        "commencent demain. Dites-leur bonjour !",
        "Madame, Monsieur, je me permets de vous saluer : je suis le nouveau conseiller "
        "numérique de la médiathèque, arrivé cette semaine. Cordialement, Hugo.",
    ],
)
def test_an_introduction_that_asks_nothing_is_greeted(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).smalltalk is SmallTalk.GREETING
