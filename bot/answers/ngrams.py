"""Nearest example question by TF-IDF over character n-grams.

Word matching misses inflections the stemmer does not fold, compound spellings
("autoformation", "e-administration") and typos the corrector leaves alone; letter
n-grams still see them. Each example question (and each title) is one document; an
entry's similarity is that of its nearest example. Pure Python with an inverted
index: a few hundred short documents need no numpy.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

SIZES = (3, 4, 5)
# N-grams found in more than this share of the documents ("tion", " pou") say little
# about which entry is meant but make most of the work: they stay in the norms, not in
# the postings walked at query time.
MAX_DF = 0.04
MAX_QUERY_CHARS = 400  # the question sentences of a long message, not its whole text


def grams(words: Iterable[str]) -> Counter[str]:
    padded = [f" {word} " for word in words]
    return Counter(p[i : i + n] for p in padded for n in SIZES for i in range(len(p) - n + 1))


def _weighted(counts: Counter[str], idf: dict[str, float], default: float) -> dict[str, float]:
    vec = {g: (1.0 + math.log(c)) * idf.get(g, default) for g, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {g: v / norm for g, v in vec.items()}


class NgramIndex:
    """Documents labelled with an owner (an entry id); similarity per owner = best document."""

    def __init__(self, docs: list[tuple[str, list[str]]]) -> None:
        self.owners = [owner for owner, _ in docs]
        counted = [grams(words) for _, words in docs]
        n = len(counted)
        df: Counter[str] = Counter()
        for counts in counted:
            df.update(counts.keys())
        self.idf = {g: math.log((1 + n) / (1 + f)) + 1.0 for g, f in df.items()}
        self.unknown_idf = math.log(1 + n) + 1.0
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        common = {g for g, f in df.items() if f > max(MAX_DF * n, 5)}
        for i, counts in enumerate(counted):
            for g, v in _weighted(counts, self.idf, self.unknown_idf).items():
                if g not in common:
                    postings[g].append((i, v))
        self.postings = dict(postings)

    def similarities(self, counts: Counter[str]) -> dict[str, float]:
        """Owner -> cosine of its nearest document (owners with no shared n-gram omitted).

        `counts` are the question's n-grams (`query_grams`), computed once for every index."""
        query = _weighted(counts, self.idf, self.unknown_idf)
        dots: dict[int, float] = defaultdict(float)
        postings = self.postings
        for g, qv in query.items():
            found = postings.get(g)
            if found is None:
                continue
            for i, dv in found:
                dots[i] += qv * dv
        best: dict[str, float] = {}
        owners = self.owners
        for i, dot in dots.items():
            owner = owners[i]
            if dot > best.get(owner, 0.0):
                best[owner] = dot
        return best


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
