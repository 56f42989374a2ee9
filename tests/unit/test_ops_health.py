"""`/health` and `/ready`: 200 only when the database answers, the scheduler ticks and
every configured transport is served here or by a live lease elsewhere."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from adapters.run import run
from bot import leases
from bot.app import Mentor
from bot.ops.health import Probe
from bot.ops.http import OpsServer
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.types import utcnow
from tests.support.ops import FakeTransport, http_get


def probe(db: Database, **changes: object) -> Probe:
    fields: dict[str, object] = {
        "db": db,
        "instance": "here",
        "configured": ["fake"],
        "served": ["fake"],
        "tick_seconds": 30.0,
        "scheduler_running": lambda: True,
        "last_tick": utcnow,
    }
    fields.update(changes)
    return Probe(**fields)  # type: ignore[arg-type]


async def test_an_unreachable_database_is_a_503_that_says_so(mentor: Mentor) -> None:
    refused = Database("postgresql+asyncpg://mentor@127.0.0.1:9/mentor")  # discard port
    try:
        code, _, body = await OpsServer(probe(refused)).page("GET", "/health")
        ready_code, _, _ = await OpsServer(probe(refused)).page("GET", "/ready")
    finally:
        await refused.dispose()
    health = json.loads(body)
    assert (code, ready_code) == (503, 503)
    assert health["status"] == "degraded"
    assert health["database"].startswith("injoignable")
    assert [p.split(" :")[0] for p in health["problems"]] == ["base de données injoignable"]
    good_code, _, _ = await OpsServer(probe(mentor.db)).page("GET", "/health")
    assert good_code == 200


async def test_a_scheduler_that_stopped_ticking_is_a_503(mentor: Mentor) -> None:
    now = utcnow()
    late = probe(mentor.db, now=lambda: now, last_tick=lambda: now - timedelta(minutes=10))
    ok, body = await late.health()
    assert not ok
    assert body["scheduler"] == "late"
    assert body["problems"] == ["planificateur des rappels sans passage depuis 10 min"]
    ok, body = await probe(mentor.db, scheduler_running=lambda: False).health()
    assert not ok
    assert body["problems"] == ["planificateur des rappels arrêté"]


async def test_a_transport_is_healthy_only_when_served_here_or_by_a_live_lease(
    mentor: Mentor,
) -> None:
    elsewhere = probe(mentor.db, configured=["fake", "telegram"])
    ok, body = await elsewhere.health()
    assert not ok
    assert body["transports"] == {"fake": "served here", "telegram": "unserved"}
    assert body["problems"] == ["telegram n'est servi par aucune instance"]
    async with mentor.db.session() as session:
        assert await leases.acquire(session, "telegram", "other-host-1", utcnow())
    ok, body = await elsewhere.health()
    assert ok, body
    assert body["transports"]["telegram"] == "served by other-host-1"
    async with mentor.db.session() as session:  # that instance died: its lease lapsed
        lapsed = utcnow() - leases.LEASE_DURATION - timedelta(seconds=1)
        await leases.release(session, "telegram", "other-host-1")
        assert await leases.acquire(session, "telegram", "other-host-1", lapsed)
    ok, body = await elsewhere.health()
    assert not ok
    assert body["transports"]["telegram"] == "unserved"


async def test_run_serves_health_ready_and_metrics_on_the_configured_host(
    settings: Settings, mentor: Mentor
) -> None:
    stop = asyncio.Event()
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    local = settings.model_copy(update={"mentor_health_port": 0, "mentor_http_host": "::1"})
    task = asyncio.create_task(
        run(local, mentor=mentor, transports=[FakeTransport()], stop=stop, on_ready=ready)
    )
    port = await asyncio.wait_for(ready, timeout=10)
    try:
        health = await http_get(port, "/health", host="::1")
        up = await http_get(port, "/ready", host="::1")
        posted = await OpsServer(probe(mentor.db)).page("POST", "/health")
    finally:
        stop.set()
        assert await asyncio.wait_for(task, timeout=10) == 0
    assert health[0] == "HTTP/1.1 200 OK"
    assert json.loads(health[2])["transports"] == {"fake": "served here"}
    assert up[0] == "HTTP/1.1 200 OK"
    assert json.loads(up[2]) == {"status": "ready", "transports": ["fake"]}
    assert posted[0] == 405
