"""Best idf-weighted overlap between a question and one example, per owner, by postings.

overlap(q, ex) = mass(q ∩ ex) / (mass(q) + idf(ex \\ q)): 1 when the question is the
example, lower for every word either has alone. Walking the postings of the question's
own words touches only the examples that share one, instead of every example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable


class ExampleSets:
    def __init__(self, examples: list[tuple[str, set[str]]], idf: Callable[[str], float]) -> None:
        self.owners = [owner for owner, _ in examples]
        self.idf_sum = [sum(idf(t) for t in terms) for _, terms in examples]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, (_, terms) in enumerate(examples):
            for term in terms:
                postings[term].append(i)
        self.postings = dict(postings)
        self.idf = idf

    def best(self, mass: dict[str, float], total: float) -> dict[str, float]:
        """Owner -> best overlap (owners sharing no word are absent)."""
        shared: dict[int, float] = defaultdict(float)
        shared_idf: dict[int, float] = defaultdict(float)
        for term, weight in mass.items():
            found = self.postings.get(term)
            if found is None:
                continue
            idf = self.idf(term)
            for i in found:
                shared[i] += weight
                shared_idf[i] += idf
        best: dict[str, float] = {}
        for i, inter in shared.items():
            value = inter / (total + self.idf_sum[i] - shared_idf[i])
            owner = self.owners[i]
            if value > best.get(owner, 0.0):
                best[owner] = value
        return best
