"""BM25F postings as one dense matrix: a question's scores for every entry in a few array
operations.

A question has ten or so stems and the base a few hundred entries, so a row per stem and
a column per entry is small (a few megabytes), and summing a question's rows is faster
than walking Python postings and dictionaries, which had become the largest part of an
answer. Each cell holds the query-independent half of BM25F (idf times the saturated
term frequency); the question's own weights multiply the rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

K1 = 1.2
B = 0.6


class TermMatrix:
    """Stem -> row of per-entry BM25F values, over all fields (`full`) and over the fields
    written as questions (`short`); a stem is in an entry where its `full` value is > 0."""

    def __init__(
        self,
        doc_ids: list[str],
        fields: dict[str, dict[str, list[str]]],
        idf: dict[str, float],
        field_weights: dict[str, float],
        all_weights: dict[str, float],
    ) -> None:
        self.doc_ids = doc_ids
        self.column = {d: i for i, d in enumerate(doc_ids)}
        self.row = {term: i for i, term in enumerate(idf)}
        n = max(len(fields), 1)
        avg = {
            name: max(sum(len(f[name]) for f in fields.values()) / n, 1.0) for name in all_weights
        }
        self.full = self._values(fields, idf, avg, all_weights)
        self.short = self._values(fields, idf, avg, field_weights)

    def _values(
        self,
        fields: dict[str, dict[str, list[str]]],
        idf: dict[str, float],
        avg: dict[str, float],
        field_weights: dict[str, float],
    ) -> np.ndarray:
        values = np.zeros((len(self.row), len(self.doc_ids)))
        for doc_id, doc_fields in fields.items():
            tf: dict[str, float] = defaultdict(float)
            for name, weight in field_weights.items():
                norm_len = 1 - B + B * len(doc_fields[name]) / avg[name]
                for term, count in Counter(doc_fields[name]).items():
                    tf[term] += weight * count / norm_len
            col = self.column[doc_id]
            for term, value in tf.items():
                values[self.row[term], col] = idf[term] * value * (K1 + 1) / (value + K1)
        return values

    def __getstate__(self) -> dict[str, object]:
        """Pickled sparse (most cells are 0): the index cache stays small and quick to read."""
        state = dict(self.__dict__)
        for name in ("full", "short"):
            dense: np.ndarray = state.pop(name)
            found = np.nonzero(dense)
            state[name] = (dense.shape, found[0], found[1], dense[found])
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in ("full", "short"):
            packed = state.pop(name)
            assert isinstance(packed, tuple)
            shape, rows, cols, cells = packed
            dense = np.zeros(shape)
            dense[rows, cols] = cells
            state[name] = dense
        self.__dict__.update(state)

    def rows(self, terms: list[str]) -> np.ndarray:
        """Row numbers of the stems the base knows, in the order given (others dropped)."""
        row = self.row
        return np.fromiter((row[t] for t in terms if t in row), dtype=np.intp)
