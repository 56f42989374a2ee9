"""Prometheus metrics, with the maintained client library (one registry per process).

The names are a contract with whoever writes the alerts (README, "Production"): rename
one only with a note there. Label values are bounded sets (transport names, kinds,
outcomes), never user ids or text, so the series count stays small.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from bot.delivery import PermanentDeliveryError

MESSAGES = Counter(
    "mentor_messages_handled",
    "Messages and button presses handled, per transport and kind.",
    ["transport", "kind"],
)
ANSWERS = Counter(
    "mentor_answers",
    "Knowledge answers per outcome (answered, tie, unsure, out_of_scope, smalltalk…).",
    ["outcome"],
)
LATENCY = Histogram(
    "mentor_answer_latency_seconds",
    "Time from a message reaching the core to its replies being ready.",
    ["transport"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
REPLIES = Counter("mentor_replies_sent", "Messages sent, per transport.", ["transport"])
SEND_ERRORS = Counter(
    "mentor_send_errors",
    "Sends that failed, per transport and kind (temporary, permanent).",
    ["transport", "kind"],
)
OUTBOX_BACKLOG = Gauge("mentor_outbox_backlog", "Reminders due and not yet sent.")
OUTBOX_OLDEST = Gauge(
    "mentor_outbox_oldest_due_age_seconds", "How late the oldest due reminder is (0 if none)."
)
REMINDERS = Counter("mentor_reminders", "Reminder outcomes recorded by this instance.", ["outcome"])
SCHEDULER_LAG = Gauge(
    "mentor_scheduler_lag_seconds", "How much later than planned the last tick started."
)
SCHEDULER_LAST_TICK = Gauge(
    "mentor_scheduler_last_tick_timestamp_seconds", "When the last tick ended (Unix time)."
)
LEASE_HELD = Gauge(
    "mentor_transport_lease_held",
    "1 when this instance holds the transport's lease (polling, sync), else 0.",
    ["transport"],
)
DATABASE_ERRORS = Counter(
    "mentor_database_errors", "Database failures, per place they were met.", ["where"]
)

P = ParamSpec("P")
T = TypeVar("T")


def exposition(registry: CollectorRegistry = REGISTRY) -> tuple[bytes, str]:
    """The text format and its content type, for `GET /metrics`."""
    return generate_latest(registry), CONTENT_TYPE_LATEST


def counted_send(
    transport: str,
) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Coroutine[Any, Any, T]]]:
    """Count an adapter's `send()`: every reply and reminder goes through it."""

    def decorate(send: Callable[P, Awaitable[T]]) -> Callable[P, Coroutine[Any, Any, T]]:
        @functools.wraps(send)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                result = await send(*args, **kwargs)
            except PermanentDeliveryError:
                SEND_ERRORS.labels(transport, "permanent").inc()
                raise
            except Exception:
                SEND_ERRORS.labels(transport, "temporary").inc()
                raise
            REPLIES.labels(transport).inc()
            return result

        return wrapper

    return decorate


def record_tick(report: Any) -> None:
    """Reminder outcomes of one tick (a bot.nudges TickReport)."""
    REMINDERS.labels("sent").inc(report.sent)
    REMINDERS.labels("missed").inc(report.expired)
    REMINDERS.labels("failed").inc(report.failed)
    REMINDERS.labels("retried").inc(report.retried)
    if report.storage_error is not None:
        DATABASE_ERRORS.labels("scheduler").inc()
