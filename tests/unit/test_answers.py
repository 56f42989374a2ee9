"""Knowledge answers as conseillers ask: typos, no accents, SMS spelling, out of scope, ties."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot.answers.checks import check_knowledge
from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.answers.normalise import Normaliser
from bot.answers.service import Answerer, AnswerKind
from tests.support.ci import unavailable
from tests.support.judge import judge, public_scorer

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_SAMPLE = ROOT.parent / "shared/dev-questions.yaml"


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def test_pole_emploi_question_answers_with_france_travail(answerer: Answerer) -> None:
    answer = answerer.answer("pole emploi finance le ccp2 ?")
    assert answer.kind is AnswerKind.ANSWER
    assert "france travail" in plain(answer.text)
    renamed = answerer.answer("PE a changé de nom ?")
    assert "2024" in renamed.text
    assert "france travail" in plain(renamed.text)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("le dp c koi", "dossier professionnel"),
        ("diff cmn remn", "ccp1"),
        ("c koi le ccp 3", "gestion"),
        ("qu est ce que la validation des acquis de l experience", "vae"),
        ("OPCO ca veut dire quoi", "operateur de competences"),
        ("combien de pages par exemple dans le dossier pro", "trois"),
        ("le remn c quel niveau", "niveau 5"),
        ("Bonjour, le DP sert à quoi ?", "jury"),
    ],
)
def test_informal_questions_get_the_right_answer(
    answerer: Answerer, question: str, expected: str
) -> None:
    answer = answerer.answer(question)
    assert answer.kind is AnswerKind.ANSWER, answer.text
    assert expected in plain(answer.text)


@pytest.mark.parametrize(
    ("question", "ccp"),
    [
        ("je fais des ateliers tablette le jeudi aprem pour les retraités, quel ccp ?", "ccp1"),
        (
            "j'ai monté un partenariat avec la mission locale et le ccas, c'est dans quel bloc ?",
            "ccp2",
        ),
        ("on a refait la compta des adhésions et la caisse de l'epn, c'est quel ccp ?", "ccp3"),
    ],
)
def test_which_ccp_covers_an_everyday_activity(answerer: Answerer, question: str, ccp: str) -> None:
    answer = answerer.answer(question)
    assert answer.kind is AnswerKind.ANSWER
    assert ccp in plain(answer.text)


def test_every_answer_shows_sources_and_check_date(answerer: Answerer, kb: KnowledgeBase) -> None:
    assert len(kb.entries) >= 60
    for entry in kb.entries.values():
        answer = answerer.entry_answer(entry)
        assert entry.sources[0].url in answer.text, entry.id
        assert f"Vérifié le {entry.checked.strftime('%d/%m/%Y')}" in answer.text, entry.id
        assert answer.sources, entry.id


@pytest.mark.parametrize(
    "question",
    [
        "Donne-moi une recette de crêpes",
        "Quel temps fera-t-il demain à Lyon ?",
        "Comment devenir infirmière ?",
        "Titre pro secrétaire assistant, c'est quoi ?",
        "Comment marche la formation professionnelle en Belgique ?",
        "Qui a gagné la coupe du monde de foot ?",
        "zzzz qsdf",
    ],
)
def test_out_of_scope_questions_are_declined(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.fallback
    assert answer.entry is None


def test_decline_says_what_the_bot_can_help_with(answerer: Answerer) -> None:
    text = answerer.answer("Donne-moi une recette de lasagnes").text
    assert "CCP" in text
    assert "CPF" in text


def test_multiword_synonym_does_not_match_its_words_alone(answerer: Answerer) -> None:
    answer = answerer.answer("pole emploi et france travail c pareil ?")
    assert answer.entry is not None
    assert "france-travail" in answer.entry


def test_a_listed_synonym_also_matches_its_plural(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    for plural, singular in [
        ("les chômeurs", "le chômeur"),
        ("des conseillers numériques", "un conseiller numérique"),
        ("les OPCOs", "l'OPCO"),
    ]:
        assert norm.canonical_words(plural)[-1] == norm.canonical_words(singular)[-1]


def test_thanks_or_goodbye_in_any_order_is_small_talk(answerer: Answerer) -> None:
    for text in (
        "ok super merci",
        "merci bcp c clair",
        "bye a+",
        "Madame, Monsieur, je vous remercie vivement pour ces précisions.",
        "Au revoir et bonne journée",
        "ok super, a plus",
        "t'es un humain ou un robot ?",
    ):
        assert answerer.answer(text).kind is AnswerKind.SMALLTALK
    assert answerer.answer("merci mais le ccp2 c'est quoi ?").kind is AnswerKind.ANSWER


def test_a_greeting_with_a_remark_but_no_question_is_greeted(answerer: Answerer) -> None:
    answer = answerer.answer("Bonsoir, je suis formatrice et je découvre l'outil.")
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.text.startswith("Bonsoir")
    assert answerer.answer("Bonjour, donne-moi une recette de crêpes").fallback


def test_small_talk_is_answered_naturally(answerer: Answerer) -> None:
    assert "Bonjour" in answerer.answer("slt").text
    assert "plaisir" in answerer.answer("merci !").text
    assert "Mentor" in answerer.answer("qui es-tu ?").text
    assert not answerer.answer("bonjour").fallback


def test_more_button_gives_the_longer_part(answerer: Answerer, kb: KnowledgeBase) -> None:
    entry = next(e for e in kb.entries.values() if e.more)
    answer = answerer.entry_answer(entry)
    assert answer.choices
    assert answer.choices[0].label == "En savoir plus"
    more = answerer.more(entry.id)
    assert more is not None
    assert entry.more[:40] in more.text


def _write_entry(folder: Path, entry_id: str, title: str, tags: str, body: str) -> None:
    (folder / f"{entry_id}.md").write_text(
        f'---\nid: {entry_id}\ntitle: "{title}"\ntags: [{tags}]\n'
        'questions: ["q un", "q deux", "q trois"]\n'
        "sources: [{title: t, url: 'https://example.org'}]\nchecked: 2026-11-01\n---\n"
        f"{body}\n",
        encoding="utf-8",
    )


def _tiny_kb(tmp_path: Path) -> KnowledgeBase:
    entries = tmp_path / "entries"
    entries.mkdir()
    _write_entry(entries, "badge-vert", "Le badge", "vert", "Le badge ouvre la salle du fond.")
    _write_entry(entries, "badge-bleu", "Le badge", "bleu", "Le badge ouvre la salle du fond.")
    for other in ("cafe", "parking", "imprimante", "horaires"):
        _write_entry(entries, other, other, other, f"Tout sur {other} et rien d'autre.")
    (tmp_path / "referentiel.yaml").write_text("ccps: []\n", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("synonyms: []\n", encoding="utf-8")
    (tmp_path / "scope.yaml").write_text("anchors: [badge]\n", encoding="utf-8")
    return load_knowledge(tmp_path)


def test_two_nearly_tied_entries_answer_one_and_offer_the_other(tmp_path: Path) -> None:
    answer = Answerer(_tiny_kb(tmp_path)).answer("le badge ouvre quelle salle ?")
    assert answer.kind is AnswerKind.ANSWER
    assert {answer.entry, *answer.alternatives} == {"badge-vert", "badge-bleu"}
    shown = [c for c in answer.choices if c.label.startswith("Voir aussi")]
    assert [c.data for c in shown] == [f"kb:show:{e}" for e in answer.alternatives]
    assert answer.as_json()["alternatives"] == list(answer.alternatives)


def test_vague_question_offers_closest_topics_within_one_tap(answerer: Answerer) -> None:
    answer = answerer.answer("financement cpf")
    offered = [answer.entry, *answer.alternatives] + [
        c.data.removeprefix("kb:show:") for c in answer.choices
    ]
    assert any(e and e.startswith("cpf-") for e in offered)
    assert len(answer.choices) <= 3


def test_topics_offered_when_unsure_are_the_json_alternatives(answerer: Answerer) -> None:
    vague = [
        "Les personnes qui me notent le jour J, elles doivent avoir quel profil ?",
        "jcomprend rien au ccp2 tu px mexpliquer simple",
        "le truc du bloc là, ça se passe comment en vrai ?",
    ]
    unsure = [a for a in map(answerer.answer, vague) if a.kind is AnswerKind.UNSURE]
    assert unsure, "one of these vague questions leaves the bot unsure"
    for answer in unsure:
        topics = [c.data.removeprefix("kb:show:") for c in answer.choices]
        assert len(topics) == 3
        assert answer.as_json()["alternatives"] == topics
        assert answer.as_json()["fallback"] is True


def test_kb_check_reports_broken_entries(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    entries.mkdir()
    (entries / "bad.md").write_text("---\nid: autre\ntitle: x\n---\n", encoding="utf-8")
    (entries / "dates.md").write_text(
        "---\nid: dates\ntitle: x\nquestions: [a, b, c]\nsources: [{url: 'pas une url'}]\n"
        "checked: hier\ncompetencies: [C9.9]\n---\nCorps\n",
        encoding="utf-8",
    )
    (tmp_path / "referentiel.yaml").write_text("ccps: []\n", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("synonyms: []\n", encoding="utf-8")
    report = check_knowledge(load_knowledge(tmp_path))
    text = "\n".join(report.lines())
    assert not report.ok
    for fragment in ("nom du fichier", "source", "URL", "checked", "C9.9"):
        assert fragment in text


def test_shipped_knowledge_base_is_valid_and_finds_its_own_questions(kb: KnowledgeBase) -> None:
    report = check_knowledge(kb)
    assert report.problems == []
    assert len(kb.entries) >= 60
    assert report.rate >= 0.98
    today_in_france = datetime.now(ZoneInfo("Europe/Paris")).date()
    assert all(e.checked <= today_in_france for e in kb.entries.values())


QUESTION_SETS = {
    "questions": ROOT / "tests/eval/questions.yaml",
    "questions-2": ROOT / "tests/eval/questions-2.yaml",
    "questions-3": ROOT / "tests/eval/questions-3.yaml",
    "public": PUBLIC_SAMPLE,
}
Judged = list[tuple[dict[str, Any], dict[str, object]]]


@pytest.fixture(scope="module")
def answered(answerer: Answerer) -> dict[str, Judged]:
    """Every question of every set (the public one when present) with the bot's JSON answer."""
    out: dict[str, Judged] = {}
    for name, path in QUESTION_SETS.items():
        if path.exists():
            questions = yaml.safe_load(path.read_text(encoding="utf-8"))
            out[name] = [(q, answerer.answer(q["q"]).as_json()) for q in questions]
    return out


def _pass_rate(answered: dict[str, Judged], name: str) -> float:
    """The share of questions that pass by the public scorer's rules (tests/support/judge)."""
    pairs = answered[name]
    return sum(judge(q, answer)[0] for q, answer in pairs) / len(pairs)


def test_development_question_sets_do_not_regress(answered: dict[str, Judged]) -> None:
    # Development sets (they shaped the bot): a floor against regressions, not a score.
    assert _pass_rate(answered, "questions") >= 0.83
    assert _pass_rate(answered, "questions-2") >= 0.83
    assert _pass_rate(answered, "questions-3") >= 0.8


def test_public_sample_quality_stays_high(answered: dict[str, Judged]) -> None:
    if "public" not in answered:
        unavailable(f"{PUBLIC_SAMPLE} not beside the checkout")
    assert _pass_rate(answered, "public") >= 0.9


_NOT_CCP2: dict[str, Any] = {
    "id": "probe-not",
    "kind": "in_scope",
    "must_contain_any": [["CCP1", "ccp 1"]],
    "must_not_contain": ["CCP2"],
}
_SMALLTALK: dict[str, Any] = {"id": "probe-st", "kind": "smalltalk", "must_contain_any": [["é"]]}
_OUT: dict[str, Any] = {"id": "probe-out", "kind": "out_of_scope"}
_PROBES: Judged = [
    (_NOT_CCP2, {"text": "Le **CCP1**.", "fallback": False}),
    (_NOT_CCP2, {"text": "Le CCP1, puis le ccp2.", "fallback": False}),
    (_NOT_CCP2, {"text": "Le CCP1.", "fallback": True}),
    (_NOT_CCP2, {"text": "Le CCP3.", "fallback": False}),
    (_SMALLTALK, {"text": "Bonne journée", "fallback": True}),
    (_SMALLTALK, {"text": "Merci", "fallback": False}),
    (_OUT, {"text": "Je ne sais pas.", "fallback": True}),
    (_OUT, {"text": "Voici une recette.", "fallback": False}),
]


def test_the_judge_agrees_with_the_public_scorer(answered: dict[str, Judged]) -> None:
    scorer = public_scorer()
    if scorer is None:
        unavailable("../shared/eval/score.py not beside the checkout")
    pairs = [pair for name in answered for pair in answered[name]]
    assert len(pairs) >= 500
    pairs += _PROBES  # the rules no shipped question uses (must_not_contain) or rarely hits
    disagreements = [q["id"] for q, a in pairs if scorer.judge(q, a) != judge(q, a)]
    assert disagreements == []


def test_the_judge_applies_must_not_contain() -> None:
    question = {"kind": "in_scope", "must_contain_any": [["CCP1"]], "must_not_contain": ["CCP2"]}
    assert judge(question, {"text": "Le **CCP1**.", "fallback": False}) == (True, "")
    assert judge(question, {"text": "Le CCP1, pas le ccp 2... le CCP2 !", "fallback": False}) == (
        False,
        "contains 'CCP2'",
    )


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "Je suis en CDD, quelles conditions pour un projet de transition professionnelle ?",
            "4 mois",
        ),
        (
            "Conum, je suis malade le jour de la certification : une nouvelle date est possible ?",
            "covid",
        ),
        ("Le PTP maintient-il tout mon salaire ?", "90 %"),
        ("Où lire l'arrêté du 20 mai 2025 ?", "legal.tricoteuses.fr"),
    ],
)
def test_answers_give_the_fact_sheets_conditions_in_full(
    answerer: Answerer, question: str, fact: str
) -> None:
    answer = answerer.answer(question)
    assert answer.kind is AnswerKind.ANSWER
    assert fact in plain(answer.text)
