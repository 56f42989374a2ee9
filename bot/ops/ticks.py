"""The nudge clock's tick, measured: reminder outcomes and scheduler lag as metrics."""

from __future__ import annotations

import time
from typing import Any, Protocol

from bot.ops import metrics


class _Service(Protocol):
    async def tick(self) -> Any: ...


class MeasuredTicks:
    """Stands between the Clock and the NudgeService (the Clock's `Ticking`)."""

    def __init__(self, service: _Service, every_seconds: float) -> None:
        self.service = service
        self.every = every_seconds
        self._last_start: float | None = None

    async def tick(self) -> Any:
        start = time.monotonic()
        if self._last_start is not None:
            metrics.SCHEDULER_LAG.set(max(0.0, start - self._last_start - self.every))
        self._last_start = start
        report = await self.service.tick()
        metrics.record_tick(report)
        metrics.SCHEDULER_LAST_TICK.set(time.time())
        return report
