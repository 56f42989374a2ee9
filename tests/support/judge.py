"""The public scorer's judging rules (`../shared/eval/score.py`), for the question-set tests.

A copy, so that the tests run in a checkout without `../shared`; `public_scorer()` loads
the original when it is there and a test checks that both give the same verdicts.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def normalize(text: str) -> str:
    """Case, accents, apostrophes, spaces and Markdown emphasis are ignored."""
    text = re.sub(r"(\*\*|__|~~|`)", "", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.casefold().split())


def judge(question: Mapping[str, Any], answer: Mapping[str, Any]) -> tuple[bool, str]:
    """(passed, why not) for one question and the bot's JSON answer."""
    text = normalize(str(answer.get("text", "")))
    fallback = bool(answer.get("fallback"))
    kind = question.get("kind", "in_scope")
    if kind == "out_of_scope":
        return (fallback, "" if fallback else "answered an out-of-scope question")
    if kind == "in_scope" and fallback:
        return (False, "fell back on an in-scope question")
    for group in question.get("must_contain_any") or []:
        if not any(normalize(str(alt)) in text for alt in group):
            return (False, f"missing one of {group}")
    for bad in question.get("must_not_contain") or []:
        if normalize(str(bad)) in text:
            return (False, f"contains {bad!r}")
    return (True, "")


def public_scorer() -> ModuleType | None:
    """The shared scorer as a module, or None when `../shared` is not beside the checkout."""
    if not PUBLIC_SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_eval_score", PUBLIC_SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
