"""Messages handled a few at a time, the event loop polled for I/O between them (issue 18).

A transport hands the core every message of a batch at once (the updates of one
getUpdates, the events of one Matrix sync): one task each, all ready together. asyncio
runs every ready task before it looks at the network again, and the handling of a
message hardly ever waits (SQLite runs inline, bot/storage/inline_sqlite.py), so the
reply of the first message of a batch of 80 left only after all 80 had been handled
(1.3 s of CPU), and the next getUpdates waited as long. Taking turns at a semaphore
changes none of the work, only its order: a task waiting for its turn is not ready, so
between two turns the loop sends the replies already made and reads what has arrived.

More than one turn at a time helps only while a handling waits on its database: on
PostgreSQL a few turns overlap the round trips; SQLite has one connection anyway.
Whoever takes a turn must hold no lock another handling may wait for (the webhook
inbox's per-chat advisory locks, bot/ordering.py, are taken without one): a lock holder
waiting for a turn, behind turn holders waiting for its lock, would never get one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from weakref import WeakKeyDictionary


class Turns:
    """`async with turns():` — at most `at_once` holders in each event loop, and a turn
    is handed on only in the loop's next round (after it has polled the network): handed
    on at once, the next task would run in the same round, a handling that never waits
    would never make another task wait, and nothing would change."""

    def __init__(self, at_once: int) -> None:
        self.at_once = at_once
        self._gates: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            WeakKeyDictionary()
        )

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:  # one per loop: a semaphore is bound to the loop it first waits in
            gate = self._gates[loop] = asyncio.Semaphore(self.at_once)
        await gate.acquire()
        try:
            yield
        finally:
            loop.call_soon(gate.release)
