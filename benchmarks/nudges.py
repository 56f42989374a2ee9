"""Benchmark of the weekly-nudge outbox: 10,000 users whose reminder falls in the same minute.

Prints: time to enqueue and to claim, the send rate achieved against a 30 msg/s
limit, duplicates, RSS, then two schedulers on one database (SQLite, and
PostgreSQL when `initdb` is available): duplicates 0, nothing lost.

To stay under ~3 minutes the send phase at the real 30 msg/s limit is capped at
10 s; the rest of the wave goes out at a scaled limit (printed). Time runs from a
fixed Friday 16:00 (Paris) with time-machine ticking, so clocks move normally.

Run: .venv/bin/python benchmarks/nudges.py [--users 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import time_machine
from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from bot.messages import Reply  # noqa: E402
from bot.nudges.service import NudgeService  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import Nudge, ReminderSchedule, User  # noqa: E402
from tests.support.postgres import start_cluster  # noqa: E402

TRANSPORT = "telegram"  # so the telegram rate setting applies
SLOT = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # vendredi 4 décembre 16h00, Paris
REAL_LIMIT = 30.0
SCALED_LIMIT = 2000.0
CAPPED_SECONDS = 10.0
LATENCY = 0.002  # simulated network time per send


@dataclass
class FakeTransport:
    """Records sends; each takes LATENCY seconds like a (fast) network call."""

    sent: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:
        await asyncio.sleep(LATENCY)
        self.sent.append(chat_id)
        self.times.append(time.monotonic())
        return str(len(self.sent))


def settings_for(url: str, rate: float, batch: int) -> Settings:
    return load_settings(
        mentor_database_url=url,
        telegram_rate_per_second=rate,
        mentor_nudge_batch_size=batch,
        mentor_send_concurrency=8,
        _env_file=None,
    )


async def seed(db: Database, users: int) -> None:
    """`users` people, each with a personal reminder on Friday 16:00 Paris, all due at SLOT."""
    await db.upgrade()
    async with db.session() as session:
        await session.execute(
            insert(User), [{"display_name": f"u{n}", "onboarded": True} for n in range(users)]
        )
        ids = list((await session.execute(select(User.id).order_by(User.id))).scalars())
        await session.execute(
            insert(ReminderSchedule),
            [
                {
                    "kind": "personal",
                    "user_id": uid,
                    "transport": TRANSPORT,
                    "chat_id": f"chat-{uid}",
                    "weekday": 4,
                    "hour": 16,
                    "minute": 0,
                    "timezone": "Europe/Paris",
                    "next_due_at": SLOT,
                    "version": 1,
                    "stopped": False,
                    "stop_reason": "",
                }
                for uid in ids
            ],
        )


async def outbox_counts(db: Database) -> Counter[str]:
    async with db.session() as session:
        rows = await session.execute(select(Nudge.status, func.count()).group_by(Nudge.status))
        return Counter({status: int(count) for status, count in rows.all()})


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def single(url: str, users: int, kb: KnowledgeBase) -> None:
    db = Database(url)
    await seed(db, users)
    transport = FakeTransport()
    with time_machine.travel(SLOT + timedelta(seconds=1), tick=True) as traveller:
        capped = NudgeService(
            db, settings_for(url, REAL_LIMIT, 30), kb, {TRANSPORT: transport}, instance="capped"
        )
        started = time.perf_counter()
        enqueued = await capped.enqueue()
        enqueue_s = time.perf_counter() - started
        print(f"  enqueue: {enqueued} rows in {enqueue_s:.2f} s ({enqueued / enqueue_s:.0f}/s)")

        started = time.perf_counter()
        while time.perf_counter() - started < CAPPED_SECONDS:
            batch = await capped.claim_batch()
            if not batch:
                break
            await capped.deliver(batch)
        sends = transport.times
        rate = (len(sends) - 1) / (sends[-1] - sends[0]) if len(sends) > 1 else 0.0
        print(
            f"  send at the real limit ({REAL_LIMIT:.0f}/s, capped at {CAPPED_SECONDS:.0f} s): "
            f"{len(sends)} sent, achieved {rate:.1f} msg/s"
        )

        rest = NudgeService(
            db, settings_for(url, SCALED_LIMIT, 500), kb, {TRANSPORT: transport}, instance="rest"
        )
        traveller.shift(timedelta(minutes=5))
        mark = len(transport.sent)
        started = time.perf_counter()
        claimed = 0
        claim_s = 0.0
        while True:
            t0 = time.perf_counter()
            batch = await rest.claim_batch()
            claim_s += time.perf_counter() - t0
            if not batch:
                break
            claimed += len(batch)
            await rest.deliver(batch)
        took = time.perf_counter() - started
        rest_sent = len(transport.sent) - mark
        print(
            f"  claim: {claimed} rows in {claim_s:.2f} s ({claimed / max(claim_s, 1e-9):.0f}/s); "
            f"the rest at a scaled limit of {SCALED_LIMIT:.0f}/s: {rest_sent} sent in {took:.1f} s "
            f"({rest_sent / took:.0f} msg/s incl. message building and marking)"
        )
    duplicates = len(transport.sent) - len(set(transport.sent))
    print(
        f"  total sent {len(transport.sent)}/{users}, duplicates {duplicates}, "
        f"outbox {dict(await outbox_counts(db))}, max RSS {rss_mb():.0f} MB"
    )
    await db.dispose()


async def pair(url: str, users: int, kb: KnowledgeBase) -> None:
    first = Database(url)
    await seed(first, users)
    second = Database(url)  # a second scheduler: its own engine, as another process would have
    a, b = FakeTransport(), FakeTransport()
    settings = settings_for(url, SCALED_LIMIT, 200)
    with time_machine.travel(SLOT + timedelta(seconds=1), tick=True):
        services = [
            NudgeService(first, settings, kb, {TRANSPORT: a}, instance="a"),
            NudgeService(second, settings, kb, {TRANSPORT: b}, instance="b"),
        ]
        started = time.perf_counter()
        await asyncio.gather(*(s.tick() for s in services))
        took = time.perf_counter() - started
    every = a.sent + b.sent
    duplicates = len(every) - len(set(every))
    lost = users - len(set(every))
    print(
        f"  two schedulers: {len(a.sent)} + {len(b.sent)} sent in {took:.1f} s, "
        f"duplicates {duplicates}, lost {lost}, outbox {dict(await outbox_counts(first))}"
    )
    await first.dispose()
    await second.dispose()


async def main(users: int) -> None:
    kb = load_knowledge(ROOT / "knowledge")
    print(f"Mentor nudges benchmark — {users} users due at the same minute")
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite, one scheduler:")
        await single(f"sqlite+aiosqlite:///{tmp}/single.sqlite3", users, kb)
        print("SQLite, two schedulers on one file:")
        await pair(f"sqlite+aiosqlite:///{tmp}/pair.sqlite3", users, kb)
    cluster = start_cluster()
    if cluster is None:
        print("PostgreSQL: initdb not found, skipped")
        return
    try:
        conn = await asyncpg.connect(cluster.admin_url)
        await conn.execute('CREATE DATABASE "bench_pair"')
        await conn.close()
        print("PostgreSQL, two schedulers on one database:")
        await pair(cluster.url("bench_pair"), users, kb)
    finally:
        cluster.stop()
    print(f"max RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().users))
