"""Metrics: what the core and the adapters count, and `/metrics` on the run's server."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from prometheus_client import REGISTRY

from adapters.run import run
from bot.app import Mentor
from bot.delivery import PermanentDeliveryError, TemporaryDeliveryError
from bot.messages import Reply
from bot.ops.metrics import counted_send
from bot.settings import Settings
from tests.support.chat import private
from tests.support.ops import FakeTransport, http_get


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_each_message_is_counted_by_transport_kind_and_answer_outcome(
    mentor: Mentor,
) -> None:
    before = {
        "text": sample("mentor_messages_handled_total", transport="test", kind="text"),
        "command": sample("mentor_messages_handled_total", transport="test", kind="command"),
        "answered": sample("mentor_answers_total", outcome="answered"),
        "out": sample("mentor_answers_total", outcome="out_of_scope"),
        "latency": sample("mentor_answer_latency_seconds_count", transport="test"),
    }
    await mentor.handle(private("C'est quoi le CCP1 ?"))  # answered with confidence
    await mentor.handle(private("Quelle est la recette de la tarte tatin ?"))
    await mentor.handle(private("/aide"))
    duplicate = private("/aide")
    await mentor.handle(duplicate)
    await mentor.handle(replace(duplicate))  # a redelivery: counted, but as a duplicate
    assert sample("mentor_messages_handled_total", transport="test", kind="text") == (
        before["text"] + 2
    )
    assert sample("mentor_messages_handled_total", transport="test", kind="command") == (
        before["command"] + 3
    )
    assert sample("mentor_answers_total", outcome="answered") == before["answered"] + 1
    assert sample("mentor_answers_total", outcome="out_of_scope") == before["out"] + 1
    assert sample("mentor_answer_latency_seconds_count", transport="test") == (
        before["latency"] + 5
    )


class Flaky:
    def __init__(self, error: Exception | None) -> None:
        self.error = error

    @counted_send("flaky")
    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        if self.error is not None:
            raise self.error
        return "42"


async def test_sends_and_send_errors_are_counted_per_transport() -> None:
    sent = sample("mentor_replies_sent_total", transport="flaky")
    temporary = sample("mentor_send_errors_total", transport="flaky", kind="temporary")
    permanent = sample("mentor_send_errors_total", transport="flaky", kind="permanent")
    assert await Flaky(None).send("c", Reply("x")) == "42"
    with pytest.raises(TemporaryDeliveryError):
        await Flaky(TemporaryDeliveryError("429")).send("c", Reply("x"))
    with pytest.raises(PermanentDeliveryError):
        await Flaky(PermanentDeliveryError("blocked")).send("c", Reply("x"))
    assert sample("mentor_replies_sent_total", transport="flaky") == sent + 1
    assert sample("mentor_send_errors_total", transport="flaky", kind="temporary") == (
        temporary + 1
    )
    assert sample("mentor_send_errors_total", transport="flaky", kind="permanent") == (
        permanent + 1
    )


async def test_metrics_page_is_served_next_to_health(settings: Settings, mentor: Mentor) -> None:
    stop = asyncio.Event()
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    local = settings.model_copy(update={"mentor_health_port": 0})
    task = asyncio.create_task(
        run(local, mentor=mentor, transports=[FakeTransport()], stop=stop, on_ready=ready)
    )
    port = await asyncio.wait_for(ready, timeout=10)
    status_line, headers, body = await http_get(port, "/metrics")
    stop.set()
    assert await asyncio.wait_for(task, timeout=10) == 0
    assert status_line == "HTTP/1.1 200 OK"
    assert "text/plain" in headers
    text = body.decode()
    for name in (
        "mentor_messages_handled_total",
        "mentor_answers_total",
        "mentor_answer_latency_seconds_bucket",
        "mentor_outbox_backlog 0.0",
        "mentor_outbox_oldest_due_age_seconds 0.0",
        "mentor_reminders_total",
        "mentor_scheduler_lag_seconds",
        "mentor_scheduler_last_tick_timestamp_seconds",
        'mentor_transport_lease_held{transport="fake"} 1.0',
        "mentor_database_errors_total",
    ):
        assert name in text, name
