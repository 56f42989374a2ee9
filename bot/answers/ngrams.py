"""Nearest example question by TF-IDF over character n-grams.

Word matching misses inflections the stemmer does not fold, compound spellings
("autoformation", "e-administration") and typos the corrector leaves alone; letter
n-grams still see them. Each example question (and each title) is one document; an
entry's similarity is that of its nearest example. An inverted index whose postings
are NumPy arrays: a question's dot products with two thousand examples are one
`bincount`, and each entry's nearest example one `maximum.reduceat` (the pure Python
loop took most of an answer's time once real users' phrasings tripled the examples).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from bot.answers.cosine import SparseCosine

SIZES = (3, 4, 5)
# N-grams found in more than this share of the documents ("tion", " pou") say little
# about which entry is meant but make most of the work: they stay in the norms, not in
# the postings walked at query time.
MAX_DF = 0.04
MAX_QUERY_CHARS = 400  # the question sentences of a long message, not its whole text


def grams(words: Iterable[str]) -> Counter[str]:
    padded = [f" {word} " for word in words]
    return Counter(p[i : i + n] for p in padded for n in SIZES for i in range(len(p) - n + 1))


class OwnerGroups:
    """Documents sorted by owner: each owner's documents are one slice, so the best score of
    every owner over its documents is one `maximum.reduceat`."""

    def __init__(self, sorted_owners: list[str]) -> None:
        self.names = list(dict.fromkeys(sorted_owners))
        first: dict[str, int] = {}
        for i, owner in enumerate(sorted_owners):
            first.setdefault(owner, i)
        self.starts = np.array([first[o] for o in self.names], dtype=np.intp)

    def best(self, scores: np.ndarray) -> dict[str, float]:
        """Owner -> its documents' best score (owners whose best is 0 omitted)."""
        best = np.maximum.reduceat(scores, self.starts)
        return {self.names[j]: float(best[j]) for j in np.flatnonzero(best > 0.0)}


class NgramIndex:
    """Documents labelled with an owner (an entry id); similarity per owner = best document."""

    def __init__(self, docs: list[tuple[str, list[str]]]) -> None:
        docs = sorted(docs, key=lambda doc: doc[0])
        self.groups = OwnerGroups([owner for owner, _ in docs])
        self.vectors = SparseCosine([grams(words) for _, words in docs], log_tf=True, max_df=MAX_DF)

    def similarities(self, counts: Counter[str]) -> dict[str, float]:
        """Owner -> cosine of its nearest document (owners with no shared n-gram omitted).

        `counts` are the question's n-grams (`query_grams`), computed once for every index."""
        dots = self.vectors.dots(counts)
        return {} if dots is None else self.groups.best(dots)


def query_grams(words: list[str]) -> Counter[str]:
    """The n-grams of a question's first MAX_QUERY_CHARS characters of words."""
    kept: list[str] = []
    size = 0
    for word in words:
        size += len(word) + 1
        if size > MAX_QUERY_CHARS:
            break
        kept.append(word)
    return grams(kept)
