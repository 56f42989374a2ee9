"""Small-talk patterns are compiled when a message first needs them, not at import."""

from __future__ import annotations

from bot.answers.lazy_pattern import LazyPattern


def test_a_lazy_pattern_matches_like_the_compiled_one_and_compiles_once() -> None:
    pattern = LazyPattern(r"\bbonne (?:nuit|soiree)\b")
    assert pattern.search("allez bonne nuit a tous") is not None
    assert pattern.match("bonne soiree") is not None
    assert pattern.match("et bonne soiree") is None
    assert pattern.compiled is pattern.compiled
