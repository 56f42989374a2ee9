"""Small talk by nearest example, for what the patterns of `smalltalk.py` do not foresee.

"Comment allez-vous aujourd'hui ?", "T'es un robot ou quoi ?", "Bonne année !": short
messages with no domain word are compared, by character n-grams of the whole message
(stop words included: they are the message here), to the examples of
`smalltalk_examples.py`. The threshold is chosen by leave-one-out against the
knowledge base's own questions (see `tests/unit/test_smalltalk_model.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import numpy as np

from bot.answers.cosine import SparseCosine
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
        self.vectors = SparseCosine([counts for _, counts in docs], log_tf=False)

    def nearest(self, text: str, skip: int | None = None) -> tuple[str | None, float]:
        """The family of the closest example and its cosine similarity."""
        dots = self.vectors.dots(grams(text))
        if dots is None:
            return None, 0.0
        if skip is not None:
            dots[skip] = 0.0
        best = int(np.argmax(dots))
        if dots[best] <= 0.0:
            return None, 0.0
        return self.families[best], float(dots[best])

    def classify(self, text: str) -> tuple[str, float] | None:
        """The nearest family and its similarity, when at least MIN_SIMILARITY: callers that
        need a clearer match (CLEAR_SIMILARITY) compare the similarity themselves."""
        if len(_WORD.findall(fold(text))) > MAX_WORDS:
            return None
        family, similarity = self.nearest(text)
        return (family, similarity) if family is not None and similarity >= MIN_SIMILARITY else None
