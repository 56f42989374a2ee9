"""Small-talk patterns are compiled when a message first needs them, not at import."""

from __future__ import annotations

from pathlib import Path

from bot.answers.lazy_pattern import LazyPattern

ROOT = Path(__file__).resolve().parents[2]


def test_a_lazy_pattern_matches_like_the_compiled_one_and_compiles_once() -> None:
    pattern = LazyPattern(r"\bbonne (?:nuit|soiree)\b")
    assert pattern.search("allez bonne nuit a tous") is not None
    assert pattern.match("bonne soiree") is not None
    assert pattern.match("et bonne soiree") is None
    assert pattern.compiled is pattern.compiled


def test_a_warmed_answerer_has_compiled_every_pattern_before_the_first_message() -> None:
    from bot.answers import lazy_pattern
    from bot.answers.knowledge import load_knowledge
    from bot.answers.service import Answerer

    answerer = Answerer(load_knowledge(ROOT / "knowledge"))
    made_since = LazyPattern(r"\bplus tard\b")  # made after import, still compiled by warm
    answerer.warm()
    assert made_since._compiled is not None
    assert all(p._compiled is not None for p in lazy_pattern._MADE)
