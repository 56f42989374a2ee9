"""The ways of asking each example are drawn from the example itself: an editor who adds a
question to one entry retrains without redrawing every other entry's examples."""

from __future__ import annotations

import dataclasses

from bot.answers.knowledge import KnowledgeBase
from bot.answers.train import Example, examples


def test_adding_an_example_leaves_the_other_entries_examples_as_they_were(
    kb: KnowledgeBase,
) -> None:
    edited = "ccp2-presentation"
    entry = kb.entries[edited]
    more = dataclasses.replace(
        entry, questions=(*entry.questions, "Le bloc du développement, il sert à quoi ?")
    )
    after = dataclasses.replace(kb, entries={**kb.entries, edited: more})

    def others(items: list[Example]) -> list[Example]:
        return [e for e in items if e.gold != edited]

    before_items, after_items = examples(kb), examples(after)
    assert others(before_items) == others(after_items)
    assert len(after_items) > len(before_items)


def test_the_same_knowledge_gives_the_same_examples(kb: KnowledgeBase) -> None:
    assert examples(kb) == examples(kb)
