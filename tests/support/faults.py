"""Real faults for the delivery tests: a database that goes away, a process killed.

- `SqliteLock` takes SQLite's write lock from another connection and keeps it, as a
  process frozen inside a transaction does.
- `PgOutage` stops the PostgreSQL server with its own pg_ctl and starts it again.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import IO, Protocol
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from adapters.run import run_once
from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.nudges import schedules
from bot.nudges.service import TickReport
from bot.settings import load_settings
from bot.storage.database import Database
from bot.storage.models import Nudge, TransportLease
from bot.storage.types import utcnow
from bot.users import ensure_user
from tests.support.postgres import PgCluster

ROOT = Path(__file__).resolve().parents[2]


class Outage(Protocol):
    def begin(self) -> None: ...

    def end(self) -> None: ...


class SqliteLock:
    def __init__(self, url: str) -> None:
        database = make_url(url).database
        assert database
        self.path = Path(database)
        self.conn: sqlite3.Connection | None = None

    def begin(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        self.conn = conn

    def end(self) -> None:
        if self.conn is not None:
            self.conn.rollback()
            self.conn.close()
            self.conn = None


class PgOutage:
    def __init__(self, cluster: PgCluster) -> None:
        self.cluster = cluster
        self.down = False

    def begin(self) -> None:
        self.cluster.pause()
        self.down = True

    def end(self) -> None:
        if self.down:
            self.cluster.resume()
            self.down = False


async def new_pg_database(cluster: PgCluster, name: str) -> str:
    conn = await asyncpg.connect(cluster.admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return cluster.url(name)


async def seed_due(db: Database, count: int, transport: str = "telegram") -> None:
    """`count` users whose weekly reminder was due a minute ago, chat ids 1000, 1001…"""
    now = utcnow()
    local = (now - timedelta(minutes=1)).astimezone(ZoneInfo("Europe/Paris"))
    async with db.session() as session:
        for n in range(count):
            chat = str(1000 + n)
            user = await ensure_user(session, transport, chat, f"U{n}", chat)
            await schedules.set_personal(
                session,
                user.id,
                transport,
                chat,
                local.weekday(),
                local.hour,
                local.minute,
                "Europe/Paris",
                now - timedelta(minutes=2),
            )


async def expire_leases(db: Database) -> None:
    """What the passing of the claim lease does (minutes later), without waiting for it."""
    past = utcnow() - timedelta(seconds=1)
    async with db.session() as session:
        await session.execute(
            update(Nudge).where(Nudge.claimed_until.is_not(None)).values(claimed_until=past)
        )
        await session.execute(update(TransportLease).values(expires_at=past))


async def outbox_statuses(db: Database) -> Counter[str]:
    async with db.session() as session:
        return Counter((await session.execute(select(Nudge.status))).scalars())


async def chats_with_status(db: Database, state: str) -> set[str]:
    async with db.session() as session:
        found = await session.execute(select(Nudge.chat_id).where(Nudge.status == state))
        return set(found.scalars())


def mentor_env(url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a `mentor` subprocess: only what the test sets."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATRIX_", "MENTOR_"))
    }
    env.update(
        {
            "MENTOR_DATABASE_URL": url,
            "MENTOR_DATA_DIR": str(data_dir),
            "MENTOR_HEALTH_PORT": "0",
            "MENTOR_LOG_LEVEL": "WARNING",  # the tests read stderr for problems only
            "MENTOR_DB_LOCK_TIMEOUT_SECONDS": "1",
            "MENTOR_NUDGE_BATCH_SIZE": "10",
            "MENTOR_SEND_CONCURRENCY": "4",
            "TELEGRAM_RATE_PER_SECOND": "10000",
            **extra,
        }
    )
    return env


def mentor(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mentor.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env,
    )


class Watch:
    """Reads a subprocess stream in a thread, so a test can wait for a line."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 30) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: any(text in line for line in self.lines), timeout=timeout
            )

    @property
    def text(self) -> str:
        self._thread.join(timeout=10)
        return "\n".join(self.lines)


async def run_once_here(env: dict[str, str], kb: KnowledgeBase) -> TickReport:
    """`mentor nudges run-once` with the same settings, in this process (no start-up cost)."""
    values = {k.lower(): v for k, v in env.items() if k.startswith(("MENTOR_", "TELEGRAM_"))}
    values["mentor_db_lock_timeout_seconds"] = "10"  # no fault here: the default wait
    settings = load_settings(_env_file=None, **values)
    db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    app = Mentor(settings, db, kb)
    await app.start()
    try:
        report = await run_once(app, settings)
    finally:
        await app.stop()
    assert report is not None
    return report
