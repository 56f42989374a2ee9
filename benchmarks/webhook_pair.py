"""Several Mentor instances in Telegram webhook mode on one PostgreSQL (issue 18).

Starts a throw-away PostgreSQL cluster (as the storage tests do), a small loopback
stand-in for the Bot API that records every sendMessage, and N `mentor run` processes
in webhook mode. 100 users each write a four-step /preuve dialog; with two instances
their webhook calls alternate between the instances (so two updates of one user are
often handled by two processes). Prints the updates each instance handled (from its
/metrics), replies per second (first webhook call -> last reply), each instance's CPU
time, PostgreSQL's and this process's (the users and the Bot API stand-in), how busy
the machine's cores were meanwhile, the load average, and whether every dialog is
intact (each user's rows as the four steps leave them, every reply received, the inbox
empty).
Run: .venv/bin/python benchmarks/webhook_pair.py [--instances N] [--users N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cpu import cpu_seconds, machine, postgres_seconds  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import DialogState, PendingEvent  # noqa: E402
from tests.support.faults import Watch, mentor, mentor_env, new_pg_database  # noqa: E402
from tests.support.postgres import free_port, start_cluster  # noqa: E402

TOKEN = "7100004:BENCH-webhooks"
SECRET = "bench-secret-123"
STEPS = ["/preuve", "Atelier {n} : messagerie pour seniors", "hier", "Public {n} de la médiathèque"]
REPLIES_PER_USER = 5  # /preuve sends an introduction and a question; each step one question
BOT = {"id": 7100004, "is_bot": True, "first_name": "Mentor", "username": "MentorBenchBot"}


class BotApi:
    """Just enough of the Bot API on 127.0.0.1 (HTTP/1.1, kept alive): set-up calls
    answer true, sendMessage is recorded with the time it arrived."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, float]] = []
        self.expected = 0
        self.done = asyncio.Event()
        self.port = 0

    async def start(self) -> asyncio.Server:
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = int(server.sockets[0].getsockname()[1])
        return server

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                lines = head.decode("latin-1").split("\r\n")
                headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                method = lines[0].split()[1].rsplit("/", 1)[-1]
                payload = json.dumps({"ok": True, "result": self._answer(method, headers, body)})
                data = payload.encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def _answer(self, method: str, headers: dict[str, str], body: bytes) -> Any:
        if method == "getMe":
            return BOT
        if method != "sendMessage":
            return True
        if headers.get("content-type", "").startswith("application/json"):
            params = json.loads(body or b"{}")
        else:
            params = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        chat = str(params["chat_id"])
        self.sent.append((chat, time.perf_counter()))
        if len(self.sent) >= self.expected:
            self.done.set()
        return {
            "message_id": len(self.sent),
            "date": int(time.time()),
            "chat": {"id": int(chat), "type": "private"},
            "from": BOT,
            "text": str(params.get("text", "")),
        }


def update(update_id: int, user: int, text: str) -> dict[str, object]:
    person = {"id": user, "is_bot": False, "first_name": f"U{user}"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user, "type": "private", "first_name": f"U{user}"},
            "from": person,
            "text": text,
        },
    }


def handled(metrics: str) -> int:
    """Updates this instance handled, from its mentor_messages_handled counters."""
    found = re.findall(r"^mentor_messages_handled_total\{[^}]*\} ([0-9.e+]+)$", metrics, re.M)
    return int(sum(float(x) for x in found))


async def dialogs_intact(url: str, users: int) -> list[str]:
    """What is wrong with the dialogs in the database ([] when every one is intact)."""
    db = Database(url)
    problems: list[str] = []
    try:
        async with db.session() as session:
            states = (await session.execute(select(DialogState))).scalars().all()
            waiting = await session.scalar(select(func.count()).select_from(PendingEvent))
    finally:
        await db.dispose()
    if waiting:
        problems.append(f"{waiting} updates left in the inbox")
    if len(states) != users:
        problems.append(f"{len(states)} dialog rows for {users} users")
    for state in states:
        n = int(state.platform_user_id) - 10_000
        data = str(state.data)
        if state.step != "conditions" or STEPS[1].format(n=n) not in data:
            problems.append(f"user {n}: step {state.step!r}")
        elif STEPS[3].format(n=n) not in data:
            problems.append(f"user {n}: the audience is missing")
    return problems


async def run(instances: int, users: int) -> None:
    cluster = start_cluster()
    assert cluster is not None, "PostgreSQL binaries (initdb, pg_ctl) not found"
    api = BotApi()
    server = await api.start()
    procs: list[subprocess.Popen[str]] = []
    watches: list[Watch] = []
    try:
        url = await new_pg_database(cluster, "mentor")
        db = Database(url)
        await db.upgrade()
        await db.dispose()
        hooks, health = [], []
        for i in range(instances):
            hooks.append(free_port())
            health.append(free_port())
            env = mentor_env(
                url,
                Path(f"/tmp/mentor-pair-{i}"),
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_BASE_URL=api.base_url,
                TELEGRAM_WEBHOOK_URL=f"https://bot.example.invalid/hook{i}",
                TELEGRAM_WEBHOOK_PORT=str(hooks[i]),
                TELEGRAM_WEBHOOK_SECRET=SECRET,
                MENTOR_HEALTH_PORT=str(health[i]),
                MENTOR_DB_LOCK_TIMEOUT_SECONDS="10",
            )
            procs.append(mentor("run", env=env))
        watches += [Watch(p.stderr) for p in procs if p.stderr is not None]
        for watch in watches:  # waited for in a thread: this loop serves the Bot API
            started = await asyncio.to_thread(watch.wait_for, "Mentor en marche", 120)
            assert started, watch.text
        api.expected = users * REPLIES_PER_USER
        cpu_before = [cpu_seconds(p.pid) for p in procs]
        others_before = postgres_seconds(cluster.datadir), time.process_time(), machine()
        # aiohttp, not httpx: this process shares the machine with the instances, and
        # httpx's pool cost it more CPU per call than an instance spent per update.
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as client:

            async def one_user(n: int) -> None:
                for k, text in enumerate(STEPS):
                    target = (n + k) % instances  # every other call to the other instance
                    async with client.post(
                        f"http://127.0.0.1:{hooks[target]}/hook{target}",
                        json=update(n * 10 + k + 1, 10_000 + n, text.format(n=n)),
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                    ) as response:
                        response.raise_for_status()

            start = time.perf_counter()
            await asyncio.gather(*(one_user(n) for n in range(users)))
            with contextlib.suppress(TimeoutError):  # the figures then say what is missing
                await asyncio.wait_for(api.done.wait(), 300)
            cpu = [cpu_seconds(p.pid) - b for p, b in zip(procs, cpu_before, strict=True)]
            busy, total = (a - b for a, b in zip(machine(), others_before[2], strict=True))
            others = (
                postgres_seconds(cluster.datadir) - others_before[0],
                time.process_time() - others_before[1],
            )
            counts = []
            for h in health:
                async with client.get(f"http://127.0.0.1:{h}/metrics") as response:
                    counts.append(handled(await response.text()))
        problems = await dialogs_intact(url, users)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            await asyncio.to_thread(proc.wait, 30)
        server.close()
        cluster.stop()
    last = max(t for _, t in api.sent) if api.sent else float("nan")
    took = last - start
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"instances: {instances}, users: {users}, load average: {load}")
    print(f"updates handled by each instance: {counts} (sent {users * len(STEPS)})")
    print(
        f"replies: {len(api.sent)} of {api.expected}, {len(api.sent) / took:.1f} replies/s "
        f"({users * len(STEPS) / took:.1f} updates/s, last reply {took:.2f} s after the first call)"
    )
    spent = ", ".join(f"{c:.1f}" for c in cpu)
    per = 1000 / max(len(api.sent), 1)
    print(f"Mentor's CPU time: {sum(cpu) * per:.1f} ms per reply (seconds per instance: {spent})")
    print(
        f"  meanwhile PostgreSQL used {others[0]:.1f} s ({others[0] * per:.1f} ms per reply), "
        f"this process (users and Bot API stand-in) {others[1]:.1f} s "
        f"({others[1] * per:.1f} ms per reply); the machine's {os.cpu_count()} cores were "
        f"busy {busy / total:.0%} of the time (everyone's work included)"
    )
    print("dialogs intact" if not problems else f"dialogs NOT intact: {problems[:5]}")
    for i, watch in enumerate(watches):
        lines = [line for line in watch.lines if "Mentor en marche" not in line]
        if lines:
            print(f"instance {i} logged {len(lines)} lines, the first: {lines[:3]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--users", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(run(args.instances, args.users))
