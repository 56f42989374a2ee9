"""A cohort writing in the same second: 100 users, one question each, through the
Telegram Bot API emulator, with Mentor's outgoing rate limit lifted (issue 18).

Mentor (`mentor run`'s Telegram adapter, polling, SQLite) runs in a child process; the
users are played from this one, all at once. Replies are counted from the emulator's
history, polled every 20 ms. Prints replies per second (first question posted → last
reply seen) and each user's latency (question posted → reply seen), median and p95.
Also prints the CPU time Mentor's process spent per reply (from /proc): on a shared,
noisy machine it compares two versions of the code better than replies/s does.
Target: ≥ 60 replies/s for one process. Note the machine's load beside any figure.
Run: .venv/bin/python benchmarks/burst.py [users] [--postgres]
(--postgres: a throw-away PostgreSQL cluster, as the storage tests start, instead of SQLite)
"""

from __future__ import annotations

import asyncio
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.telegram import TelegramAdapter  # noqa: E402
from bot.app import Mentor  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from tests.e2e.telegram.client import TelegramUser  # noqa: E402
from tests.e2e.telegram.harness import start_emulator  # noqa: E402

TOKEN = "7100003:BENCH-burst"
QUESTIONS = [
    "C'est quoi le CCP1 ?",
    "Comment financer le titre avec le CPF ?",
    "Combien de temps dure l'examen ?",
    "Qu'est-ce que le dossier professionnel ?",
]


async def serve(bot_api: str, tmp: Path, url: str) -> None:
    """The child: Mentor's Telegram adapter until stdin closes."""
    settings = load_settings(
        mentor_database_url=url or f"sqlite+aiosqlite:///{tmp / 'mentor.sqlite3'}",
        mentor_data_dir=tmp,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=bot_api,
        telegram_poll_interval=0.02,
        telegram_poll_timeout=0,
        telegram_rate_per_second=10_000,
        _env_file=None,
    )
    mentor = Mentor.create(settings)
    await mentor.start()
    assert mentor.answerer is not None  # built before the burst, as `mentor run` does
    adapter = TelegramAdapter(mentor, settings)
    await adapter.start()
    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await adapter.stop()
    await mentor.stop()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux's /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def burst(users: int, postgres: bool) -> None:
    cluster = None
    url = ""
    if postgres:
        from tests.support.postgres import start_cluster

        cluster = start_cluster()
        assert cluster is not None, "PostgreSQL binaries (initdb, pg_ctl) not found"
        url = cluster.url("postgres")
    emulator = start_emulator()
    tmp = Path(tempfile.mkdtemp(prefix="mentor-burst-"))
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", emulator.bot_api, str(tmp), url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "READY"
        async with httpx.AsyncClient(base_url=emulator.url, timeout=30) as http:
            people = [TelegramUser(http, TOKEN, user_id=10_000 + n) for n in range(users)]
            posted: dict[int, float] = {}
            seen: dict[int, float] = {}

            async def ask(n: int, person: TelegramUser) -> None:
                posted[10_000 + n] = time.perf_counter()
                await person.say(QUESTIONS[n % len(QUESTIONS)])

            cpu_before = cpu_seconds(child.pid)
            start = time.perf_counter()
            await asyncio.gather(*(ask(n, p) for n, p in enumerate(people)))
            deadline = start + 120
            while len(seen) < users and time.perf_counter() < deadline:
                response = await http.post("/getUpdatesHistory", json={"token": TOKEN})
                now = time.perf_counter()
                for item in response.json()["result"]:
                    chat = item.get("message", {}).get("chat_id")
                    if chat is not None:
                        seen.setdefault(int(chat), now)
                await asyncio.sleep(0.02)
            cpu = cpu_seconds(child.pid) - cpu_before
    finally:
        child.stdin.close()
        child.wait(timeout=60)
        emulator.stop()
        if cluster is not None:
            cluster.stop()
    latencies = sorted((seen[c] - posted[c]) * 1000 for c in seen)
    took = max(seen.values()) - start if seen else float("nan")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    where = "PostgreSQL" if postgres else "SQLite"
    print(f"users: {users} ({where}), answered: {len(seen)}, load average: {load}")
    print(f"replies/s: {len(seen) / took:.1f} (last reply {took:.2f} s after the first question)")
    print(f"Mentor's CPU time: {cpu * 1000 / max(len(seen), 1):.1f} ms per reply")
    if len(latencies) > 1:
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(f"latency median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        asyncio.run(serve(sys.argv[2], Path(sys.argv[3]), sys.argv[4]))
    else:
        numbers = [a for a in sys.argv[1:] if a.isdigit()]
        asyncio.run(burst(int(numbers[0]) if numbers else 100, "--postgres" in sys.argv))
