"""Naive Bayes over the example questions: which entry's examples use these words?

BM25 weighs a word by its rarity across whole entries, so a long body that mentions
"jury" in passing competes with the entry every example of which is about the jury.
A multinomial model of the examples (and titles) learns that association instead; its
posterior over the candidates is one more signal for the ranker.
"""

from __future__ import annotations

import math
from collections import Counter


class ExampleBayes:
    ALPHA = 0.5

    def __init__(self, docs: dict[str, list[list[str]]]) -> None:
        self.counts = {d: Counter(t for ex in examples for t in ex) for d, examples in docs.items()}
        self.totals = {d: sum(c.values()) for d, c in self.counts.items()}
        background: Counter[str] = Counter()
        for counts in self.counts.values():
            background.update(counts)
        self.background = background
        self.background_total = max(sum(background.values()), 1)
        vocab = set().union(*(set(c) for c in self.counts.values())) if self.counts else set()
        self.vocab_size = max(len(vocab), 1)
        self.vocab = vocab

    def posterior(self, terms: dict[str, float], candidates: list[str]) -> dict[str, float]:
        """Candidate -> posterior probability among the candidates (uniform prior)."""
        known = {t: w for t, w in terms.items() if t in self.vocab}
        if not known or not candidates:
            return {}
        scores: dict[str, float] = {}
        for doc in candidates:
            counts = self.counts.get(doc)
            if counts is None:
                continue
            denominator = self.totals[doc] + self.ALPHA * self.vocab_size
            scores[doc] = sum(
                w * math.log((counts.get(t, 0) + self.ALPHA) / denominator)
                for t, w in known.items()
            )
        if not scores:
            return {}
        top = max(scores.values())
        exp = {d: math.exp(s - top) for d, s in scores.items()}
        total = sum(exp.values())
        return {d: v / total for d, v in exp.items()}

    def lift(self, terms: dict[str, float], doc: str) -> float:
        """Mean log-ratio P(word | entry) / P(word | all examples), words unknown counting 0.

        Near 0 when the entry explains the words no better than the base as a whole (an
        out-of-scope question with a domain word), high when its examples use them.
        """
        counts = self.counts.get(doc)
        weight = sum(terms.values())
        if counts is None or not weight:
            return 0.0
        denominator = self.totals[doc] + self.ALPHA * self.vocab_size
        background = self.background_total + self.ALPHA * self.vocab_size
        lift = 0.0
        for t, w in terms.items():
            if t in self.vocab:
                p_doc = (counts.get(t, 0) + self.ALPHA) / denominator
                p_all = (self.background[t] + self.ALPHA) / background
                lift += w * math.log(p_doc / p_all)
        return lift / weight
