"""The shared TF-IDF cosine index: exact cosines from array postings."""

from __future__ import annotations

import math
from collections import Counter

from bot.answers.cosine import SparseCosine


def _docs() -> list[Counter[str]]:
    return [Counter({"vae": 2, "jury": 1}), Counter({"cpf": 1, "jury": 1}), Counter({"ccp": 3})]


def test_a_document_is_nearest_to_itself_with_cosine_one() -> None:
    index = SparseCosine(_docs(), log_tf=True)
    dots = index.dots(Counter({"vae": 2, "jury": 1}))
    assert dots is not None
    assert math.isclose(float(dots[0]), 1.0)
    assert dots[0] > dots[1] > dots[2] == 0.0


def test_unknown_ngrams_lower_the_similarity_without_matching() -> None:
    index = SparseCosine(_docs(), log_tf=False)
    alone = index.dots(Counter({"ccp": 1}))
    diluted = index.dots(Counter({"ccp": 1, "zzz": 1}))
    assert alone is not None
    assert diluted is not None
    assert math.isclose(float(alone[2]), 1.0)
    assert 0.0 < diluted[2] < alone[2]


def test_a_query_sharing_nothing_has_no_similarities() -> None:
    index = SparseCosine(_docs(), log_tf=True)
    assert index.dots(Counter({"zzz": 1})) is None
    assert index.dots(Counter()) is None


def test_very_common_ngrams_count_in_norms_but_are_not_walked() -> None:
    docs = [Counter({"the": 1, f"w{i}": 1}) for i in range(200)]
    index = SparseCosine(docs, log_tf=True, max_df=0.04)
    assert index.dots(Counter({"the": 1})) is None  # in every document: no postings
    dots = index.dots(Counter({"the": 1, "w7": 1}))
    assert dots is not None
    assert 0.0 < dots[7] < 1.0
    assert dots[8] == 0.0
