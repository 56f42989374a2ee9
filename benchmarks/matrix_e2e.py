"""Reply latency through a real Synapse: Mentor's Matrix adapter vs a bare matrix-nio echo bot.

Run: .venv/bin/python benchmarks/matrix_e2e.py [--rounds 30]
Both bots run side by side against the same homeserver, in a clear and in an encrypted
direct chat; a matrix-nio user sends a question and waits for the reply. Prints the
median and p95 for each, and Mentor / echo as ratios (target ≤ 1.2).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nio import (  # noqa: E402
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    LoginResponse,
    MatrixRoom,
    RoomMessageText,
)

from adapters.matrix import MatrixAdapter  # noqa: E402
from bot.app import Mentor  # noqa: E402
from tests.e2e.matrix.conftest import bot_settings  # noqa: E402
from tests.e2e.matrix.synapse import Synapse, ensure_synapse  # noqa: E402
from tests.e2e.matrix.user import PASSWORD, UserClient  # noqa: E402

QUESTION = "c'est quoi le CCP1 ?"


class EchoBot:
    """The baseline: matrix-nio's documented callback + sync_forever pattern, nothing else."""

    def __init__(self, homeserver: str, user_id: str, store: Path) -> None:
        store.mkdir(parents=True, exist_ok=True)
        config = AsyncClientConfig(encryption_enabled=True, pickle_key="bench")
        self.client = AsyncClient(homeserver, user_id, store_path=str(store), config=config)
        self.task: asyncio.Task[Any] | None = None

    async def on_invite(self, room: MatrixRoom, event: InviteMemberEvent) -> None:
        if event.state_key == self.client.user_id and event.membership == "invite":
            await self.client.join(room.room_id)

    async def on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if event.sender != self.client.user_id:
            content = {"msgtype": "m.text", "body": event.body}
            await self.client.room_send(
                room.room_id, "m.room.message", content, ignore_unverified_devices=True
            )

    async def start(self) -> None:
        resp = await self.client.login(PASSWORD)
        assert isinstance(resp, LoginResponse), resp
        await self.client.sync(timeout=0, full_state=True)
        self.client.add_event_callback(self.on_invite, InviteMemberEvent)  # type: ignore[arg-type]
        self.client.add_event_callback(self.on_message, RoomMessageText)  # type: ignore[arg-type]
        self.task = asyncio.create_task(self.client.sync_forever(timeout=30_000))

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        await self.client.close()


async def measure(user: UserClient, room: str, bot_id: str, rounds: int) -> list[float]:
    await user.wait_joined(room, bot_id)
    await user.send(room, "bonjour")  # warm-up: Olm sessions, caches
    await user.wait_for(room, bot_id, count=len(user.from_sender(room, bot_id)) + 1)
    samples = []
    for _ in range(rounds):
        before = len(user.from_sender(room, bot_id))
        started = time.perf_counter()
        await user.send(room, QUESTION)
        await user.wait_for(room, bot_id, count=before + 1)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


async def main(rounds: int) -> None:
    installed = ensure_synapse()
    work = Path(tempfile.mkdtemp(prefix="mentor-bench-"))
    synapse = Synapse.create(work / "synapse")
    synapse.start()
    try:
        mentor_id = synapse.register("mentor", PASSWORD)
        echo_id = synapse.register("echo", PASSWORD)
        user_id = synapse.register("camille", PASSWORD)
        settings = bot_settings(synapse, work / "mentor", mentor_id)
        mentor = Mentor.create(settings)
        await mentor.start()
        adapter = MatrixAdapter(mentor, settings)
        await adapter.start()
        echo = EchoBot(synapse.url, echo_id, work / "echo")
        await echo.start()
        user = UserClient(synapse.url, user_id, work / "user")
        await user.login()
        results: dict[tuple[str, str], tuple[float, float]] = {}
        for encrypted in (False, True):
            label = "encrypted" if encrypted else "clear"
            for name, bot_id in (("echo", echo_id), ("mentor", mentor_id)):
                room = await user.create_room([bot_id], direct=True, encrypted=encrypted)
                if name == "mentor":
                    await user.wait_for(room, bot_id)  # the welcome
                results[(label, name)] = summary(await measure(user, room, bot_id, rounds))
        print(f"Synapse install: {installed:.1f} s (0 = already installed); {rounds} rounds each")
        print(f"{'room':<10} {'bot':<7} {'median ms':>10} {'p95 ms':>8}")
        for (label, name), (median, p95) in results.items():
            print(f"{label:<10} {name:<7} {median:>10.1f} {p95:>8.1f}")
        for label in ("clear", "encrypted"):
            (m_med, m_p95), (e_med, e_p95) = results[(label, "mentor")], results[(label, "echo")]
            print(
                f"ratio {label:<9} median {m_med / e_med:.2f}  p95 {m_p95 / e_p95:.2f}"
                "  (target ≤ 1.2)"
            )
        await user.close()
        await echo.stop()
        await adapter.stop()
        await mentor.stop()
    finally:
        synapse.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))
