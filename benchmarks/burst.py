"""A cohort writing in the same second: 100 users, one question each, through the
Telegram Bot API emulator, with Mentor's outgoing rate limit lifted (issue 18).

Mentor (`mentor run`'s Telegram adapter, polling, SQLite) runs in a child process; the
users are played from this one, all at once. Replies are counted from the emulator's
history, polled every 20 ms. Prints replies per second (first question posted → last
reply seen) and each user's latency (question posted → reply seen), median and p95.
Also prints the CPU time Mentor's process spent per reply (from /proc): on a shared,
noisy machine it compares two versions of the code better than replies/s does. It is
split into the knowledge answers (bot/answers/), the rest of the core's handling
(`Mentor.handle`: database, routing, rendering) and everything else (Telegram's updates,
sends and polling), and set beside the CPU time of the emulator and of the simulated
users, who share the machine's two cores with Mentor.
Target: ≥ 60 replies/s for one process. Note the machine's load beside any figure.
Run: .venv/bin/python benchmarks/burst.py [users] [--again] [--postgres] [--profile PATH]
(--again: each user asks a first question before the burst, which is then of known users,
as in a cohort that has used Mentor before; --postgres: a throw-away PostgreSQL cluster, as
the storage tests start, instead of SQLite; --profile: a cProfile of Mentor's process
during the burst, in thread CPU time, for `python -m pstats PATH`)
"""

from __future__ import annotations

import asyncio
import cProfile
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Generator
from pathlib import Path
from typing import Any, Generic, TypeVar

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.telegram import TelegramAdapter  # noqa: E402
from benchmarks.cpu import cpu_seconds, machine  # noqa: E402
from bot.app import Mentor  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from tests.e2e.telegram.harness import start_emulator  # noqa: E402

T = TypeVar("T")
TOKEN = "7100003:BENCH-burst"
QUESTIONS = [
    "C'est quoi le CCP1 ?",
    "Comment financer le titre avec le CPF ?",
    "Combien de temps dure l'examen ?",
    "Qu'est-ce que le dossier professionnel ?",
]


async def serve(bot_api: str, tmp: Path, url: str, profile: str) -> None:
    """The child: Mentor's Telegram adapter until stdin closes; then prints the CPU time
    the answers and the handling took (`ANSWER|HANDLE <seconds> <count>`), and with
    `profile` writes a cProfile of the burst (start-up left out) to that path."""
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
    timed = AnswerClock(mentor.answerer)
    mentor.__dict__["answerer"] = timed  # the cached property's slot: every answer timed
    handling = StepClock()
    handle = mentor.handle
    mentor.handle = lambda incoming: handling.run(handle(incoming))  # type: ignore[method-assign]
    adapter = TelegramAdapter(mentor, settings)
    await adapter.start()
    # Timed in thread CPU time: on a busy machine wall time charges a call for the time
    # the process waited for a core (a socket send looked like 1 ms).
    profiler = cProfile.Profile(time.thread_time) if profile else None
    print("READY", flush=True)
    if profiler is not None:
        profiler.enable()
    # Until stdin closes; "RESET": the measured burst starts (after a warm-up round).
    while line := await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline):
        if line.strip() == "RESET":
            timed.seconds = timed.count = handling.seconds = handling.count = 0
            if profiler is not None:
                profiler.disable()
                profiler = cProfile.Profile(time.thread_time)
                profiler.enable()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    print(f"ANSWER {timed.seconds} {timed.count}", flush=True)
    print(f"HANDLE {handling.seconds} {handling.count}", flush=True)
    await adapter.stop()
    await mentor.stop()


class StepClock:
    """The CPU time of coroutines, step by step (between two awaits that suspend), so
    that the other tasks interleaved with them are not counted."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        self.count += 1
        return await _Steps(coroutine, self)


class _Steps(Generic[T]):
    def __init__(self, coroutine: Coroutine[Any, Any, T], clock: StepClock) -> None:
        self.coroutine, self.clock = coroutine, clock

    def __await__(self) -> Generator[Any, Any, T]:
        sent: Any = None
        error: BaseException | None = None
        while True:
            start = time.thread_time()
            try:
                if error is not None:
                    yielded = self.coroutine.throw(error)
                else:
                    yielded = self.coroutine.send(sent)
            except StopIteration as done:
                value: T = done.value
                return value
            finally:
                self.clock.seconds += time.thread_time() - start
            error = None
            try:
                sent = yield yielded
            except BaseException as exc:  # noqa: BLE001 - handed to the coroutine
                error = exc


class AnswerClock:
    """The answerer, with the CPU time its `answer` calls take added up (the knowledge
    answer is one part of a reply's cost; this splits it from the rest)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.count = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def answer(self, text: str) -> Any:
        start = time.thread_time()
        try:
            return self.inner.answer(text)
        finally:
            self.seconds += time.thread_time() - start
            self.count += 1


async def burst(users: int, postgres: bool, profile: str, again: bool) -> None:
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
        [sys.executable, __file__, "--serve", emulator.bot_api, str(tmp), url, profile],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "READY"
        # aiohttp, not httpx: the simulated users share the machine's two cores with Mentor,
        # and through httpx they cost more CPU per question than Mentor per reply.
        async with aiohttp.ClientSession(emulator.url) as http:
            posted: dict[int, float] = {}
            seen: dict[int, float] = {}

            async def ask(n: int) -> None:
                user = 10_000 + n
                person = {"id": user, "is_bot": False, "first_name": f"U{n}"}
                message = {  # as tests/e2e/telegram/client.py's TelegramUser.say posts it
                    "botToken": TOKEN,
                    "from": person,
                    "chat": {"id": user, "type": "private", "first_name": f"U{n}"},
                    "date": int(time.time()),
                    "text": QUESTIONS[(n + len(posted)) % len(QUESTIONS)],
                }
                posted[user] = time.perf_counter()
                async with http.post("/sendMessage", json=message) as response:
                    response.raise_for_status()

            async def wait_for_replies(round_: int, start: float) -> None:
                """Until each user has `round_` replies (each is seen when it appears)."""
                seen.clear()
                while len(seen) < users and time.perf_counter() < start + 120:
                    async with http.post("/getUpdatesHistory", json={"token": TOKEN}) as answer:
                        history = await answer.json()
                    now = time.perf_counter()
                    replies: dict[int, int] = {}
                    for item in history["result"]:
                        chat = item.get("message", {}).get("chat_id")
                        if chat is not None:
                            replies[int(chat)] = replies.get(int(chat), 0) + 1
                    for chat, count in replies.items():
                        if count >= round_:
                            seen.setdefault(chat, now)
                    await asyncio.sleep(0.02)

            if again:  # a first question each, not measured: the burst is of known users
                await asyncio.gather(*(ask(n) for n in range(users)))
                await wait_for_replies(1, time.perf_counter())
                posted.clear()
                child.stdin.write("RESET\n")
                child.stdin.flush()
            cpu_before = cpu_seconds(child.pid)
            others_before = cpu_seconds(emulator.process.pid), time.process_time()
            machine_before = machine()
            start = time.perf_counter()
            await asyncio.gather(*(ask(n) for n in range(users)))
            all_posted = time.perf_counter() - start
            await wait_for_replies(2 if again else 1, start)
            cpu = cpu_seconds(child.pid) - cpu_before
            emulator_cpu = cpu_seconds(emulator.process.pid) - others_before[0]
            users_cpu = time.process_time() - others_before[1]
            busy, total = (a - b for a, b in zip(machine(), machine_before, strict=True))
    finally:
        child.stdin.close()
        rest = child.stdout.read()
        child.wait(timeout=60)
        emulator.stop()
        if cluster is not None:
            cluster.stop()
    latencies = sorted((seen[c] - posted[c]) * 1000 for c in seen)
    took = max(seen.values()) - start if seen else float("nan")
    min_latency = min(seen.values()) - start if seen else float("nan")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    where = "PostgreSQL" if postgres else "SQLite"
    who = "known" if again else "new"
    print(f"users: {users} {who} ({where}), answered: {len(seen)}, load average: {load}")
    print(
        f"replies/s: {len(seen) / took:.1f} (last reply {took:.2f} s after the first question; "
        f"all questions posted after {all_posted:.2f} s, first reply after {min_latency:.2f} s)"
    )
    print(f"Mentor's CPU time: {cpu * 1000 / max(len(seen), 1):.1f} ms per reply")
    clocks = {w[0]: (float(w[1]), int(w[2])) for w in map(str.split, rest.splitlines()) if w}
    answer, answers = clocks.get("ANSWER", (0.0, 0))
    handling, _ = clocks.get("HANDLE", (0.0, 0))
    per = 1000 / max(len(seen), 1)
    print(
        f"  split per reply: knowledge answer {answer * per:.1f} ms ({answers} answers), "
        f"rest of the core's handling {(handling - answer) * per:.1f} ms, "
        f"Telegram (updates, sends, polling) and the rest {(cpu - handling) * per:.1f} ms"
    )
    print(
        f"  meanwhile the emulator (node) used {emulator_cpu:.2f} s of CPU, "
        f"the simulated users {users_cpu:.2f} s, Mentor {cpu:.2f} s; the machine's "
        f"{os.cpu_count()} cores were busy {busy / total:.0%} of the time (everyone's work)"
    )
    if len(latencies) > 1:
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(f"latency median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        asyncio.run(serve(sys.argv[2], Path(sys.argv[3]), sys.argv[4], sys.argv[5]))
    else:
        numbers = [a for a in sys.argv[1:] if a.isdigit()]
        profile = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else ""
        count = int(numbers[0]) if numbers else 100
        asyncio.run(burst(count, "--postgres" in sys.argv, profile, "--again" in sys.argv))
