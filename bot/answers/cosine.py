"""Cosine similarity of one short text against many, over TF-IDF vectors of n-grams.

Both the nearest-example signal of the ranker and the small-talk model compare a message
with a few thousand example texts. Walking Python postings made most of an answer's time,
so every array here is NumPy: the index is one vocabulary (n-gram -> id), one idf array
and each n-gram's run of postings in two flat arrays; a query is weighted, normalised and
gathered by a handful of array operations, whatever its length.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import repeat

import numpy as np


class SparseCosine:
    """Unit-length TF-IDF vectors of documents; `dots` gives a query's cosine with each.

    `log_tf`: term frequency as 1 + log(count) (long texts) rather than the raw count.
    `max_df`: n-grams found in more than this share of the documents (" pou", "tion") say
    little but make most of the work: they stay in the norms, not in the postings.
    """

    def __init__(
        self, docs: list[Counter[str]], *, log_tf: bool, max_df: float | None = None
    ) -> None:
        n = len(docs)
        self.size = n
        self.log_tf = log_tf
        df: Counter[str] = Counter()
        for counts in docs:
            df.update(counts.keys())
        self.vocab = {gram: i for i, gram in enumerate(df)}
        self.idf = np.array([math.log((1 + n) / (1 + f)) + 1.0 for f in df.values()])
        self.unknown_idf = math.log(1 + n) + 1.0
        limit = math.inf if max_df is None else max(max_df * n, 5)
        indexed = np.array([f <= limit for f in df.values()], dtype=bool)
        per_gram: list[list[tuple[int, float]]] = [[] for _ in df]
        for doc, counts in enumerate(docs):
            ids, weights = self._vector(counts)
            for gram_id, weight in zip(ids.tolist(), weights.tolist(), strict=True):
                if indexed[gram_id]:
                    per_gram[gram_id].append((doc, weight))
        lengths = [len(postings) for postings in per_gram]
        self.run_length = np.array(lengths, dtype=np.intp)
        self.run_start = np.concatenate(([0], np.cumsum(self.run_length)[:-1])).astype(np.intp)
        flat = [posting for postings in per_gram for posting in postings]
        self.doc_ids = np.array([doc for doc, _ in flat], dtype=np.intp)
        self.values = np.array([value for _, value in flat], dtype=float)

    def _vector(self, counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """The known n-grams' ids and their weights in the unit vector of `counts`.

        N-grams no document has cannot match, but they still lower the similarity."""
        size = len(counts)
        ids = np.fromiter(map(self.vocab.get, counts, repeat(-1, size)), dtype=np.intp, count=size)
        tf = np.fromiter(counts.values(), dtype=float, count=size)
        if self.log_tf:
            tf = 1.0 + np.log(tf)
        known = ids >= 0
        weights = tf * np.where(known, self.idf[ids], self.unknown_idf)
        norm = math.sqrt(float(weights @ weights)) or 1.0
        return ids[known], weights[known] / norm

    def dots(self, counts: Counter[str]) -> np.ndarray | None:
        """The query's cosine with every document, or None when it shares no n-gram."""
        if not counts or not self.size:
            return None
        ids, weights = self._vector(counts)
        lengths = self.run_length[ids]
        present = lengths > 0
        if not present.any():
            return None
        ids, weights, lengths = ids[present], weights[present], lengths[present]
        total = int(lengths.sum())
        # Positions of every posting of the query's n-grams: each run's start, then +1…
        offsets = np.repeat(self.run_start[ids] - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(total)
        return np.bincount(
            self.doc_ids[positions],
            self.values[positions] * np.repeat(weights, lengths),
            minlength=self.size,
        )
