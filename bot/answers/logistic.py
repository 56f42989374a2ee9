"""Logistic regressions fitted by Newton's method.

Thirty features and thirty thousand questions: exact Newton steps converge in a handful
of iterations. Losses, gradients and Hessians are numpy arrays (the search already uses it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

L2 = 1.0
MAX_STEPS = 25

# A loss at `w`; and the loss with its gradient and Hessian there.
Loss = Callable[[np.ndarray], float]
Derivatives = Callable[[np.ndarray], tuple[float, np.ndarray, np.ndarray]]


def _newton(
    d: int, loss_at: Loss, derivatives: Derivatives, l2: float, penalised: int
) -> list[float]:
    """Minimise a convex loss; the first `penalised` weights get an L2 penalty.

    Each Newton step is shortened until the loss goes down (backtracking): full steps
    oscillated and ran away once the examples grew (weights in the thousands)."""
    ridge = np.zeros(d)
    ridge[:penalised] = l2

    def penalised_loss(w: np.ndarray) -> float:
        return loss_at(w) + 0.5 * float(ridge @ (w * w))

    w = np.zeros(d)
    for _ in range(MAX_STEPS):
        loss, grad, hess = derivatives(w)
        loss += 0.5 * float(ridge @ (w * w))
        grad = grad + ridge * w
        step = np.linalg.solve(hess + np.diag(ridge), grad)
        decrease = float(grad @ step)
        t = 1.0
        while True:
            trial = w - t * step
            if penalised_loss(trial) <= loss - 1e-4 * t * decrease:
                break
            t /= 2
            if t < 1e-6:
                return [float(v) for v in w]
        w = trial
        if float(np.abs(t * step).max()) < 1e-7:
            break
    return [float(v) for v in w]


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

    def loss_at(w: np.ndarray) -> float:
        z = x @ w
        return float(sample @ (np.logaddexp(0.0, z) - y * z))

    def derivatives(w: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        z = x @ w
        p = 0.5 * (1.0 + np.tanh(0.5 * z))  # the sigmoid, without overflow
        return loss_at(w), x.T @ (sample * (p - y)), (x.T * (sample * p * (1 - p))) @ x

    return _newton(d, loss_at, derivatives, l2, penalised=d - 1)


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

    def softmax(w: np.ndarray) -> tuple[float, np.ndarray]:
        """The loss, and each candidate's probability."""
        scores = x @ w + pad
        top = scores.max(axis=1, keepdims=True)
        exp = np.exp(scores - top)
        total = exp.sum(axis=1, keepdims=True)
        loss = float((top[:, 0] + np.log(total[:, 0])).sum() - (right @ w).sum())
        return loss, exp / total

    def derivatives(w: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        loss, probs = softmax(w)
        mean = np.einsum("gc,gcd->gd", probs, x)
        centred = x - mean[:, None, :]
        hess = np.einsum("gcd,gce->de", centred * probs[:, :, None], centred)
        return loss, (mean - right).sum(axis=0), hess

    return _newton(d, lambda w: softmax(w)[0], derivatives, l2, penalised=d)
