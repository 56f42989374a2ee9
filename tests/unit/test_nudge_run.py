"""`mentor run` (transports, clock, health endpoint) and `mentor nudges due|run-once`."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from adapters.run import run
from bot.app import Mentor
from bot.messages import Reply
from bot.nudges import schedules
from bot.nudges.clock import JOB_ID, Clock
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.types import utcnow
from bot.users import ensure_user
from mentor.runner import run_all
from tests.support.nudges import nudge_settings

ROOT = Path(__file__).resolve().parents[2]


class FakeTransport:
    name = "fake"

    def __init__(self) -> None:
        self.events: list[str] = []

    async def start(self) -> None:
        self.events.append("start")

    async def stop(self) -> None:
        self.events.append("stop")

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        return "1"


async def http_get(port: int, path: str) -> tuple[str, dict[str, object]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.decode().partition("\r\n\r\n")
    return head.splitlines()[0], json.loads(body)


async def test_run_starts_transports_the_clock_and_answers_health(
    settings: Settings, mentor: Mentor
) -> None:
    transport = FakeTransport()
    stop = asyncio.Event()
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    local = settings.model_copy(update={"mentor_health_port": 0})
    task = asyncio.create_task(
        run(local, mentor=mentor, transports=[transport], stop=stop, on_ready=ready)
    )
    port = await asyncio.wait_for(ready, timeout=10)
    status_line, health = await http_get(port, "/health")
    assert status_line == "HTTP/1.1 200 OK"
    assert health["status"] == "ok"
    assert health["transports"] == {"fake": "served here"}
    assert health["problems"] == []
    assert health["scheduler"] == "running"
    assert (await http_get(port, "/nope"))[0] == "HTTP/1.1 404 Not Found"
    stop.set()
    assert await asyncio.wait_for(task, timeout=10) == 0
    assert transport.events == ["start", "stop"]
    assert mentor.senders["fake"] is transport


async def test_run_without_any_transport_explains_and_fails(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_all(settings) == 2
    assert "Aucun transport configuré" in capsys.readouterr().err


async def test_a_configured_transport_that_cannot_load_is_a_clear_error(
    settings: Settings,
    mentor: Mentor,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "adapters.telegram", None)
    configured = settings.model_copy(update={"telegram_bot_token": "123:abc"})
    assert await run(configured, mentor=mentor) == 2
    assert "Telegram est configuré" in capsys.readouterr().err


async def test_a_second_instance_does_not_start_a_transport_the_first_one_serves(
    settings: Settings, mentor: Mentor, capsys: pytest.CaptureFixture[str]
) -> None:
    first, stop = FakeTransport(), asyncio.Event()
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    local = settings.model_copy(update={"mentor_health_port": 0})
    task = asyncio.create_task(
        run(local, mentor=mentor, transports=[first], stop=stop, on_ready=ready)
    )
    await asyncio.wait_for(ready, timeout=10)
    second = FakeTransport()
    other = Mentor(settings, Database(settings.database_url), mentor.kb)
    assert await run(local, mentor=other, transports=[second]) == 2
    assert second.events == []
    assert "déjà servi par une autre instance" in capsys.readouterr().err
    stop.set()
    assert await asyncio.wait_for(task, timeout=10) == 0


class RefusedTransport(FakeTransport):
    async def start(self) -> None:
        raise RuntimeError("Telegram refuse le jeton TELEGRAM_BOT_TOKEN : vérifiez-le.")


async def test_a_transport_that_refuses_to_start_is_one_clear_line(
    settings: Settings, mentor: Mentor, capsys: pytest.CaptureFixture[str]
) -> None:
    local = settings.model_copy(update={"mentor_health_port": 0})
    assert await run(local, mentor=mentor, transports=[RefusedTransport()]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "Telegram refuse le jeton TELEGRAM_BOT_TOKEN : vérifiez-le."


async def test_clock_has_one_coalescing_job_that_only_ticks() -> None:
    ticked = asyncio.Event()

    class Service:
        async def tick(self) -> None:
            ticked.set()

    clock = Clock(Service(), every_seconds=3600)
    [job] = clock.scheduler.get_jobs()
    assert (job.id, job.coalesce, job.max_instances) == (JOB_ID, True, 1)
    clock.start()
    try:
        await asyncio.wait_for(ticked.wait(), timeout=10)  # the first tick runs right away
    finally:
        await clock.stop()
    assert not clock.running


async def test_stopping_the_clock_lets_a_running_tick_finish() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    finished: list[bool] = []

    class Slow:
        async def tick(self) -> None:
            started.set()
            await release.wait()
            finished.append(True)

    clock = Clock(Slow(), every_seconds=3600)
    clock.start()
    await asyncio.wait_for(started.wait(), timeout=10)
    stopping = asyncio.create_task(clock.stop())
    await asyncio.sleep(0)
    assert not stopping.done()
    release.set()
    await asyncio.wait_for(stopping, timeout=10)
    assert finished == [True]


def cli(*args: str, database: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATRIX_", "MENTOR_"))
    }
    env["MENTOR_DATABASE_URL"] = database
    return subprocess.run(
        [sys.executable, "-m", "mentor.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


async def test_nudges_due_then_run_once_sends_a_console_nudge(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'ops.sqlite3'}"
    db = Database(url)
    await db.upgrade()
    now = utcnow()
    local = (now - timedelta(minutes=1)).astimezone(ZoneInfo("Europe/Paris"))
    async with db.session() as session:
        user = await ensure_user(session, "console", "camille", "Camille", "console:camille")
        schedule = await schedules.set_personal(
            session,
            user.id,
            "console",
            "console:camille",
            local.weekday(),
            local.hour,
            local.minute,
            "Europe/Paris",
            now - timedelta(minutes=2),
        )
        assert schedule.next_due_at is not None
        assert schedule.next_due_at <= now
    await db.dispose()
    due = cli("nudges", "due", database=url)
    assert due.returncode == 0, due.stderr
    assert "pas encore en file : 1" in due.stdout
    once = cli("nudges", "run-once", database=url)
    assert once.returncode == 0, once.stderr
    assert "Votre point de la semaine" in once.stdout
    assert "envoyés : 1" in once.stdout
    again = cli("nudges", "run-once", database=url)
    assert "envoyés : 0" in again.stdout


def test_settings_give_each_transport_its_own_rate(tmp_path: Path) -> None:
    settings = nudge_settings(tmp_path, telegram_rate_per_second=30, matrix_rate_per_second=5)
    assert settings.send_rate("telegram") == 30
    assert settings.send_rate("matrix") == 5
    assert settings.send_rate("console") == settings.mentor_send_rate_per_second
