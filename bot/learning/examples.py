"""Writing an example question into an entry's front matter, keeping the file as it was.

A careful line insertion rather than a YAML round-trip: the new item is one line added
after the last item of the `questions:` block, in that block's own indentation, quoted
as JSON (a valid YAML double-quoted scalar). Every other byte of the file stays as the
editor wrote it — comments, quoting, key order, long lines — which a round-trip library
(ruamel.yaml) only approximates (it re-wraps and re-indents) and would be one more
dependency. The result is then parsed back and must list exactly the old questions plus
the new one, or the file is left untouched.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bot.answers.checks import SELF_RETRIEVAL_MIN, check_knowledge
from bot.answers.knowledge import ID_PATTERN, KnowledgeBase, load_knowledge
from bot.answers.normalise import fold
from bot.answers.ranker import FILE_NAME
from bot.answers.reply import clean_user_text
from bot.answers.service import Answerer

EXAMPLE_MAX_CHARS = 300
_FENCE = re.compile(r"^---\s*$")
_QUESTIONS_KEY = re.compile(r"^questions:\s*(#.*)?$")
_ITEM = re.compile(r"^(\s+)-\s")


class ExampleError(ValueError):
    """Why the example was not added, in French for the editor."""


@dataclass(frozen=True, slots=True)
class Added:
    entry: str
    question: str
    path: Path
    kb: KnowledgeBase  # the knowledge base as reloaded after the edit
    answerer: Answerer  # built on it, with the weights of before


def clean_question(raw: str) -> str:
    question = clean_user_text(raw)
    if not question:
        raise ExampleError("La question est vide.")
    if len(question) > EXAMPLE_MAX_CHARS:
        raise ExampleError(f"Question trop longue ({EXAMPLE_MAX_CHARS} caractères au plus).")
    return question


def insert_question(text: str, question: str) -> str:
    """The file's text with one more item at the end of its front matter's `questions:`."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0]):
        raise ExampleError("En-tête YAML introuvable (le fichier doit commencer par ---).")
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise ExampleError("En-tête YAML non fermé (--- manquant).")
    key = next((i for i in range(1, end) if _QUESTIONS_KEY.match(lines[i])), None)
    if key is None:
        raise ExampleError("Liste « questions: » introuvable ou écrite sur une ligne.")
    last = key
    indent = ""
    for i in range(key + 1, end):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            break  # the next key
        item = _ITEM.match(line)
        if item and not indent:
            indent = item.group(1)
        last = i
    if not indent:
        raise ExampleError("La liste « questions: » est vide ou mal indentée.")
    newline = "\r\n" if lines[last].endswith("\r\n") else "\n"
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    item_line = f"{indent}- {json.dumps(question, ensure_ascii=False)}{newline}"
    return "".join([*lines[: last + 1], item_line, *lines[last + 1 :]])


def _owner(kb: KnowledgeBase, question: str) -> str | None:
    folded = fold(question)
    for entry in kb.entries.values():
        if any(fold(q) == folded for q in entry.questions):
            return entry.id
    return None


def add_example(directory: Path, entry_id: str, raw_question: str) -> Added:
    """Add the question to the entry's examples; the file is unchanged on any problem."""
    question = clean_question(raw_question)
    if not ID_PATTERN.match(entry_id):
        raise ExampleError(f"Fiche « {entry_id[:60]} » inconnue.")
    before = load_knowledge(directory)
    entry = before.entries.get(entry_id)
    if entry is None:
        raise ExampleError(f"Fiche « {entry_id} » inconnue.")
    owner = _owner(before, question)
    if owner is not None:
        raise ExampleError(f"Cette question est déjà un exemple de la fiche « {owner} ».")
    path = directory / "entries" / f"{entry_id}.md"
    try:
        original = path.read_bytes()
        updated = insert_question(original.decode("utf-8"), question)
        _write(path, updated.encode("utf-8"))
    except (OSError, UnicodeError) as exc:
        raise ExampleError(
            f"Impossible de modifier {path.name} ({exc.__class__.__name__}) : le dossier de la "
            "base est-il en lecture seule ?"
        ) from None
    try:
        after = load_knowledge(directory)
        got = after.entries.get(entry_id)
        if got is None or got.questions != (*entry.questions, question):
            raise ExampleError("La fiche relue ne contient pas la question ajoutée.")
        answerer = Answerer(after)
        _validate(before, after, answerer)
    except BaseException:
        _write(path, original)
        raise
    return Added(entry_id, question, path, after, answerer)


def _validate(before: KnowledgeBase, after: KnowledgeBase, answerer: Answerer) -> None:
    """`mentor kb check`, but for the ranker's weights: they are out of date after any
    edit until `mentor kb train` runs (the caller starts it)."""
    report = check_knowledge(after, answerer)
    new = [
        p
        for p in report.problems
        if p not in before.problems and not p.startswith(f"{FILE_NAME} :")
    ]
    if new:
        raise ExampleError("La base ne serait plus valide : " + " ; ".join(new[:3]))
    if report.rate < SELF_RETRIEVAL_MIN:
        raise ExampleError(
            f"Les exemples ne seraient plus retrouvés assez souvent ({report.rate:.1%}, "
            f"minimum {SELF_RETRIEVAL_MIN:.0%})."
        )


def _write(path: Path, data: bytes) -> None:
    """Replace the file at once: a reader never sees half of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
