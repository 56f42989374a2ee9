"""Faults, for real, on SQLite and PostgreSQL: the database going away in the middle of
a wave of reminders, a sender killed with SIGKILL, a lock held by a frozen process,
instances taking over a transport. Each reminder is delivered once or, for the few
that were in flight when a Telegram sender was killed, at most once.

Deliveries are counted by a loopback stand-in for the Telegram Bot API
(tests/support/fake_telegram.py); the subprocesses are the real `mentor` command.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import threading
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from adapters.run import run
from bot import leases
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.messages import Reply
from bot.nudges import status
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import Nudge, TransportLease
from bot.storage.types import utcnow
from tests.support.fake_telegram import FakeTelegram
from tests.support.faults import (
    Outage,
    PgOutage,
    SqliteLock,
    Watch,
    chats_with_status,
    expire_leases,
    mentor,
    mentor_env,
    new_pg_database,
    outbox_statuses,
    run_once_here,
    seed_due,
)
from tests.support.nudges import RecordingSender, nudge_settings, service
from tests.support.postgres import PgCluster, start_cluster

REQUIRE_POSTGRES = os.environ.get("MENTOR_REQUIRE_POSTGRES") == "1"
CONCURRENCY = 4  # MENTOR_SEND_CONCURRENCY in mentor_env: at most this many sends in flight
_names = itertools.count()


@pytest.fixture(scope="module")
def own_pg() -> Iterator[PgCluster | None]:
    """A cluster of this module's own: stopping it disturbs no other test."""
    cluster = start_cluster()
    if cluster is None and REQUIRE_POSTGRES:
        pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found and MENTOR_REQUIRE_POSTGRES=1")
    yield cluster
    if cluster is not None:
        cluster.stop()


@dataclass
class Target:
    url: str
    outage: Outage

    def db(self, lock_timeout: float = 0.5) -> Database:
        return Database(self.url, lock_timeout)


@pytest.fixture(params=["sqlite", "postgresql"])
async def target(
    request: pytest.FixtureRequest, tmp_path: Path, own_pg: PgCluster | None
) -> AsyncIterator[Target]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"
        outage: Outage = SqliteLock(url)
    else:
        if own_pg is None:
            pytest.skip("PostgreSQL binaries not available")
        url = await new_pg_database(own_pg, f"faults_{os.getpid()}_{next(_names)}")
        outage = PgOutage(own_pg)
    db = Database(url)
    await db.upgrade()
    await db.dispose()
    yield Target(url, outage)
    outage.end()


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.close()


async def test_a_database_failure_mid_wave_stops_the_wave_and_nothing_is_sent_twice(
    target: Target, kb: KnowledgeBase, tmp_path: Path
) -> None:
    db = target.db(lock_timeout=0.3)
    try:
        await seed_due(db, 24, transport="test")

        def fail(_chat: str) -> None:
            if len(sender.sent) == 11:  # the 12th send goes out, then the database fails
                target.outage.begin()

        sender = RecordingSender(fail=fail)
        settings = nudge_settings(tmp_path, mentor_nudge_batch_size=10, mentor_send_concurrency=1)
        nudges = service(db, settings, kb, sender)
        report = await nudges.tick()
        assert report.storage_error is not None
        assert len(sender.sent) == 12  # nothing after the first storage error
        assert report.kept == 1  # the 12th's "sent", kept in memory
        target.outage.end()
        assert (await nudges.tick()).storage_error is None
    finally:
        target.outage.end()
    assert len(sender.chats) == 24
    assert len(set(sender.chats)) == 24
    assert await outbox_statuses(db) == Counter({status.SENT: 24})
    async with db.session() as session:
        attempts = Counter((await session.execute(select(Nudge.attempts))).scalars())
    assert attempts == Counter({1: 24})  # a claim given back unsent is not an attempt
    await db.dispose()


def freeze_from(fake: FakeTelegram, n: int) -> tuple[threading.Event, threading.Event]:
    """From the n-th message on, hold each request unanswered: those sends stay in flight."""
    frozen, release = threading.Event(), threading.Event()

    def on_send(count: int) -> None:
        if count >= n:
            frozen.set()
            release.wait(60)

    fake.on_send = on_send
    return frozen, release


async def test_kill_9_mid_wave_then_restart_sends_each_reminder_at_most_once(
    target: Target, telegram: FakeTelegram, tmp_path: Path, kb: KnowledgeBase
) -> None:
    db = target.db()
    await seed_due(db, 24)
    env = mentor_env(target.url, tmp_path, **telegram.env())
    frozen, release = freeze_from(telegram, 10)
    first = mentor("nudges", "run-once", env=env)
    try:
        assert frozen.wait(60), first.communicate()
        first.kill()  # SIGKILL while up to CONCURRENCY messages are in flight
        first.communicate(timeout=60)  # reaps it and closes its pipes
    finally:
        release.set()
    delivered_before = set(telegram.chats)
    left_sending = await chats_with_status(db, status.SENDING)
    assert len(left_sending) == 1  # Telegram sends go one at a time: one in flight
    await expire_leases(db)  # minutes later: the dead process's claims have lapsed
    telegram.on_send = lambda _n: None
    assert (await run_once_here(env, kb)).storage_error is None  # the restart
    assert telegram.duplicates() == 0
    assert len(set(telegram.chats)) + len(left_sending - delivered_before) == 24
    unconfirmed = await chats_with_status(db, status.UNCONFIRMED)
    assert unconfirmed == left_sending  # maybe received: never sent again
    assert await outbox_statuses(db) == Counter(
        {status.SENT: 24 - len(unconfirmed), status.UNCONFIRMED: len(unconfirmed)}
    )
    await db.dispose()


def outage_from(fake: FakeTelegram, n: int, outage: Outage) -> threading.Event:
    """The n-th message is delivered, then the database goes away before it is recorded."""
    began = threading.Event()

    def on_send(count: int) -> None:
        if count == n:
            outage.begin()
            began.set()

    fake.on_send = on_send
    return began


def one_line_without_traceback(err: str) -> list[str]:
    assert "Traceback" not in err, err[-3000:]
    return [line for line in err.splitlines() if line.strip()]


async def test_run_survives_a_database_outage_mid_wave_and_resumes_without_duplicates(
    target: Target, telegram: FakeTelegram, tmp_path: Path
) -> None:
    db = target.db()
    await seed_due(db, 24)
    began = outage_from(telegram, 12, target.outage)
    env = mentor_env(target.url, tmp_path, MENTOR_NUDGE_TICK_SECONDS="0.3", **telegram.env())
    proc = mentor("run", env=env)
    assert proc.stderr is not None
    err = Watch(proc.stderr)
    try:
        assert began.wait(60), err.text
        assert err.wait_for("base de données indisponible"), err.text
        target.outage.end()  # the database is back: the next tick resumes
        done = threading.Event()
        telegram.on_send = lambda count: done.set() if count >= 24 else None
        assert len(telegram.chats) >= 24 or done.wait(60), err.text
    finally:
        target.outage.end()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    assert proc.returncode == 0, err.text
    lines = one_line_without_traceback(err.text)
    expected = (
        "base de données indisponible",
        "Mentor en marche",
        "maximum number of running",
        "plus aucun nouveau message",  # the stop's own line (adapters/run.py)
    )
    assert all(any(e in line for e in expected) for line in lines), lines
    assert telegram.duplicates() == 0
    assert len(set(telegram.chats)) == 24
    assert await outbox_statuses(db) == Counter({status.SENT: 24})  # all recorded, none lost
    await db.dispose()


@pytest.fixture
async def sqlite_target(tmp_path: Path) -> AsyncIterator[Target]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"
    db = Database(url)
    await db.upgrade()
    await db.dispose()
    lock = SqliteLock(url)
    yield Target(url, lock)
    lock.end()


async def test_run_once_meeting_a_frozen_writer_says_so_in_one_line_and_a_rerun_completes(
    sqlite_target: Target, telegram: FakeTelegram, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """Another process frozen while it holds SQLite's write lock (issue 13, item 3)."""
    target = sqlite_target
    db = target.db()
    await seed_due(db, 24)
    outage_from(telegram, 12, target.outage)
    env = mentor_env(target.url, tmp_path, **telegram.env())
    first = mentor("nudges", "run-once", env=env)
    try:
        _out, err = first.communicate(timeout=60)
    finally:
        target.outage.end()
    assert first.returncode == 3, err
    [line] = one_line_without_traceback(err)
    assert line.startswith("Base de données injoignable")
    await expire_leases(db)  # later: what the first run left claimed or sending has lapsed
    telegram.on_send = lambda _n: None
    assert (await run_once_here(env, kb)).storage_error is None
    assert telegram.duplicates() == 0
    assert len(set(telegram.chats)) == 24
    unconfirmed = await chats_with_status(db, status.UNCONFIRMED)
    assert len(unconfirmed) <= CONCURRENCY
    assert unconfirmed <= set(telegram.chats)
    assert await outbox_statuses(db) == Counter(
        {status.SENT: 24 - len(unconfirmed), status.UNCONFIRMED: len(unconfirmed)}
    )
    await db.dispose()


async def test_sqlite_locked_at_start_is_one_line_and_a_failure(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}"
    db = Database(url)
    await db.upgrade()
    await db.dispose()
    lock = SqliteLock(url)
    env = mentor_env(url, tmp_path, TELEGRAM_BOT_TOKEN="123:abc")
    lock.begin()
    try:
        proc = mentor("run", env=env)  # the other commands share its error path (test_cli)
        _out, err = proc.communicate(timeout=60)
    finally:
        lock.end()
    assert proc.returncode == 3, err
    [line] = one_line_without_traceback(err)
    assert "Base de données injoignable" in line, line
    assert "database is locked" in line, line


class FakeTransport:
    name = "fake"

    def __init__(self) -> None:
        self.started = False

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        pass

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 (the Sender protocol)
        return "1"


async def test_two_instances_racing_for_a_dead_holders_lease_start_one_transport(
    database_url: str, settings: Settings, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    local = settings.model_copy(update={"mentor_health_port": 0})
    db = Database(database_url)
    await db.upgrade()
    async with db.session() as session:  # the holder was killed: its row stays, lapsed
        lapsed = utcnow() - leases.LEASE_DURATION - timedelta(seconds=1)
        assert await leases.acquire(session, "fake", "killed-holder", lapsed)
    loop = asyncio.get_running_loop()
    transports = [FakeTransport(), FakeTransport()]
    stops = [asyncio.Event(), asyncio.Event()]
    ready: list[asyncio.Future[int]] = [loop.create_future(), loop.create_future()]
    runs = [
        asyncio.create_task(
            run(
                local,
                mentor=Mentor(local, Database(database_url), kb),
                transports=[transports[i]],
                stop=stops[i],
                on_ready=ready[i],
            )
        )
        for i in range(2)
    ]
    finished, _ = await asyncio.wait(runs, timeout=30, return_when=asyncio.FIRST_COMPLETED)
    [lost] = [i for i, task in enumerate(runs) if task in finished]  # the other one runs on
    won = 1 - lost
    assert await runs[lost] == 2
    assert not transports[lost].started
    await asyncio.wait_for(ready[won], timeout=30)
    assert transports[won].started
    assert "déjà servi par une autre instance" in capsys.readouterr().err
    stops[won].set()  # a clean stop gives the lease back at once
    assert await asyncio.wait_for(runs[won], timeout=30) == 0
    async with db.session() as session:
        assert (await session.execute(select(TransportLease))).scalars().all() == []
    third = FakeTransport()
    again: asyncio.Future[int] = loop.create_future()
    stop_third = asyncio.Event()
    task = asyncio.create_task(
        run(
            local,
            mentor=Mentor(local, Database(database_url), kb),
            transports=[third],
            stop=stop_third,
            on_ready=again,
        )
    )
    await asyncio.wait_for(again, timeout=30)
    stop_third.set()
    assert await asyncio.wait_for(task, timeout=30) == 0
    assert third.started
    await db.dispose()
