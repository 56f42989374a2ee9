"""Logistic regressions fitted by Newton's method, in pure Python.

A dozen features and a few thousand rows: exact Newton steps converge in a handful of
iterations and need no numpy, which `mentor kb train` would otherwise be the only user of.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

L2 = 1.0
MAX_STEPS = 25


def _softplus(z: float) -> float:
    """log(1 + e^z), without overflow."""
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a small, well-conditioned system)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


# Adds the loss's gradient and Hessian at `w` into the two lists (when given) and returns
# the loss itself.
Accumulate = Callable[[list[float], list[float] | None, list[list[float]] | None], float]


def _add_outer(hess: list[list[float]], vec: Sequence[float], scale: float) -> None:
    """hess += scale * vec vecᵀ, upper triangle only (mirrored once per step)."""
    d = len(vec)
    for i in range(d):
        si = scale * vec[i]
        row = hess[i]
        for j in range(i, d):
            row[j] += si * vec[j]


def _penalised_loss(accumulate: Accumulate, w: list[float], l2: float, penalised: int) -> float:
    return accumulate(w, None, None) + 0.5 * l2 * sum(v * v for v in w[:penalised])


def _newton(d: int, accumulate: Accumulate, l2: float, penalised: int) -> list[float]:
    """Minimise a convex loss whose gradient and Hessian `accumulate` adds up; the first
    `penalised` weights get an L2 penalty.

    Each Newton step is shortened until the loss goes down (backtracking): full steps
    oscillated and ran away once the examples grew (weights in the thousands)."""
    w = [0.0] * d
    for _ in range(MAX_STEPS):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        loss = accumulate(w, grad, hess) + 0.5 * l2 * sum(v * v for v in w[:penalised])
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(penalised):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        decrease = sum(g * s for g, s in zip(grad, step, strict=True))
        t = 1.0
        while True:
            trial = [wi - t * si for wi, si in zip(w, step, strict=True)]
            if _penalised_loss(accumulate, trial, l2, penalised) <= loss - 1e-4 * t * decrease:
                break
            t /= 2
            if t < 1e-6:
                return w
        w = trial
        if max(abs(t * v) for v in step) < 1e-7:
            break
    return w


def fit(
    rows: list[tuple[tuple[float, ...], float]],
    l2: float = L2,
    weights: list[float] | None = None,
) -> list[float]:
    """Logistic regression; the last weight is the bias (not penalised)."""
    d = len(rows[0][0]) + 1 if rows else 1
    sample = weights or [1.0] * len(rows)

    def accumulate(
        w: list[float], grad: list[float] | None, hess: list[list[float]] | None
    ) -> float:
        loss = 0.0
        for (x, y), weight in zip(rows, sample, strict=True):
            xa = (*x, 1.0)
            z = sum(wi * xi for wi, xi in zip(w, xa, strict=True))
            loss += weight * (_softplus(z) - y * z)
            if grad is None or hess is None:
                continue
            p = _sigmoid(z)
            for i in range(d):
                grad[i] += weight * (p - y) * xa[i]
            _add_outer(hess, xa, weight * p * (1 - p))
        return loss

    return _newton(d, accumulate, l2, penalised=d - 1)


def fit_listwise(groups: list[tuple[list[tuple[float, ...]], int]], l2: float = L2) -> list[float]:
    """Conditional logit: maximise the softmax probability of the right candidate.

    Ranking is what this model is for, so its loss is about order within a question,
    not about each candidate alone; there is no bias (it cancels in the softmax).
    """
    if not groups:
        return []
    d = len(groups[0][0][0])

    def accumulate(
        w: list[float], grad: list[float] | None, hess: list[list[float]] | None
    ) -> float:
        loss = 0.0
        for rows, gold in groups:
            scores = [sum(wi * xi for wi, xi in zip(w, x, strict=True)) for x in rows]
            top = max(scores)
            exp = [math.exp(z - top) for z in scores]
            total = sum(exp)
            loss += top + math.log(total) - scores[gold]
            if grad is None or hess is None:
                continue
            probs = [e / total for e in exp]
            mean = [sum(p * x[i] for p, x in zip(probs, rows, strict=True)) for i in range(d)]
            for i in range(d):
                grad[i] += mean[i] - rows[gold][i]
            for p, x in zip(probs, rows, strict=True):
                if p >= 1e-9:
                    _add_outer(hess, [x[i] - mean[i] for i in range(d)], p)
        return loss

    return _newton(d, accumulate, l2, penalised=d)
