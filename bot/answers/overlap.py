"""Best idf-weighted overlap between a question and one example, per owner, by postings.

overlap(q, ex) = mass(q ∩ ex) / (mass(q) + idf(ex \\ q)): 1 when the question is the
example, lower for every word either has alone. Walking the postings of the question's
own words touches only the examples that share one, instead of every example; the sums
are NumPy `bincount`s and each owner's best one `maximum.reduceat` (examples are grouped
by owner), which keeps an answer fast with thousands of examples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np

from bot.answers.ngrams import OwnerGroups


class ExampleSets:
    def __init__(self, examples: list[tuple[str, set[str]]], idf: Callable[[str], float]) -> None:
        examples = sorted(examples, key=lambda example: example[0])
        self.groups = OwnerGroups([owner for owner, _ in examples])
        self.size = len(examples)
        self.idf_sum = np.array([sum(idf(t) for t in terms) for _, terms in examples])
        postings: dict[str, list[int]] = defaultdict(list)
        for i, (_, terms) in enumerate(examples):
            for term in terms:
                postings[term].append(i)
        # One array for all postings and each term's slice of it (few arrays to pickle).
        self.spans: dict[str, tuple[int, int]] = {}
        flat: list[int] = []
        for term, ids in postings.items():
            self.spans[term] = (len(flat), len(flat) + len(ids))
            flat += ids
        self.ids = np.array(flat, dtype=np.intp)
        self.idf = idf

    def best(self, mass: dict[str, float], total: float) -> dict[str, float]:
        """Owner -> best overlap (owners sharing no word are absent)."""
        ids: list[np.ndarray] = []
        weights: list[float] = []
        idfs: list[float] = []
        for term, weight in mass.items():
            span = self.spans.get(term)
            if span is None:
                continue
            found = self.ids[span[0] : span[1]]
            ids.append(found)
            weights += [weight] * len(found)
            idfs += [self.idf(term)] * len(found)
        if not ids or not self.size:
            return {}
        where = np.concatenate(ids)
        shared = np.bincount(where, np.array(weights), minlength=self.size)
        shared_idf = np.bincount(where, np.array(idfs), minlength=self.size)
        values = shared / (total + self.idf_sum - shared_idf)
        return self.groups.best(values)
