"""A stop that fits in the orchestrator's grace period (`docker stop` kills after 10 s).

Each step gets what is left of one budget; a step that overruns is abandoned with one
log line, and the process still exits in time. Order matters: stop answering health
checks and taking updates (the transports' `stop_receiving`), let the reminder send
under way end (it needs its transport), let in-flight updates finish (the transports'
own stop), then hand back claims and leases so that another instance takes over at once
rather than when they lapse.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable

log = logging.getLogger(__name__)

STOP_BUDGET = 9.0  # seconds, under the usual 10 s before SIGKILL


class Budget:
    def __init__(self, seconds: float = STOP_BUDGET) -> None:
        self.end = time.monotonic() + seconds

    def left(self, cap: float | None = None, keep: float = 0.0) -> float:
        """Seconds left, minus `keep` for the steps after this one, at most `cap`."""
        seconds = max(0.05, self.end - time.monotonic() - keep)
        return min(seconds, cap) if cap is not None else seconds


async def bounded(what: str, step: Awaitable[object], seconds: float) -> bool:
    """Run one stop step for at most `seconds`; False when it failed or overran."""
    try:
        await asyncio.wait_for(step, seconds)
    except TimeoutError:
        log.warning("arrêt : %s abandonné après %.1f s", what, seconds)
        return False
    except Exception:
        log.exception("arrêt : %s a échoué", what)
        return False
    return True
