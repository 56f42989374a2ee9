"""APScheduler as a clock only: one interval job that calls `tick()`.

Memory job store, fixed job id, coalescing and one instance at a time: the job
holds no state, so nothing is ever pickled and a restart loses nothing — the
schedules and the outbox in the database are the truth.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

JOB_ID = "mentor-nudges-tick"
log = logging.getLogger(__name__)


class Ticking(Protocol):
    async def tick(self) -> object: ...


class Clock:
    """Ticks `service` every `every_seconds`, the first time right away.

    `stop()` lets a running tick finish before shutting the scheduler down, so the
    database is never closed under a tick (APScheduler would cancel it mid-query).
    """

    def __init__(self, service: Ticking, every_seconds: float) -> None:
        self.service = service
        self._idle = asyncio.Event()
        self._idle.set()
        self._stopping = False
        self.scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()},
            executors={"default": AsyncIOExecutor()},
            timezone=UTC,
        )
        self.scheduler.add_job(
            self._tick,
            "interval",
            seconds=every_seconds,
            id=JOB_ID,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )

    @property
    def running(self) -> bool:
        return bool(self.scheduler.running)

    @property
    def idle(self) -> bool:
        """No tick is running (a stop may then release what the service claimed)."""
        return self._idle.is_set()

    async def _tick(self) -> None:
        if self._stopping:
            return
        self._idle.clear()
        try:
            await self.service.tick()
        except Exception:
            log.exception("nudge tick failed; the next tick will retry")
        finally:
            self._idle.set()

    def start(self) -> None:
        self.scheduler.start()

    async def stop(self, timeout: float = 60.0) -> None:  # noqa: ASYNC109 - a grace period whose expiry is not an error (asyncio.timeout would raise)
        if not self.scheduler.running:
            return
        self._stopping = True
        self.scheduler.pause()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)
        self.scheduler.shutdown(wait=False)
        await asyncio.sleep(0)  # AsyncIOScheduler shuts down in a loop callback
