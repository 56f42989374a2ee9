"""Long messages, paraphrases, feature requests, small talk, and the trained ranker's file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers.checks import check_knowledge
from bot.answers.extract import analyse_message, looks_like_question
from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.answers.normalise import Normaliser
from bot.answers.ranker import FILE_NAME
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def test_long_message_finds_the_question_among_greeting_context_and_signature() -> None:
    query = analyse_message(
        "Bonjour, je suis en CDD dans une asso depuis 8 mois. Ma formatrice m'a parlé du CPF. "
        "Est-ce que France Travail peut compléter ? Merci d'avance, Sophie"
    )
    assert query.questions == ("Est-ce que France Travail peut compléter ?",)
    assert "CDD" in query.context
    assert "Sophie" not in query.text
    assert "Bonjour" not in query.text


def test_formal_email_request_counts_as_the_question() -> None:
    query = analyse_message(
        "Madame, Monsieur, je souhaiterais connaître l'intitulé du CCP3. "
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
    )
    assert query.questions == ("je souhaiterais connaître l'intitulé du CCP3.",)


def test_an_indirect_question_in_a_story_counts_as_a_question() -> None:
    query = analyse_message(
        "Je travaille dans un tiers-lieu depuis un an. On parle du suivi comptable et des "
        "partenariats, mais je ne sais pas trop dans quel bloc ils sont. Merci !"
    )
    assert query.questions == (
        "On parle du suivi comptable et des partenariats, mais je ne sais pas trop dans quel "
        "bloc ils sont.",
    )
    assert query.context == "Je travaille dans un tiers-lieu depuis un an."


def test_an_article_glued_to_an_acronym_is_read_apart() -> None:
    norm = Normaliser([["aif", "aide individuelle à la formation"], ["opco"]])
    assert norm.canonical_words("laif ou dopco") == ["l", "aif", "ou", "d", "opco"]
    assert norm.canonical_words("lent et doux") == ["lent", "et", "doux"]


def test_a_competency_code_is_not_cut_at_its_dot() -> None:
    assert analyse_message("C1.3 = ?").focus == "C1.3 = ?"


def test_long_message_is_answered_like_its_short_question(answerer: Answerer) -> None:
    short = answerer.answer("Le CCP1 est-il le minimum pour être conseiller numérique ?")
    long = answerer.answer(
        "Bonjour, je viens d'être recrutée par une mairie rurale, on m'a beaucoup parlé du "
        "titre et des blocs, et je suis un peu perdue avec tous ces sigles. "
        "Le CCP1 est-il le minimum pour être conseiller numérique ? Merci, Nadia"
    )
    assert short.kind is AnswerKind.ANSWER
    assert long.kind is AnswerKind.ANSWER
    assert long.entry == short.entry
    assert long.score >= short.score * 0.6


@pytest.mark.parametrize(
    ("question", "ccp"),
    [
        ("Le deuxième bloc du titre, il parle de quoi ?", "ccp2"),
        ("le premier bloc c'est quoi", "ccp1"),
    ],
)
def test_ordinal_paraphrase_of_a_ccp_reaches_it(
    answerer: Answerer, question: str, ccp: str
) -> None:
    answer = answerer.answer(question)
    assert answer.kind is AnswerKind.ANSWER
    assert ccp in answer.text.lower().replace(" ", "")


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("je veux noter une preuve", "preuve"),
        ("mets-moi un rappel le vendredi à 16h", "rappel"),
        ("ma progression", "couverture"),
        ("je voudrais exporter mon dossier", "export"),
    ],
)
def test_request_for_a_feature_in_words_names_its_command(
    answerer: Answerer, text: str, command: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.FEATURE
    assert answer.command == command
    assert f"/{command}" in answer.text
    assert not answer.fallback


def test_domain_question_is_not_taken_for_a_feature(answerer: Answerer) -> None:
    answer = answerer.answer("c'est quoi le dossier professionnel ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.command is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("il y a quelqu'un ?", SmallTalk.PRESENCE),
        ("ya quelqu un ??", SmallTalk.PRESENCE),
        ("vous êtes une vraie personne ou une IA ?", SmallTalk.IDENTITY),
        ("Bon, je te laisse, à plus !", SmallTalk.BYE),
        ("Merci infiniment pour ces explications, j'y vois plus clair !", SmallTalk.THANKS),
        ("slt y a qqn ?", SmallTalk.PRESENCE),
        ("Vous êtes vraiment au top, j'ai enfin compris !", SmallTalk.PRAISE),
        ("super ça m'a bien aidée", SmallTalk.PRAISE),
        (
            "Bonjour, je suis formatrice en Guyane, je voulais juste voir comment ça marche.",
            SmallTalk.IDENTITY,
        ),
        (
            "Parfait, j'en parlerai à ma tutrice lundi et je reviendrai sûrement avec d'autres "
            "questions. Au revoir et merci !",
            SmallTalk.THANKS_BYE,
        ),
        ("Je vous remercie, au revoir et bonne journée.", SmallTalk.THANKS_BYE),
        (
            "Merci beaucoup pour ces explications, j'y vois plus clair. Je vais relire tout ça "
            "ce soir et je reviendrai sûrement avec d'autres questions.",
            SmallTalk.THANKS_BYE,
        ),
        (
            "Madame, Monsieur, Je tenais simplement à vous remercier pour vos réponses très "
            "claires. Bien cordialement, Hélène",
            SmallTalk.THANKS,
        ),
        ("ca va toi ?", SmallTalk.HOW_ARE_YOU),
        ("Et vous, on vous appelle comment ?", SmallTalk.IDENTITY),
        ("c'est quoi ton nom", SmallTalk.IDENTITY),
        (
            "Bonjour, je suis DRH dans une communauté de communes et je découvre votre service.",
            SmallTalk.GREETING,
        ),
        (
            "Bonjour, je suis la directrice de l'association qui emploie notre conseillère. Je "
            "voulais juste voir à quoi ressemble l'outil.",
            SmallTalk.GREETING,
        ),
        ("Très bien, je reviens vers vous si besoin", SmallTalk.BYE),
        ("Je vous remercie pour votre réponse rapide.", SmallTalk.THANKS),
        ("Merci de m'avoir répondu si vite.", SmallTalk.THANKS),
        (
            "Madame, je vous remercie pour toutes ces précisions, elles m'ont été précieuses.\n"
            "Cordialement,\nLucie Hoarau",
            SmallTalk.THANKS,
        ),
        ("Je vais recommander cet outil à ma promo, il est bien fait !", SmallTalk.PRAISE),
        ("T'es un robot ou quoi ?", SmallTalk.IDENTITY),
        ("Je parle à une IA ?", SmallTalk.IDENTITY),
        ("Vous êtes qui au juste ?", SmallTalk.IDENTITY),
        ("Bon, c'est tout pour moi ce soir.", SmallTalk.BYE),
        ("trop fort ce bot", SmallTalk.PRAISE),
        ("slt ya qqun ?", SmallTalk.PRESENCE),
        ("t un robot ou un vrai humain ?", SmallTalk.IDENTITY),
        ("Je peux vous poser une question ?", SmallTalk.ASK),
        ("bonjour, j'ai une petite question", SmallTalk.ASK),
        (
            "Madame, Monsieur, je vous écris pour la première fois. Est-ce bien ici que je peux "
            "poser mes questions sur ma formation ? Cordialement, Gérard Lambert",
            SmallTalk.ASK,
        ),
        ("bon jy vais, a+", SmallTalk.BYE),
        ("Allez je file, merci !", SmallTalk.THANKS_BYE),
        (
            "Bon, je crois que j'ai eu toutes mes réponses pour ce soir. Je vais aller me "
            "coucher, j'ai mon passage devant le jury demain matin. Bonne soirée !",
            SmallTalk.BYE,
        ),
        (
            "Merci mille fois, grâce à vous j'ai enfin compris comment classer mes exemples. "
            "Je me sens plus sereine pour la session.",
            SmallTalk.THANKS,
        ),
        (
            "Franchement tu m'as bien aidée ce mois-ci, je me sens beaucoup moins perdue "
            "qu'au début de la formation. Je voulais juste te le dire, c'est un outil patient !",
            SmallTalk.PRAISE,
        ),
        ("Tu comprends rien.", SmallTalk.MISUNDERSTOOD),
        ("tu sers à rien", SmallTalk.MISUNDERSTOOD),
        (
            "Je me permets de vous signaler que votre dernière réponse ne correspondait pas à "
            "ma question.",
            SmallTalk.MISUNDERSTOOD,
        ),
        ("Bonne nuit", SmallTalk.BYE),
        ("Tu expliques bien mieux que mon prof, franchement.", SmallTalk.PRAISE),
        (
            "Petit message pour vous dire que j'ai obtenu mon titre ce matin ! Merci pour les "
            "explications sur le dossier, elles m'ont beaucoup servi.",
            SmallTalk.GOOD_NEWS,
        ),
        (
            "Madame, Monsieur, je découvre ce service. Seriez-vous disponible pour répondre à "
            "quelques questions ? Bien à vous, Odile",
            SmallTalk.ASK,
        ),
        ("Pouvez-vous vous présenter en quelques mots pour mon groupe ?", SmallTalk.IDENTITY),
        ("bisous", SmallTalk.BYE),
        ("Tu parles anglais ?", SmallTalk.LANGUAGE),
        ("do you speak english", SmallTalk.LANGUAGE),
        ("Coucou tout le monde, je teste le groupe, mon message arrive bien ?", SmallTalk.PRESENCE),
        ("Re-bonjour ! Comment vous allez depuis ce matin ?", SmallTalk.HOW_ARE_YOU),
        ("Je t'aime bien", SmallTalk.PRAISE),
        (
            "Enchantée, je suis la nouvelle coordinatrice des conseillers numériques du "
            "département.",
            SmallTalk.GREETING,
        ),
        ("Nous vous souhaitons de belles fêtes de fin d'année.", SmallTalk.WISHES),
        (
            "Madame, Monsieur, après notre échange de lundi, je tenais à vous dire que tout est "
            "désormais clair pour moi et pour ma collègue qui prépare aussi le titre. Je vous en "
            "remercie et vous souhaite une bonne continuation. Bien à vous, Paul Girard",
            SmallTalk.THANKS_BYE,
        ),
        ("Bon week-end à vous !", SmallTalk.WISHES),
        ("Je pars en congés demain, bonnes fêtes de fin d'année !", SmallTalk.WISHES),
        ("attendez deux minutes je cherche mon dossier", SmallTalk.PAUSE),
        ("je reviens plus tard", SmallTalk.PAUSE),
        ("Je suis épuisée ce soir, trop de permanences.", SmallTalk.MOOD),
        ("Oups, ignorez mon message précédent", SmallTalk.OOPS),
        ("test", SmallTalk.PRESENCE),
        ("Qui a développé cet outil ?", SmallTalk.IDENTITY),
        ("Les réponses sont-elles écrites par un humain ?", SmallTalk.IDENTITY),
        ("Vous êtes une IA ou un formateur ?", SmallTalk.IDENTITY),
        ("Très bien, je transmets à ma collègue. Bonne soirée à vous.", SmallTalk.BYE),
        ("bon allez je me déconnecte", SmallTalk.BYE),
        ("C'est bien plus clair que mes cours, franchement !", SmallTalk.PRAISE),
        ("Je passais juste vous dire bonjour, je découvre la plateforme.", SmallTalk.GREETING),
        (
            "Je voulais vous remercier. Avec les rappels du jeudi j'ai enfin rempli mon journal "
            "et je me sens plus sereine pour la suite, même en jonglant entre les permanences et "
            "les cours du soir. Merci encore ! Nadia, CnFS à Mende",
            SmallTalk.THANKS,
        ),
        ("ça répond pas du tout à ma question", SmallTalk.MISUNDERSTOOD),
        ("Vous ne m'avez pas compris.", SmallTalk.MISUNDERSTOOD),
        (
            "Bon, je dois filer à ma permanence de l'après-midi, on reprend demain matin avec "
            "la suite du dossier.",
            SmallTalk.PAUSE,
        ),
        ("crevée aujourd'hui", SmallTalk.MOOD),
        ("Qui se cache derrière cet outil ?", SmallTalk.IDENTITY),
        (
            "Vos réponses sont toujours précises, ça m'aide énormément pour préparer la "
            "session, continuez comme ça !",
            SmallTalk.PRAISE,
        ),
        ("Le jury m'a accordé le titre ce matin, je suis trop fière 🎉", SmallTalk.GOOD_NEWS),
        ("Ça ne vous agace pas que je repose toujours les mêmes questions ?", SmallTalk.PATIENCE),
        ("Mes preuves, est-ce que ma formatrice peut les voir ?", SmallTalk.PRIVACY),
        ("vous êtes disponible le dimanche ?", SmallTalk.AVAILABILITY),
        ("Il vous arrive de vous tromper ?", SmallTalk.RELIABILITY),
        (
            "Madame, Monsieur, au nom de toute l'équipe du centre social et de notre directrice, "
            "nous vous adressons nos sincères remerciements pour l'aide apportée à nos deux "
            "médiatrices pendant leur préparation. Cordialement, Le bureau",
            SmallTalk.THANKS,
        ),
        ("c'est qui derrière cet outil ?", SmallTalk.IDENTITY),
        ("Le jury est dans deux jours et je panique complètement.", SmallTalk.MOOD),
        ("1, 2, test, vous m'entendez ?", SmallTalk.PRESENCE),
        (
            "Madame, Monsieur, ma session étant terminée, je souhaitais prendre congé. Avec mes "
            "remerciements, Lucie",
            SmallTalk.THANKS_BYE,
        ),
    ],
)
def test_small_talk_families_are_recognised(answerer: Answerer, text: str, kind: SmallTalk) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is kind


@pytest.mark.parametrize(
    "text",
    [
        "Je vous remercie de bien vouloir me transmettre le modèle officiel du DP.",
        "Bonjour, je découvre votre service : comment financer mon CCP2 avec mon OPCO ?",
        "J'ai une question sur le CCP2 : quelles sont ses compétences ?",
    ],
)
def test_a_request_worded_with_thanks_or_an_introduction_is_answered(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.ANSWER


def test_thanks_and_goodbye_together_get_both_acknowledged(answerer: Answerer) -> None:
    text = answerer.answer("Merci pour tout, bonne soirée !").text.lower()
    assert "plaisir" in text
    assert "au revoir" in text


def test_small_talk_after_a_hello_is_greeted_back(answerer: Answerer) -> None:
    answer = answerer.answer("Bonsoir, vous êtes un robot ?")
    assert answer.text.startswith("Bonsoir ! ")
    assert "pas une personne" in answer.text


def test_praise_inside_a_question_does_not_hide_the_question(answerer: Answerer) -> None:
    answer = answerer.answer("Vous êtes au top ! Et le CCP3, c'est quoi exactement ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "ccp3-presentation"


def test_a_complaint_that_the_bot_missed_asks_to_rephrase(answerer: Answerer) -> None:
    answer = answerer.answer("tu comprends rien")
    assert answer.entry is None
    assert "reformuler" in answer.text


def test_not_understanding_a_ccp_is_a_question_about_it(answerer: Answerer) -> None:
    assert answerer.answer("je comprends pas le CCP2").entry == "ccp2-presentation"


@pytest.mark.parametrize(
    "text",
    ["Comment rédiger un exemple pour ma fiche action ?", "Pouvez-vous me résumer le CCP2 ?"],
)
def test_asking_how_to_write_or_to_sum_up_the_titre_is_answered(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.ANSWER


def test_news_with_what_the_user_still_wants_is_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("J'ai validé mon CCP1 en 2022 et je voudrais passer le titre complet.")
    assert answer.kind is AnswerKind.ANSWER


def test_a_mood_told_about_the_titre_is_comforted_and_one_with_a_question_answered(
    answerer: Answerer,
) -> None:
    assert answerer.answer("Je suis stressée pour le CCP1.").smalltalk is SmallTalk.MOOD
    answer = answerer.answer("Je suis stressée pour le CCP1 : comment se passe l'épreuve ?")
    assert answer.kind is AnswerKind.ANSWER


def test_patience_asked_with_a_question_about_the_titre_answers_the_question(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Je vais encore t'ennuyer, mais le CCP3 c'est quoi ?")
    assert answer.entry == "ccp3-presentation"


def test_human_or_bot_question_says_it_is_a_program(answerer: Answerer) -> None:
    assert "pas une personne" in answerer.answer("je parle à un humain ?").text


@pytest.mark.parametrize(
    "question",
    [
        "jpeux utiliser mon cpf pour le permis de conduire ?",
        "comment calculer mes allocations chômage ?",
        "ma fille passe Pix au collège, comment l'aider à réviser ?",
        # Atelier, usager, EPN: the job's daily words do not make a question about the titre.
        "L'imprimante réseau de notre EPN n'est plus reconnue par les postes sous Windows 11 "
        "depuis la dernière mise à jour. Une idée pour la réinstaller ?",
        "Un usager de mon atelier n'arrive pas à se connecter à son compte Ameli, comment "
        "l'aider ?",
        # Close to "ça marche" (small talk), but negated: a tech-support request.
        "mon wifi marche pas",
        # The foreign diploma is told before a question that only points at it.
        "Mon neveu prépare un CAP électricien en alternance. Comment se déroule l'épreuve "
        "pratique à la fin de l'année ?",
        # A domain word, but the best two entries together are only a guess.
        "combien gagne un conum en moyenne ? moi je touche 1700 brut",
        # Asked to write something that is not about the titre.
        "Pouvez-vous me rédiger l'annonce pour recruter un animateur ?",
        "Écris-moi un poème sur l'hiver",
        # A job application is the user's own to write, even for a post in the domain.
        "Vous pouvez m'écrire une lettre de motivation pour devenir conseillère numérique "
        "au centre social ?",
        # Labour law about the job is not the titre: what is asked is foreign.
        "Je suis conseiller numérique en CDD. Combien de RTT pour 37 heures par semaine ?",
        "Mon diplôme sénégalais de technicien réseau est-il reconnu en France ?",
        # Who asks (a conseiller numérique) is context; what is asked is foreign.
        "Bonjour, je suis conseillère numérique depuis trois ans et je pense partir. Comment "
        "calculer mes allocations chômage après une rupture conventionnelle ?",
    ],
)
def test_near_miss_with_a_domain_word_is_declined(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.fallback
    assert answer.entry is None


def test_looks_like_question_sees_question_marks_and_openings() -> None:
    assert looks_like_question("attends c koi le ccp3 ?")
    assert looks_like_question("est-ce que le DP est obligatoire")
    assert not looks_like_question("J'ai animé un atelier mail avec 6 seniors.")


def test_kb_check_fails_when_the_ranker_is_out_of_date(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    assert not [p for p in check_knowledge(load_knowledge(copy)).problems if FILE_NAME in p]
    entry = copy / "entries" / "dp-definition.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    problems = check_knowledge(load_knowledge(copy)).problems
    assert any(FILE_NAME in p and "kb train" in p for p in problems)


def test_index_cache_is_reused_and_rebuilt_when_content_changes(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    cache = tmp_path / "cache"
    first = Answerer.cached(load_knowledge(copy), cache)
    files = list(cache.glob("*.pickle"))
    assert len(files) == 1
    again = Answerer.cached(load_knowledge(copy), cache)
    question = "le dp c koi"
    assert again.answer(question) == first.answer(question)
    entry = copy / "entries" / "dp-definition.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    Answerer.cached(load_knowledge(copy), cache)
    rebuilt = list(cache.glob("*.pickle"))
    assert len(rebuilt) == 1
    assert rebuilt != files


def test_unreadable_index_cache_falls_back_to_building(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    cache = tmp_path / "cache"
    Answerer.cached(load_knowledge(copy), cache)
    for path in cache.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    answer = Answerer.cached(load_knowledge(copy), cache).answer("c'est quoi le CCP1 ?")
    assert answer.kind is AnswerKind.ANSWER


def test_message_with_two_questions_answers_one_and_offers_the_other(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Le CPF peut-il financer un seul CCP ? Et le dossier professionnel, c'est combien "
        "de pages par exemple ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    shown = [answer.entry, *answer.alternatives]
    assert "dp-trois-pages" in shown
    assert "cpf-blocs-ccp" in shown
    assert answer.alternatives[0] in {"dp-trois-pages", "cpf-blocs-ccp"}
    assert any(c.label.startswith("Voir aussi") for c in answer.choices)


def test_second_question_that_points_at_the_context_is_offered(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je termine mon dossier professionnel cette semaine. J'ai mis cinq exemples de "
        "pratique. Combien de pages au maximum par exemple ? Et je le remets quand ?"
    )
    assert answer.entry == "dp-trois-pages"
    # The second question's answer is one tap away: an entry that says when to hand it in
    # (more than one entry says so).
    assert answer.alternatives
    offered = answerer.kb.entries[answer.alternatives[0]]
    assert "jour de la session" in offered.short


def test_bare_question_takes_everything_told_before_it() -> None:
    query = analyse_message(
        "Mon tuteur dit que le titre REMN est de niveau 5. Ma collègue affirme que c'est un "
        "niveau 4. Je suis perdue. Qui dit vrai ?"
    )
    assert query.context == ""
    assert query.focus.startswith("Mon tuteur dit")
    assert query.focus.endswith("Qui dit vrai ?")


def test_question_about_a_level_told_as_context_answers_with_the_level(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mon tuteur dit que le titre REMN est de niveau 5. Ma collègue affirme que c'est un "
        "niveau 4. Je suis perdue. Qui dit vrai ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert "niveau 5" in answer.text


def test_newton_fits_learn_which_signal_points_to_the_right_answer() -> None:
    from bot.answers.logistic import fit, fit_listwise

    def point(x: int) -> tuple[float, ...]:
        return (x / 10, 0.5)

    rows = [(point(x), float(x >= 5)) for x in range(10)] * 3
    w = fit(rows)
    assert w[0] > 1
    assert abs(w[1]) < abs(w[0])
    groups: list[tuple[list[tuple[float, ...]], int]] = [
        ([(0.9, 0.1), (0.2, 0.8), (0.1, 0.5)], 0),
        ([(0.3, 0.9), (0.8, 0.2)], 1),
    ]
    v = fit_listwise(groups)
    assert v[0] > 0 > v[1]


@pytest.mark.parametrize("text", ["c quoi la vae", "La VAE, c'est quoi exactement ?"])
def test_a_subject_shared_by_two_entries_is_answered_with_the_other_one_tap_away(
    answerer: Answerer, text: str
) -> None:
    # Two entries on the VAE split the ranker's mass; the question is no less in the domain.
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry is not None
    assert answer.entry.startswith("vae-")


def test_a_competency_code_alone_keeps_the_question_in_the_domain(answerer: Answerer) -> None:
    answer = answerer.answer("C3.2, c'est quoi ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry is not None
    assert answer.entry.startswith("c3-2")


def test_a_word_the_base_lacks_is_never_corrected_into_a_foreign_job(answerer: Answerer) -> None:
    """'boucler' is one letter from 'boucher', a job of the foreign list: the question stays."""
    assert answerer.index.correct("boucler") != "boucher"
    answer = answerer.answer(
        "J'ai 1 800 € sur mon CPF et la formation coûte plus cher. Comment je peux boucler le "
        "budget ? On m'a parlé de cumuler plusieurs financements, c'est possible ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    # Typed as such, a foreign job is still read as one.
    assert answerer.index.correct("boucher") == "boucher"


def test_a_typo_equally_close_to_two_words_becomes_the_one_the_base_uses_most(
    answerer: Answerer,
) -> None:
    """'finacement' is one letter from 'financement' and from 'finalement'."""
    assert answerer.index.correct("finacement") == "financement"


def test_cached_index_answers_like_a_freshly_built_one(tmp_path: Path, kb: KnowledgeBase) -> None:
    """The BM25F matrix is stored sparse in the cache and rebuilt dense when read."""
    Answerer.cached(kb, tmp_path)
    cached = Answerer.cached(kb, tmp_path)
    fresh = Answerer(kb)
    assert (cached.index.terms.full == fresh.index.terms.full).all()
    assert (cached.index.terms.short == fresh.index.terms.short).all()
    for question in ("le dp c koi", "Qui finance le PTP ?", "Bonjour, c'est quoi la C2.3 ?"):
        assert cached.answer(question) == fresh.answer(question)


def test_who_the_question_is_for_weighs_as_context_in_the_asking_sentence(
    answerer: Answerer,
) -> None:
    """'mes stagiaires', 'ma promo': rare words in the base that say who asks, not what."""
    index = answerer.index
    weights = index._weights(index.norm.canonical_words("mes stagiaires et le CCP3"), [])
    assert weights[index.norm.stem("stagiaires")] < 1.0
    assert weights[index.norm.stem("ccp3")] == 1.0


def test_a_short_question_about_something_else_is_not_taken_for_a_goodbye(
    answerer: Answerer,
) -> None:
    # "demain" is close to "à demain", but weather and a city are no small talk.
    answer = answerer.answer("Météo demain à Lyon")
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        (
            "Madame, Monsieur,\nJe vous saurais gré de bien vouloir m'indiquer l'intitulé "
            "complet du CCP2 du titre REMN.\nVeuillez recevoir mes salutations les meilleures.",
            "ccp2-presentation",
        ),
        ("intitulé exact du ccp 3 svp", "ccp3-presentation"),
    ],
)
def test_the_ccp_named_in_the_message_wins_over_a_sibling_with_the_same_words(
    answerer: Answerer, text: str, entry: str
) -> None:
    assert answerer.answer(text).entry == entry


def test_a_newcomer_asking_the_level_also_learns_what_the_titre_is(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Bonjour, je suis en reconversion. C'est quoi ce titre REMN, c'est un vrai diplôme ? "
        "Ça équivaut à quel niveau ?"
    )
    assert "niveau 5" in answer.text
    assert "trois CCP" in answer.text


def test_the_minimum_for_a_conseiller_numerique_includes_pix(answerer: Answerer) -> None:
    answer = answerer.answer("Le CCP1 suffit pour être conseiller numérique ?")
    assert answer.entry == "ccp1-minimum-conseiller-numerique"
    assert "Pix" in answer.text


def test_the_programme_answer_names_both_certifications_and_its_renewal(
    answerer: Answerer,
) -> None:
    certified = answerer.answer(
        "Les conseillers recrutés dans le programme de l'État doivent passer quelles "
        "certifications ?"
    )
    assert "Pix" in certified.text
    renewed = answerer.answer(
        "Le programme de l'État qui paie des conseillers numériques dans les mairies, il "
        "existe encore ?"
    )
    assert "renouvelé" in renewed.text


def test_the_three_best_entries_break_a_tie_by_id_whatever_the_dict_order() -> None:
    """Two trainings on the same content, in processes that hash strings differently,
    must give the same ranker: a tie among the best examples is broken by id."""
    from bot.answers.search import _best_three

    scores = {"dp-rediger": 0.5, "b-entry": 0.9, "a-entry": 0.9, "c-entry": 0.9}
    assert _best_three(scores) == ["a-entry", "b-entry", "c-entry"]
    assert _best_three(dict(reversed(scores.items()))) == ["a-entry", "b-entry", "c-entry"]


def test_an_employer_asking_what_a_block_teaches_is_not_answered_with_who_pays(
    answerer: Answerer,
) -> None:
    """The public employer's funding entry `needs` a word of paying or training: "qu'est-ce
    qu'il y apprendra ?" from a DGS asks the CCP3, "qui finance ?" the funding."""
    taught = answerer.answer(
        "Je suis DGS d'une commune. Notre agent veut passer le CCP3 : qu'est-ce qu'il y apprendra ?"
    )
    assert taught.entry != "employeur-public-cnfpt"
    assert "ccp3-presentation" in (taught.entry, *taught.alternatives)
    paid = answerer.answer(
        "Je suis DGS d'une commune. Notre agent veut passer le CCP3 : qui finance sa formation ?"
    )
    assert paid.entry == "employeur-public-cnfpt"
