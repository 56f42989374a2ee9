"""Reply latency through the Telegram emulator: Mentor vs a bare python-telegram-bot echo bot.

Both bots run in one child process and poll the same emulator with the same interval;
the user is played from this process; rounds alternate so drift affects both alike.
Latency = user message posted → bot message visible to the user.
Target (issue 7): Mentor's median ≤ 1.2 x the echo bot's.
Run: .venv/bin/python benchmarks/telegram_e2e.py [rounds]
"""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.telegram import TelegramAdapter  # noqa: E402
from bot.app import Mentor  # noqa: E402
from bot.messages import Incoming, Reply  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from tests.e2e.telegram.client import TelegramUser  # noqa: E402
from tests.e2e.telegram.harness import start_emulator  # noqa: E402

QUESTION = "C'est quoi le CCP1 ?"
POLL_INTERVAL = 0.02
WARMUP = 5
MENTOR_TOKEN = "7100001:BENCH-mentor"
ECHO_TOKEN = "7100002:BENCH-echo"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def timed(user: TelegramUser, text: str, jitter: random.Random) -> float:
    # Both bots poll every POLL_INTERVAL: start each round at a random phase of that
    # cycle, or back-to-back rounds lock onto a phase that favours one bot.
    await asyncio.sleep(jitter.uniform(0, POLL_INTERVAL))
    start = time.perf_counter()
    await user.say(text)
    await user.replies()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


async def serve(bot_api: str, tmp: Path) -> None:
    """The child process: Mentor and the echo bot on one event loop, until stdin closes."""
    settings = load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{tmp / 'mentor.sqlite3'}",
        mentor_data_dir=tmp,
        telegram_bot_token=MENTOR_TOKEN,
        telegram_api_base_url=bot_api,
        telegram_poll_interval=POLL_INTERVAL,
        telegram_poll_timeout=0,
        _env_file=None,
    )
    mentor = Mentor.create(settings)
    await mentor.start()
    core_ms: list[float] = []
    handle = mentor.handle

    async def timed_handle(incoming: Incoming) -> list[Reply]:
        start = time.perf_counter()
        try:
            return await handle(incoming)
        finally:
            core_ms.append((time.perf_counter() - start) * 1000)

    mentor.handle = timed_handle  # type: ignore[method-assign]
    adapter = TelegramAdapter(mentor, settings)
    await adapter.start()
    echo_app = Application.builder().token(ECHO_TOKEN).base_url(bot_api).job_queue(None).build()
    echo_app.add_handler(MessageHandler(filters.TEXT, echo))
    await echo_app.initialize()
    await echo_app.start()
    assert echo_app.updater is not None
    await echo_app.updater.start_polling(poll_interval=POLL_INTERVAL, timeout=0)
    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await echo_app.updater.stop()
    await echo_app.stop()
    await echo_app.shutdown()
    await adapter.stop()
    await mentor.stop()
    core = core_ms[WARMUP:]
    print(f"CORE {statistics.median(core):.1f} {p95(core):.1f}", flush=True)


async def drive(rounds: int) -> None:
    emulator = start_emulator()
    tmp = Path(tempfile.mkdtemp(prefix="mentor-bench-"))
    bots = subprocess.Popen(
        [sys.executable, __file__, "--serve", emulator.bot_api, str(tmp)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert bots.stdin is not None and bots.stdout is not None
    try:
        assert bots.stdout.readline().strip() == "READY"
        async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as http:
            to_mentor = TelegramUser(http, MENTOR_TOKEN, user_id=501)
            to_echo = TelegramUser(http, ECHO_TOKEN, user_id=502)
            mentor_ms: list[float] = []
            echo_ms: list[float] = []
            jitter = random.Random(7)
            for i in range(rounds + WARMUP):
                m = await timed(to_mentor, QUESTION, jitter)
                e = await timed(to_echo, QUESTION, jitter)
                if i >= WARMUP:
                    mentor_ms.append(m)
                    echo_ms.append(e)
        bots.stdin.close()
        core_line = bots.stdout.read().split()
        med_core, p95_core = float(core_line[-2]), float(core_line[-1])
    finally:
        bots.wait(timeout=30)
        emulator.stop()
    med_m, med_e = statistics.median(mentor_ms), statistics.median(echo_ms)
    print(f"rounds: {rounds}, poll interval: {POLL_INTERVAL * 1000:.0f} ms, question: {QUESTION!r}")
    print(f"{'':24}{'median':>10}{'p95':>10}")
    print(f"{'mentor':24}{med_m:>8.1f}ms{p95(mentor_ms):>8.1f}ms")
    print(f"{'echo bot':24}{med_e:>8.1f}ms{p95(echo_ms):>8.1f}ms")
    print(f"{'  of which Mentor.handle':24}{med_core:>8.1f}ms{p95_core:>8.1f}ms")
    print(
        f"ratio median: {med_m / med_e:.2f}  p95: {p95(mentor_ms) / p95(echo_ms):.2f}  "
        f"(target ≤ 1.2); without the core's own time: {(med_m - med_core) / med_e:.2f}"
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        asyncio.run(serve(sys.argv[2], Path(sys.argv[3])))
    else:
        asyncio.run(drive(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
