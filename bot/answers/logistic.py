"""Logistic regressions fitted by Newton's method.

Thirty features and thirty thousand questions: exact Newton steps converge in a handful
of iterations. The gradient and Hessian are summed with numpy (the search already uses
it); the Newton steps themselves stay small and plain.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

L2 = 1.0
MAX_STEPS = 25


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
    x = np.array([(*r[0], 1.0) for r in rows], dtype=float).reshape(len(rows), d)
    y = np.array([r[1] for r in rows], dtype=float)
    sample = np.array(weights or [1.0] * len(rows), dtype=float)

    def accumulate(
        w: list[float], grad: list[float] | None, hess: list[list[float]] | None
    ) -> float:
        z = x @ np.asarray(w)
        loss = float(sample @ (np.logaddexp(0.0, z) - y * z))
        if grad is not None and hess is not None:
            p = 0.5 * (1.0 + np.tanh(0.5 * z))  # the sigmoid, without overflow
            _add(grad, hess, x.T @ (sample * (p - y)), (x.T * (sample * p * (1 - p))) @ x)
        return loss

    return _newton(d, accumulate, l2, penalised=d - 1)


def fit_listwise(groups: list[tuple[list[tuple[float, ...]], int]], l2: float = L2) -> list[float]:
    """Conditional logit: maximise the softmax probability of the right candidate.

    Ranking is what this model is for, so its loss is about order within a question,
    not about each candidate alone; there is no bias (it cancels in the softmax).
    The groups are padded to one array (candidates beyond a group's own weigh nothing).
    """
    if not groups:
        return []
    d = len(groups[0][0][0])
    width = max(len(rows) for rows, _ in groups)
    x = np.zeros((len(groups), width, d))
    pad = np.full((len(groups), width), -np.inf)
    for k, (rows, _) in enumerate(groups):
        x[k, : len(rows)] = rows
        pad[k, : len(rows)] = 0.0
    right = x[np.arange(len(groups)), [gold for _, gold in groups]]

    def accumulate(
        w: list[float], grad: list[float] | None, hess: list[list[float]] | None
    ) -> float:
        scores = x @ np.asarray(w) + pad
        top = scores.max(axis=1, keepdims=True)
        exp = np.exp(scores - top)
        total = exp.sum(axis=1, keepdims=True)
        loss = float((top[:, 0] + np.log(total[:, 0])).sum() - (right @ np.asarray(w)).sum())
        if grad is not None and hess is not None:
            probs = exp / total
            mean = np.einsum("gc,gcd->gd", probs, x)
            centred = x - mean[:, None, :]
            weighted = centred * probs[:, :, None]
            _add(
                grad,
                hess,
                (mean - right).sum(axis=0),
                np.einsum("gcd,gce->de", weighted, centred),
            )
        return loss

    return _newton(d, accumulate, l2, penalised=d)


def _add(grad: list[float], hess: list[list[float]], g: np.ndarray, h: np.ndarray) -> None:
    """Adds a gradient and a (full, symmetric) Hessian into the lists `_newton` reads."""
    for i in range(len(grad)):
        grad[i] += float(g[i])
        row = hess[i]
        for j in range(i, len(grad)):
            row[j] += float(h[i, j])
