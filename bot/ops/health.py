"""What `/health`, `/ready` and `/metrics` say, from live checks rather than flags.

`/health` is 200 only when the database answers now, the scheduler ticked recently and
every configured transport is served (here, or by the live lease of another instance);
otherwise 503 and the JSON body lists each problem in one French line, for whoever is
on call. Gauges that need the database (outbox backlog, leases) are refreshed here, at
scrape time, so that an idle instance still reports fresh values.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text

from bot.nudges import status
from bot.ops import metrics
from bot.storage.database import STORAGE_ERRORS, Database, storage_problem
from bot.storage.models import Nudge, TransportLease
from bot.storage.types import utcnow

DB_TIMEOUT = 3.0  # seconds: a health probe must answer well before its own timeout
PROBE_ERRORS: tuple[type[Exception], ...] = (TimeoutError, *STORAGE_ERRORS)


@dataclass
class Probe:
    """The moving parts `mentor run` hands over; the lists are live (read at each call)."""

    db: Database
    instance: str
    configured: Sequence[str]  # transports whose settings are present
    served: Sequence[str]  # transports running in this process
    tick_seconds: float
    scheduler_running: Callable[[], bool]
    last_tick: Callable[[], datetime | None]
    started_at: datetime = field(default_factory=utcnow)
    now: Callable[[], datetime] = utcnow  # tests give a fixed clock

    @property
    def tick_window(self) -> timedelta:
        """How old the last tick may be: three periods, at least five minutes."""
        return timedelta(seconds=max(3 * self.tick_seconds, 300))

    async def health(self) -> tuple[bool, dict[str, Any]]:
        problems: list[str] = []
        now = self.now()
        leases: dict[str, TransportLease] = {}
        try:
            leases = await asyncio.wait_for(self._leases(), DB_TIMEOUT)
            database = "ok"
        except PROBE_ERRORS as exc:
            metrics.DATABASE_ERRORS.labels("health").inc()
            reason = "délai dépassé" if isinstance(exc, TimeoutError) else storage_problem(exc)
            database = f"injoignable : {reason}"
            problems.append(f"base de données {database}")
        scheduler = self._scheduler(now, problems)
        transports = {
            name: self._transport(name, leases, now, problems) for name in self.configured
        }
        last = self.last_tick()
        body = {
            "status": "degraded" if problems else "ok",
            "instance": self.instance,
            "problems": problems,
            "database": database,
            "scheduler": scheduler,
            "last_tick": last.isoformat() if last else None,
            "transports": transports,
        }
        return not problems, body

    def _scheduler(self, now: datetime, problems: list[str]) -> str:
        if not self.scheduler_running():
            problems.append("planificateur des rappels arrêté")
            return "stopped"
        last = self.last_tick() or self.started_at
        if now - last > self.tick_window:
            minutes = int((now - last).total_seconds() // 60)
            problems.append(f"planificateur des rappels sans passage depuis {minutes} min")
            return "late"
        return "running"

    def _transport(
        self, name: str, leases: dict[str, TransportLease], now: datetime, problems: list[str]
    ) -> str:
        if name in self.served:
            return "served here"
        lease = leases.get(name)
        if lease is not None and lease.expires_at > now:
            return f"served by {lease.owner}"
        problems.append(f"{name} n'est servi par aucune instance")
        return "unserved"

    async def _leases(self) -> dict[str, TransportLease]:
        async with self.db.session() as session:
            await session.execute(text("SELECT 1"))
            rows = (await session.execute(select(TransportLease))).scalars()
            leases = {row.transport: row for row in rows}
        now = utcnow()
        for name in self.configured:
            lease = leases.get(name)
            held = lease is not None and lease.owner == self.instance and lease.expires_at > now
            metrics.LEASE_HELD.labels(name).set(1 if held else 0)
        return leases

    async def ready(self) -> tuple[bool, dict[str, Any]]:
        """Started: the transports run and the database answers (no tick needed yet)."""
        try:
            await asyncio.wait_for(self._ping(), DB_TIMEOUT)
        except PROBE_ERRORS:
            return False, {"status": "starting", "database": "injoignable"}
        return True, {"status": "ready", "transports": list(self.served)}

    async def _ping(self) -> None:
        async with self.db.session() as session:
            await session.execute(text("SELECT 1"))

    async def refresh_gauges(self) -> None:
        """Outbox backlog and lease gauges; a failing database leaves them as they were."""
        try:
            await asyncio.wait_for(self._refresh(), DB_TIMEOUT)
        except PROBE_ERRORS:
            metrics.DATABASE_ERRORS.labels("metrics").inc()

    async def _refresh(self) -> None:
        now = utcnow()
        due = (Nudge.status.in_(status.OPEN[:2])) & (Nudge.due_at <= now)
        async with self.db.session() as session:
            count = (await session.execute(select(func.count()).where(due))).scalar_one()
            oldest = (
                await session.execute(
                    select(Nudge.due_at).where(due).order_by(Nudge.due_at).limit(1)
                )
            ).scalar()
        metrics.OUTBOX_BACKLOG.set(count)
        metrics.OUTBOX_OLDEST.set((now - oldest).total_seconds() if oldest else 0)
        await self._leases()
