"""Issue 17 for editors: examples written into entry files, `mentor kb …` subcommands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.answers.knowledge import load_knowledge
from bot.app import Mentor
from bot.learning import cli as learning_cli
from bot.learning.examples import ExampleError, add_example, insert_question
from bot.settings import Settings, load_settings
from bot.storage.database import Database
from mentor.cli import build_parser
from tests.support.chat import say

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "aif-aide-individuelle-formation"

COMMENTED = """---
# Edited by hand: keep this comment.
id: demo
title: "Démo"  # a trailing comment
questions:
  - "Première question ?"
  # a comment between items
  - 'Deuxième, entre apostrophes'
  - >-
    Troisième, pliée
    sur deux lignes
# after the list
sources:
  - https://example.org
checked: 2026-11-24
---
Réponse courte.
"""


def front(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---")[1])  # type: ignore[no-any-return]


def test_an_example_is_one_line_added_keeping_comments_and_quoting() -> None:
    question = 'Et si j\'écris "ça" : # pas un commentaire ?'
    updated = insert_question(COMMENTED, question)
    assert front(updated)["questions"] == [
        "Première question ?",
        "Deuxième, entre apostrophes",
        "Troisième, pliée sur deux lignes",
        question,
    ]
    added = [line for line in updated.splitlines() if line not in COMMENTED.splitlines()]
    assert added == ['  - "Et si j\'écris \\"ça\\" : # pas un commentaire ?"']
    assert updated.replace(added[0] + "\n", "") == COMMENTED


def test_windows_line_endings_are_kept() -> None:
    crlf = COMMENTED.replace("\n", "\r\n")
    updated = insert_question(crlf, "Quatrième ?")
    assert "\n" not in updated.replace("\r\n", "")
    assert front(updated.replace("\r\n", "\n"))["questions"][-1] == "Quatrième ?"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("id: demo\n", "commencer par ---"),
        ("---\nid: demo\nquestions: [a, b]\n---\n", "sur une ligne"),
        ("---\nid: demo\nquestions:\n---\n", "vide"),
        ("---\nid: demo\nquestions:\n  - a\n", "non fermé"),
    ],
)
def test_shapes_it_cannot_edit_safely_are_refused(text: str, why: str) -> None:
    with pytest.raises(ExampleError, match=why):
        insert_question(text, "Question ?")


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    return tmp_path / "knowledge"


def test_a_duplicate_an_unknown_entry_or_an_empty_question_leave_the_files_as_they_were(
    knowledge: Path,
) -> None:
    path = knowledge / "entries" / f"{ENTRY}.md"
    original = path.read_bytes()
    existing = load_knowledge(knowledge).entries[ENTRY].questions[0]
    for entry, question, why in [
        (ENTRY, existing.upper(), "déjà un exemple"),
        ("ccp1-presentation", existing, f"fiche « {ENTRY} »"),
        ("nope", "Une question ?", "inconnue"),
        ("../../etc/passwd", "Une question ?", "inconnue"),
        (ENTRY, " \n\t", "vide"),
        (ENTRY, "x" * 400, "trop longue"),
    ]:
        with pytest.raises(ExampleError, match=why):
            add_example(knowledge, entry, question)
    assert path.read_bytes() == original


def test_add_example_keeps_the_base_valid_but_for_the_weights_to_relearn(knowledge: Path) -> None:
    added = add_example(knowledge, ENTRY, "l'AIF paie-t-elle le transport ?")
    assert added.kb.entries[ENTRY].questions[-1] == "l'AIF paie-t-elle le transport ?"
    from bot.answers.checks import check_knowledge

    problems = check_knowledge(load_knowledge(knowledge)).problems
    assert len(problems) == 1
    assert problems[0].startswith("ranker.yaml : appris sur une version précédente")


def settings_for(tmp_path: Path, knowledge: Path) -> Settings:
    return load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}",
        mentor_data_dir=tmp_path,
        mentor_knowledge_dir=knowledge,
        mentor_kb_retrain=False,
        _env_file=None,
    )


async def kb_command(settings: Settings, *argv: str) -> int:
    args = build_parser().parse_args(["kb", *argv])
    return await learning_cli.run(args, settings)


async def test_kb_stale_lists_the_old_entries_oldest_first_with_their_sources(
    knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for entry, day in [("ccp1-presentation", "2024-03-01"), (ENTRY, "2023-01-15")]:
        path = knowledge / "entries" / f"{entry}.md"
        text = path.read_text(encoding="utf-8")
        checked = next(line for line in text.splitlines() if line.startswith("checked:"))
        path.write_text(text.replace(checked, f"checked: {day}"), encoding="utf-8")
    assert await kb_command(settings_for(tmp_path, knowledge), "stale", "--months", "12") == 0
    out = capsys.readouterr().out.splitlines()
    dated = [line for line in out if not line.startswith(" ")]
    assert dated[0].startswith(f"15/01/2023  {ENTRY}")
    assert dated[1].startswith("01/03/2024  ccp1-presentation")
    assert "    à revérifier : https://www.francetravail.fr" in out
    assert out[-1] == "2 fiche(s) vérifiée(s) il y a plus de 12 mois."


async def test_kb_review_groups_near_duplicates_and_kb_stats_counts_per_entry(
    knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(tmp_path, knowledge)
    app = Mentor(settings, Database(settings.database_url), load_knowledge(knowledge))
    await app.start()
    try:
        for user, text in [
            ("a", "on est payé combien en tant que conseiller numérique"),
            ("b", "On est payé combien, en tant que conseiller numérique ?"),
            ("c", "je peux faire le titre en alternance ?"),
            ("d", "c'est quoi le CCP1"),
        ]:
            await say(app, text, user=user)
    finally:
        await app.stop()
    assert await kb_command(settings, "review", "--json") == 0
    groups = json.loads(capsys.readouterr().out)
    assert [g["count"] for g in groups] == [2, 1]
    assert groups[0]["questions"][0] == "on est payé combien en tant que conseiller numérique"
    assert await kb_command(settings, "stats", "--days", "7") == 0
    out = capsys.readouterr().out
    assert "4 question(s), 4 personne(s)" in out
    ccp1 = next(line for line in out.splitlines() if line.startswith("ccp1-presentation"))
    assert ccp1.split()[1:] == ["1", "0", "0", "0"]
