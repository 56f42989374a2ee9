"""Thresholds and the report of a trained ranker, from cross-validated predictions.

The answer threshold maximises right first answers plus declined out-of-scope
questions (weighted to the share users send), a wrong answer costing half a right
one; the "pas sûr" threshold, the right entry among the three topics offered; the
alternatives' ratio, the right entry one tap away for a small cost per button.
"""

from __future__ import annotations

from collections import defaultdict

from bot.answers.knowledge import KnowledgeBase
from bot.answers.ranker import FEATURES, Model, Thresholds, fingerprint
from bot.answers.train import (
    OOS_SHARE,
    Predict,
    Scored,
    cross_validated,
    fit,
    ranked,
    training_rows,
)

GRID = [i / 100 for i in range(2, 99)]
WRONG_COST = 0.25
BUTTON_COST = 0.03
BUCKETS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)


def _weights(scored: list[Scored]) -> tuple[float, float]:
    n_in = sum(1 for s in scored if s.gold is not None) or 1
    n_out = sum(1 for s in scored if s.gold is None) or 1
    return (1 - OOS_SHARE) / n_in, OOS_SHARE / n_out


def choose_thresholds(scored: list[Scored], predict: Predict) -> Thresholds:
    w_in, w_out = _weights(scored)
    tops = [(ranked(s, predict), s.gold) for s in scored]

    def answer_utility(t: float) -> float:
        total = 0.0
        for order, gold in tops:
            p1 = order[0][0] if order else 0.0
            if gold is None:
                total += w_out * (p1 < t)
            elif p1 >= t:
                total += w_in if order[0][1] == gold else -WRONG_COST * w_in
        return total

    answer = max(GRID, key=answer_utility)

    def unsure_utility(t: float) -> float:
        total = 0.0
        for order, gold in tops:
            p1 = order[0][0] if order else 0.0
            if not t <= p1 < answer:
                continue
            if gold is None:
                total -= w_out
            elif gold in [e for _, e in order[:3]]:
                total += w_in
        return total

    unsure = max((t for t in GRID if t < answer), key=unsure_utility, default=answer / 2)

    def alternative_utility(r: float) -> float:
        total = 0.0
        for order, gold in tops:
            if gold is None or not order or order[0][0] < answer:
                continue
            offered = [e for p, e in order[1:3] if p >= max(unsure, r * order[0][0])]
            total += (gold in offered) - BUTTON_COST * len(offered)
        return total

    alternative = max(GRID, key=alternative_utility)
    return Thresholds(answer=answer, unsure=unsure, alternative=alternative)


def report(scored: list[Scored], predict: Predict, thresholds: Thresholds) -> dict[str, object]:
    """Cross-validated figures per way of asking, and the calibration table."""
    by_variant: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    declined: list[bool] = []
    buckets: dict[int, list[bool]] = defaultdict(list)
    for item in scored:
        order = ranked(item, predict)
        p1 = order[0][0] if order else 0.0
        if item.gold is None:
            declined.append(p1 < thresholds.answer)
            continue
        top1 = bool(order) and order[0][1] == item.gold
        top3 = item.gold in [e for _, e in order[:3]]
        by_variant[item.variant].append((top1, top3, top1 and p1 >= thresholds.answer))
        bucket = next(i for i in range(len(BUCKETS) - 1) if p1 < BUCKETS[i + 1])
        buckets[bucket].append(top1)

    def share(values: list[bool]) -> float:
        return round(sum(values) / len(values), 3) if values else 0.0

    return {
        "questions": len(scored),
        "by_variant": {
            variant: {
                "top1": share([r[0] for r in rows]),
                "top3": share([r[1] for r in rows]),
                "answered_right": share([r[2] for r in rows]),
                "n": len(rows),
            }
            for variant, rows in sorted(by_variant.items())
        },
        "out_of_scope_declined": share(declined),
        "calibration": [
            {
                "confidence": f"{BUCKETS[i]:.1f}-{min(BUCKETS[i + 1], 1.0):.1f}",
                "n": len(buckets[i]),
                "top1_right": share(buckets[i]),
            }
            for i in range(len(BUCKETS) - 1)
            if buckets[i]
        ],
    }


def train_model(kb: KnowledgeBase) -> Model:
    scored = cross_validated(kb)
    w = fit(training_rows(scored))
    model = Model(weights=dict(zip(FEATURES, w[:-1], strict=True)), bias=w[-1])
    thresholds = choose_thresholds(scored, model.probability)
    return Model(
        weights=model.weights,
        bias=model.bias,
        thresholds=thresholds,
        fingerprint=fingerprint(kb),
        report=report(scored, model.probability, thresholds),
    )
