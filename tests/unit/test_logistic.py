"""The ranker's fits reach the optimum of their penalised loss, whatever the data's scale."""

from __future__ import annotations

import math
import random

from bot.answers.logistic import fit, fit_listwise

Group = tuple[list[tuple[float, ...]], int]


def _listwise_gradient(w: list[float], groups: list[Group], l2: float) -> float:
    grad = [l2 * v for v in w]
    for rows, gold in groups:
        scores = [sum(a * b for a, b in zip(w, x, strict=True)) for x in rows]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        for i in range(len(w)):
            grad[i] += sum(e / total * x[i] for e, x in zip(exp, rows, strict=True))
            grad[i] -= rows[gold][i]
    return max(abs(g) for g in grad)


def _groups(scale: float, seed: int) -> list[Group]:
    rng = random.Random(seed)
    out: list[Group] = []
    for _ in range(300):
        rows: list[tuple[float, ...]] = [
            (rng.random() * scale, rng.random(), float(rng.random() < 0.5)) for _ in range(6)
        ]
        gold = max(range(6), key=lambda i: rows[i][0] / scale * 8 + rows[i][2] * 4)
        out.append((rows, gold))
    return out


def test_listwise_fit_ends_at_a_zero_gradient_for_small_and_large_features() -> None:
    for scale in (1.0, 100.0):
        groups = _groups(scale, seed=7)
        w = fit_listwise(groups, l2=1.0)
        assert _listwise_gradient(w, groups, 1.0) < 1e-4


def test_logistic_fit_separates_what_the_data_separates() -> None:
    rows: list[tuple[tuple[float, ...], float]] = [((x / 10,), float(x > 50)) for x in range(100)]
    w = fit(rows, l2=0.1)
    assert w[0] > 0
    assert 1 / (1 + math.exp(-(w[0] * 9.0 + w[1]))) > 0.9
    assert 1 / (1 + math.exp(-(w[0] * 1.0 + w[1]))) < 0.1
