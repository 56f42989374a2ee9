"""SIGTERM on `mentor run`: no new updates, the reply in flight is delivered, the lease
is handed back, and the process is gone well within the 10 s an orchestrator gives."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from adapters.run import run
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.messages import Reply
from bot.nudges import status
from bot.ops.shutdown import STOP_BUDGET
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import Nudge
from tests.support.fake_telegram import FakeTelegram
from tests.support.faults import Watch, mentor, mentor_env, outbox_statuses, seed_due


def update(update_id: int, user: int, text: str) -> dict[str, object]:
    person = {"id": user, "is_bot": False, "first_name": "Camille"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user, "type": "private", "first_name": "Camille"},
            "from": person,
            "text": text,
        },
    }


def test_sigterm_finishes_the_reply_in_flight_releases_the_lease_and_exits_fast(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"
    telegram = FakeTelegram()
    in_flight, release = threading.Event(), threading.Event()

    def hold_first(n: int) -> None:
        if n == 1:
            in_flight.set()
            release.wait(60)  # until the test lets it go: no margin to outlast

    telegram.on_send = hold_first
    env = mentor_env(url, tmp_path, MENTOR_LOG_LEVEL="WARNING", **telegram.env())
    env["TELEGRAM_POLL_INTERVAL"] = "0"
    proc = mentor("run", env=env)
    assert proc.stderr is not None
    err = Watch(proc.stderr)
    try:
        assert err.wait_for("Mentor en marche"), err.text
        telegram.updates.append(update(1, 555, "/aide"))
        assert in_flight.wait(30), err.text
        proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        # Waited for, not timed: the line comes once polling has stopped, while the
        # reply is still held in flight; an update arriving now must never be taken.
        assert err.wait_for("plus aucun nouveau message"), err.text
        telegram.updates.append(update(2, 556, "/aide"))
        release.set()
        proc.communicate(timeout=30)
        took = time.monotonic() - signalled
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
        telegram.close()
    assert proc.returncode == 0, err.text
    assert took < 10, took
    assert telegram.chats[0] == "555"  # delivered although SIGTERM came first
    assert "556" not in telegram.chats  # nothing new is taken once stopping
    assert "Traceback" not in err.text
    with sqlite3.connect(tmp_path / "mentor.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM transport_leases").fetchone() == (0,)


class SlowTransport:
    """Holds the first send until told, as a slow network would."""

    name = "fake"

    def __init__(self) -> None:
        self.sending = asyncio.Event()
        self.go_on = asyncio.Event()
        self.sent: list[str] = []

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        self.sending.set()
        await self.go_on.wait()
        self.sent.append(chat_id)
        return str(len(self.sent))


async def test_a_stop_mid_wave_ends_the_send_under_way_and_hands_back_the_other_claims(
    settings: Settings, kb: KnowledgeBase
) -> None:
    local = settings.model_copy(update={"mentor_health_port": 0})
    app = Mentor(local, Database(local.database_url), kb)
    await app.start()
    await seed_due(app.db, 5, transport="fake")
    transport, stop = SlowTransport(), asyncio.Event()
    task = asyncio.create_task(run(local, mentor=app, transports=[transport], stop=stop))
    await asyncio.wait_for(transport.sending.wait(), 30)
    stop.set()
    await asyncio.sleep(0)  # the stop begins while the first reminder is still being sent
    transport.go_on.set()
    assert await asyncio.wait_for(task, STOP_BUDGET + 1) == 0
    assert transport.sent == ["1000"]
    db = Database(local.database_url)
    try:
        assert await outbox_statuses(db) == Counter({status.SENT: 1, status.PENDING: 4})
        async with db.session() as session:
            pending = select(Nudge.claimed_by).where(Nudge.status == status.PENDING)
            assert set((await session.execute(pending)).scalars()) == {None}
    finally:
        await db.dispose()
