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

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np

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
        counted = [grams(words) for _, words in docs]
        n = len(counted)
        self.size = n
        df: Counter[str] = Counter()
        for counts in counted:
            df.update(counts.keys())
        self.idf = {g: math.log((1 + n) / (1 + f)) + 1.0 for g, f in df.items()}
        self.unknown_idf = math.log(1 + n) + 1.0
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        common = {g for g, f in df.items() if f > max(MAX_DF * n, 5)}
        for i, counts in enumerate(counted):
            for g, v in _weighted(counts, self.idf, self.unknown_idf).items():
                if g not in common:
                    ids, values = postings[g]
                    ids.append(i)
                    values.append(v)
        # All postings in two arrays, each gram's run of them at `start[gram]` with
        # `length[gram]` items: a few arrays to pickle and load (the index cache), and a
        # question's runs gathered by a handful of array operations, not one per gram.
        self.gram_ids: dict[str, int] = {}
        starts: list[int] = []
        lengths: list[int] = []
        all_ids: list[int] = []
        all_values: list[float] = []
        for g, (ids, values) in postings.items():
            self.gram_ids[g] = len(starts)
            starts.append(len(all_ids))
            lengths.append(len(ids))
            all_ids += ids
            all_values += values
        self.run_start = np.array(starts, dtype=np.intp)
        self.run_length = np.array(lengths, dtype=np.intp)
        self.ids = np.array(all_ids, dtype=np.intp)
        self.values = np.array(all_values)

    def similarities(self, counts: Counter[str]) -> dict[str, float]:
        """Owner -> cosine of its nearest document (owners with no shared n-gram omitted).

        `counts` are the question's n-grams (`query_grams`), computed once for every index."""
        query = _weighted(counts, self.idf, self.unknown_idf)
        gram_ids = self.gram_ids
        found = [(gram_ids[g], qv) for g, qv in query.items() if g in gram_ids]
        if not found or not self.size:
            return {}
        runs = np.array([i for i, _ in found], dtype=np.intp)
        lengths = self.run_length[runs]
        total = int(lengths.sum())
        # Positions of every posting of the question's grams: each run's start, then +1…
        offsets = np.repeat(self.run_start[runs] - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(total)
        weights = np.repeat(np.array([qv for _, qv in found]), lengths)
        dots = np.bincount(
            self.ids[positions], self.values[positions] * weights, minlength=self.size
        )
        return self.groups.best(dots)


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
