"""One event per message handled: a metric sample and one log record.

The core marks what happened (`note`) while it handles a message; `observe` wraps the
handling and reports once, at the end, with the transport, kind, outcome and duration.
The log record carries no message text and no journal content: only bounded labels.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.answers.reply import Answer, AnswerKind
from bot.messages import Incoming
from bot.ops import metrics
from bot.storage.database import STORAGE_ERRORS

log = logging.getLogger("mentor.events")


@dataclass
class Handled:
    transport: str
    kind: str
    outcome: str = "handled"


_CURRENT: contextvars.ContextVar[Handled | None] = contextvars.ContextVar(
    "mentor_handled", default=None
)


def kind_of(incoming: Incoming) -> str:
    if incoming.button_data is not None:
        return "button"
    text = (incoming.text or "").lstrip()
    if text.startswith(("/", "!")):
        return "command"
    return "text"


def note(outcome: str) -> None:
    """Say what became of the message being handled (the last word wins)."""
    current = _CURRENT.get()
    if current is not None:
        current.outcome = outcome


def note_answer(answer: Answer, sure: float) -> None:
    """Count a knowledge answer by outcome; "tie" is an answer given without a clear
    winner (score below the `sure` threshold) and offered with the runner-up."""
    outcome = str(answer.kind)
    if answer.kind is AnswerKind.ANSWER:
        tie = answer.score < sure and bool(answer.alternatives)
        outcome = "tie" if tie else "answered"
    metrics.ANSWERS.labels(outcome).inc()
    note(outcome)


@contextmanager
def observe(incoming: Incoming) -> Iterator[Handled]:
    handled = Handled(incoming.transport, kind_of(incoming))
    token = _CURRENT.set(handled)
    start = time.perf_counter()
    try:
        yield handled
    finally:
        _CURRENT.reset(token)
        duration = time.perf_counter() - start
        metrics.MESSAGES.labels(handled.transport, handled.kind).inc()
        metrics.LATENCY.labels(handled.transport).observe(duration)
        log.info(
            "message %s/%s: %s en %.0f ms",
            handled.transport,
            handled.kind,
            handled.outcome,
            duration * 1000,
            extra={
                "event": "message",
                "transport": handled.transport,
                "kind": handled.kind,
                "outcome": handled.outcome,
                "duration_ms": round(duration * 1000, 1),
            },
        )


def failure(exc: BaseException) -> str:
    """The outcome of a message whose handling raised; database failures are counted."""
    if isinstance(exc, STORAGE_ERRORS):
        metrics.DATABASE_ERRORS.labels("message").inc()
        return "database_error"
    return "error"
