"""Small talk that tells rather than asks: wishes said back, news and feelings told at length,
apologies, doubts about who answers, and what only looks like small talk."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk
from bot.answers.smalltalk_cues import cue_family
from bot.answers.smalltalk_told import feeling_told, wish_back


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Bonne nuit !", "Bonne nuit à vous aussi"),
        ("bon wk end a toi", "Bon week-end à vous aussi"),
        ("Merci pour tout et bonnes fêtes !", "Bonnes fêtes à vous aussi"),
        ("Allez, à demain !", "À demain !"),
    ],
)
def test_a_wish_on_leaving_is_said_back(answerer: Answerer, text: str, said: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert said.lower() in answer.text.lower()


def test_a_wish_inside_a_question_changes_nothing() -> None:
    assert wish_back("C'est quoi le CCP2 ?") is None


def test_a_joke_is_declined_kindly_with_what_the_bot_is_for(answerer: Answerer) -> None:
    answer = answerer.answer("Tu connais une blague sur les imprimantes ?")
    assert answer.fallback
    assert "blague" in answer.text.lower()
    assert "/aide" in answer.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Hier j'ai animé ma première permanence seule à la mairie. Une dame de 80 ans est "
            "repartie avec son pass Navigo sur son téléphone, j'étais trop fière de moi.",
            SmallTalk.GOOD_NEWS,
        ),
        (
            "Cette semaine a été terrible, trois collègues absentes, la salle informatique "
            "inondée, et je me sens complètement découragée.",
            SmallTalk.MOOD,
        ),
        ("jsuis au taquet aujourd'hui !!", SmallTalk.CHEER),
        (
            "Ce matin six retraités ont envoyé leur premier mail à leurs petits-enfants. "
            "Ambiance géniale dans la salle, on a bien ri.",
            SmallTalk.CHEER,
        ),
        ("Je n'ai pas eu mon CCP2, je suis dégoûtée.", SmallTalk.MOOD),
    ],
)
def test_news_told_without_a_question_gets_a_word_that_fits_its_feeling(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


def test_a_story_with_no_feeling_is_not_taken_for_news() -> None:
    assert feeling_told("Mon fils est en troisième et il veut faire un bac pro.") is None


def test_a_request_for_a_poem_for_a_party_is_not_taken_for_news(answerer: Answerer) -> None:
    answer = answerer.answer("Écris-moi une chanson sur l'inclusion numérique pour notre fête.")
    assert answer.fallback


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Veuillez excuser mon dernier courriel, envoyé trop vite.", SmallTalk.OOPS),
        ("dsl pr hier jetais pas dans mon assiette", SmallTalk.OOPS),
        ("Mon message vous est-il bien arrivé ?", SmallTalk.PRESENCE),
        ("tu mentends ?", SmallTalk.PRESENCE),
        ("mais t nul tu reponds jamais a ce que je te demande", SmallTalk.MISUNDERSTOOD),
        ("Bonjour, simple prise de contact, je reviendrai vers vous.", SmallTalk.GREETING),
        ("Je vous prie d'agréer mes salutations distinguées.", SmallTalk.BYE),
        ("J'espère que tu te portes bien", SmallTalk.HOW_ARE_YOU),
        ("jpeux te demander un conseil", SmallTalk.ASK),
        ("Je me demande parfois si je suis faite pour ce métier.", SmallTalk.MOOD),
        ("Vous lisez bien mes messages ? Rien ne s'affiche de mon côté.", SmallTalk.PRESENCE),
        ("ce bot est vraiment nul", SmallTalk.MISUNDERSTOOD),
        (
            "Juste un mot pour vous remercier : grâce au rappel du lundi, mon journal est à jour.",
            SmallTalk.THANKS,
        ),
    ],
)
def test_apologies_checks_and_complaints_get_their_own_reply(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is kind


@pytest.mark.parametrize(
    "text",
    [
        "Je voudrais savoir si je m'adresse à une vraie personne ou à un programme automatique.",
        "Est-ce qu'un formateur lit nos messages ou bien est-ce une intelligence artificielle ?",
        "Vous êtes une IA ou un agent de France Travail qui me répond ?",
        "Mes questions sont-elles lues par une personne ou par un répondeur ?",
    ],
)
def test_asking_who_answers_is_answered_by_what_the_bot_is(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.IDENTITY
    assert "pas une personne" in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "Le brevet des collèges, comment ça marche ?",
        "Comment fonctionne la carte Vitale ?",
        "le wifi de la salle marche plus depuis hier",
        "mon ordi rame depuis la mise à jour tu peux m'aider",
    ],
)
def test_what_only_sounds_like_small_talk_is_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("yo bien ou bien", SmallTalk.HOW_ARE_YOU),
        ("Mèsi anpil !", SmallTalk.THANKS),
        ("pause dej, a tte", SmallTalk.PAUSE),
        ("JE L'AI EU !!! trop soulagée", SmallTalk.GOOD_NEWS),
        ("hé ho y a personne ?", SmallTalk.PRESENCE),
        ("t'as rien compris à ma question", SmallTalk.MISUNDERSTOOD),
    ],
)
def test_a_short_social_message_no_pattern_foresaw_is_met_by_its_words(
    answerer: Answerer, text: str, kind: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


def test_social_words_around_a_subject_do_not_make_small_talk() -> None:
    assert cue_family("Comment dire bonjour à un client qui ne parle pas français ?") is None


def test_a_birthday_is_wished(answerer: Answerer) -> None:
    assert "anniversaire" in answerer.answer("c'est mon anniv aujourd'hui 🎂").text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour. Je suis directrice d'un centre social qui accueille une conseillère numérique.",
        "Bienvenue à Inès et Malik qui rejoignent la promo ce matin !",
        "Bonjour à tous, je vous présente Mentor. Dites-lui bonjour !",
    ],
)
def test_a_hello_that_asks_nothing_is_greeted_back(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.smalltalk is SmallTalk.GREETING


def test_a_formal_request_closed_with_thanks_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, je souhaiterais en connaître l'intitulé exact du CCP2 pour mon dossier. "
        "Avec mes remerciements, Paul Martin"
    )
    assert answer.kind is AnswerKind.ANSWER


def test_news_that_a_post_is_confirmed_is_congratulated(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, j'ai le plaisir de vous annoncer que la commune vient de me confirmer dans "
        "mon poste. Cordialement, Inès"
    )
    assert answer.kind is AnswerKind.SMALLTALK
    assert "bravo" in answer.text.lower() or "félicitations" in answer.text.lower()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("t humain toi ?", SmallTalk.IDENTITY),
        ("Suis-je en contact avec une personne en chair et en os ?", SmallTalk.IDENTITY),
        ("Puis-je vous soumettre une petite interrogation ?", SmallTalk.ASK),
        ("jreviens dans 5 min", SmallTalk.PAUSE),
        ("Je vous dérange pas, si tard ?", SmallTalk.AVAILABILITY),
        ("votre réponse est fausse", SmallTalk.MISUNDERSTOOD),
        ("Gros coup de blues ce soir.", SmallTalk.MOOD),
        ("trop angoissée avant la session", SmallTalk.MOOD),
        ("Je suis devenue mamie ce week-end !", SmallTalk.CHEER),
        ("ptdr", SmallTalk.LAUGH),
        ("La directrice du centre social vous adresse ses salutations.", SmallTalk.GREETING),
        ("wesh moi c'est Inès, jsuis nouvelle", SmallTalk.GREETING),
    ],
)
def test_more_ways_of_saying_small_talk(answerer: Answerer, text: str, kind: SmallTalk) -> None:
    assert answerer.answer(text).smalltalk is kind


def test_a_story_that_mentions_an_explanation_is_not_a_question(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Merci beaucoup. Personne n'avait pris le temps de m'expliquer tout ça, "
        "grâce à vous j'y vois plus clair."
    )
    assert answer.smalltalk in (SmallTalk.THANKS, SmallTalk.PRAISE)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Franchement merci, grâce à vous ma semaine est sauvée et ma tutrice aussi.", None),
        ("allez jvais dormir, bn8", SmallTalk.BYE),
        ("jstresse trop pour lundi", SmallTalk.MOOD),
        ("chui prise en cdd à la médiathèque 🎉", SmallTalk.GOOD_NEWS),
        ("Vos réponses sont un peu trop longues pour mon téléphone.", SmallTalk.MISUNDERSTOOD),
        (
            "Mon fils dit que je parle à une machine, moi je trouve que vous répondez comme "
            "quelqu'un de très patient. Qui a raison ?",
            SmallTalk.IDENTITY,
        ),
    ],
)
def test_yet_more_ways_of_saying_small_talk(
    answerer: Answerer, text: str, kind: SmallTalk | None
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert kind is None or answer.smalltalk is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Impeccable, c'est tout ce qu'il me fallait pour ma réunion. Merci. Anne, RH", None),
        ("Je m'arrête là pour aujourd'hui, je reprendrai demain.", SmallTalk.BYE),
        ("Un humain lit-il vraiment mes messages ?", SmallTalk.IDENTITY),
        ("Franchement je doute, je me demande si j'ai ma place dans cette promo.", SmallTalk.MOOD),
        ("Tes réponses sont plus claires que mes cours, chapeau !", None),
        ("J'ai une nouvelle à vous annoncer : j'ai signé hier mon contrat !", SmallTalk.GOOD_NEWS),
        (
            "Madame, je vous fais part de ma déception : pas de réponse satisfaisante cette "
            "semaine. Cordialement, Luc",
            SmallTalk.MISUNDERSTOOD,
        ),
    ],
)
def test_small_talk_said_at_length(answerer: Answerer, text: str, kind: SmallTalk | None) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert kind is None or answer.smalltalk is kind


def test_thanks_in_advance_for_a_request_are_not_thanks_given(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Madame, je me permets de vous écrire afin de me présenter : je suis bénévole dans un "
        "atelier informatique. Je vous remercie par avance de votre accueil. Odile"
    )
    assert answer.smalltalk is not SmallTalk.THANKS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("tkt 2 min jreviens je gare la voiture", SmallTalk.PAUSE),
        ("Pourriez-vous patienter un instant ? Je cherche mon dossier.", SmallTalk.PAUSE),
        ("Je vous ai répondu un peu sèchement tout à l'heure, désolée.", SmallTalk.OOPS),
        ("J'ai peur de poser une question bête, je peux quand même ?", SmallTalk.ASK),
        ("Tu es toujours là ?", SmallTalk.PRESENCE),
        ("Vos réponses me semblent trop longues sur mon téléphone.", SmallTalk.MISUNDERSTOOD),
        ("tu réponds encore à côté, c'est pénible", SmallTalk.MISUNDERSTOOD),
        ("Bonne nouvelle : la mairie garde notre conseillère, elle est aux anges !", None),
        ("Ma stagiaire ne jure que par vous, vous lui avez sauvé son dossier.", SmallTalk.PRAISE),
    ],
)
def test_pauses_apologies_and_news_in_other_words(
    answerer: Answerer, text: str, kind: SmallTalk | None
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert kind is None or answer.smalltalk is kind


def test_an_apology_before_a_request_still_gets_the_request_answered(answerer: Answerer) -> None:
    answer = answerer.answer("Excusez-moi de vous déranger, je cherche les compétences du CCP2.")
    assert answer.kind is AnswerKind.ANSWER


@pytest.mark.parametrize(
    "text",
    [
        "Je viens de réussir mon CCP1 !!!",
        "Le jury m'a donné les 3 CCP !",
        "je viens d'avoir mon titre",
    ],
)
def test_news_just_received_is_congratulated(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert "félicitations" in answer.text.lower()


def test_how_to_pass_a_ccp_is_still_a_question(answerer: Answerer) -> None:
    assert answerer.answer("Comment réussir mon CCP1 ?").kind is AnswerKind.ANSWER


def test_news_told_before_leaving_is_congratulated_then_wished_back(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Merci pour tout, j'ai eu mon CCP1 hier et vos explications m'ont bien aidée ! "
        "Je voulais juste vous le dire. Bonne journée"
    )
    assert "félicitations" in answer.text.lower()
    assert "bonne journée" in answer.text.lower()


def test_thanks_with_until_next_time_is_a_goodbye(answerer: Answerer) -> None:
    answer = answerer.answer("Merci pour le temps passé, à une prochaine fois !")
    assert "à une prochaine fois" in answer.text.lower()


def test_a_ccp_validated_with_emojis_is_news(answerer: Answerer) -> None:
    answer = answerer.answer("CCP1 validé 🎉🥳🍾 !!!")
    assert answer.kind is AnswerKind.SMALLTALK
    assert "félicitations" in answer.text.lower()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("g eu mon ccp1 !!!! 🎉", "félicitations"),
        ("Je viens de décrocher un CDI comme médiatrice numérique, je commence lundi.", "bravo"),
        ("J'ai enfin terminé mon dossier professionnel et je l'ai envoyé ce midi. 🥳", "bravo"),
        ("Aujourd'hui c'est mon anniversaire et je prépare un atelier. Pas très festif !", "anniv"),
        ("Hier je t'ai envoyé un message un peu agressif. Je retire, c'était la fatigue.", "souci"),
        ("Je vous prie de bien vouloir m'excuser pour l'erreur de mon message.", "souci"),
        ("Je vous présente mes excuses pour le ton de mon précédent message.", "souci"),
        ("Dis bonjour à mes stagiaires !", "bonjour"),
        ("Adishatz !", "bonjour"),
        ("jdois y aller bisous", "bientôt"),
    ],
)
def test_small_talk_heard_in_more_voices(answerer: Answerer, text: str, word: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert word in answer.text.lower()


def test_a_bot_that_does_not_answer_what_was_asked_apologises(answerer: Answerer) -> None:
    answer = answerer.answer("Ça fait trois fois que tu ne me réponds pas ce que j'attends.")
    assert answer.smalltalk is SmallTalk.MISUNDERSTOOD


def test_a_request_for_a_summary_closed_with_thanks_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je suis conseillère formation dans un organisme. Nos publics sont très "
        "différents. J'aimerais une synthèse des financements possibles selon le profil. Merci !"
    )
    assert answer.kind is AnswerKind.ANSWER


def test_an_unsure_reply_to_a_greeted_message_says_hello_back(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je suis nouvelle conseillère numérique et je découvre l'outil que mon "
        "coordinateur m'a conseillé. Comment je peux vous utiliser au mieux ?"
    )
    assert answer.text.startswith("Bonjour")


def test_how_to_use_the_bot_is_about_the_bot(answerer: Answerer) -> None:
    answer = answerer.answer("Comment je peux vous utiliser au mieux ?")
    assert answer.smalltalk is SmallTalk.IDENTITY
