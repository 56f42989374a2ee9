"""Small talk by nearest example, for what the patterns of `smalltalk.py` do not foresee.

"Comment allez-vous aujourd'hui ?", "T'es un robot ou quoi ?", "Bonne année !": short
messages with no domain word are compared, by character n-grams of the whole message
(stop words included: they are the message here), to the examples of
`smalltalk_examples.py`. The threshold is chosen by leave-one-out against the
knowledge base's own questions (see `tests/unit/test_smalltalk_model.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from bot.answers.normalise import fold

# Leave-one-out over the examples, against the base's own questions of at most 12 words
# with no domain word (206 of them): at 0.40, 51 % of unseen phrasings found and 3 false
# hits, all out-of-scope examples ("comment fonctionne ChatGPT ?"); at 0.45, 46 % and 2;
# at 0.55, 36 % and none. No in-scope question is hit at any of these.
MIN_SIMILARITY = 0.40
# Whatever the ranker says of a message ("trop fort ce bot" shares words with entries):
# at 0.55 the measurement above found no false hit.
CLEAR_SIMILARITY = 0.55
MAX_WORDS = 12
_WORD = re.compile(r"[a-z0-9]+")


def grams(text: str) -> Counter[str]:
    padded = " " + " ".join(_WORD.findall(fold(text))) + " "
    return Counter(padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1))


class SmallTalkModel:
    def __init__(self, examples: Mapping[str, tuple[str, ...]]) -> None:
        docs = [(family, grams(text)) for family, texts in examples.items() for text in texts]
        self.families = [family for family, _ in docs]
        df: Counter[str] = Counter(g for _, counts in docs for g in counts)
        n = len(docs)
        self.idf = {g: math.log((1 + n) / (1 + d)) + 1 for g, d in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, (_, counts) in enumerate(docs):
            for g, w in self._vector(counts).items():
                self.postings[g].append((i, w))

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        # Grams no example has cannot match: they only lower the similarity (as unknown).
        unknown = math.log(1 + len(self.families)) + 1 if self.families else 1.0
        weighted = {g: c * self.idf.get(g, unknown) for g, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {g: w / norm for g, w in weighted.items()}

    def nearest(self, text: str, skip: int | None = None) -> tuple[str | None, float]:
        """The family of the closest example and its cosine similarity."""
        scores: dict[int, float] = defaultdict(float)
        for g, w in self._vector(grams(text)).items():
            for i, v in self.postings.get(g, ()):
                scores[i] += w * v
        if skip is not None:
            scores.pop(skip, None)
        if not scores:
            return None, 0.0
        best = max(scores, key=scores.__getitem__)
        return self.families[best], scores[best]

    def classify(self, text: str) -> tuple[str, float] | None:
        """The nearest family and its similarity, when at least MIN_SIMILARITY: callers that
        need a clearer match (CLEAR_SIMILARITY) compare the similarity themselves."""
        if len(_WORD.findall(fold(text))) > MAX_WORDS:
            return None
        family, similarity = self.nearest(text)
        return (family, similarity) if family is not None and similarity >= MIN_SIMILARITY else None
