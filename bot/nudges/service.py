"""The ticking service: enqueue due slots, claim them, send them at the transport's pace.

`tick()` is safe to run in several processes on one database: every state change is
a conditional update, so a slot is sent once. A database failure ends the wave at
once (nothing more is sent); what was already sent is kept in memory and recorded
at the next tick, and unsent claims are given back (README, "Delivery semantics").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select

from bot.answers.knowledge import KnowledgeBase
from bot.delivery import PermanentDeliveryError, Sender, TemporaryDeliveryError, is_idempotent
from bot.learning.signals import purge as purge_signals
from bot.messages import Reply
from bot.nudges import enqueue, outbox, outcomes, status
from bot.nudges.message import BUILDERS, BuildContext, Builder
from bot.nudges.outcomes import Record, TickReport
from bot.nudges.ratelimit import RateLimiter
from bot.settings import Settings
from bot.storage.database import STORAGE_ERRORS, Database, storage_problem
from bot.storage.models import ReminderSchedule
from bot.storage.types import utcnow
from bot.users import forget_old_events

log = logging.getLogger(__name__)

HANDLED_EVENTS_KEPT = timedelta(days=14)
MAX_ENQUEUE_PASSES = 1000  # a bound, so a schedule that cannot advance never spins a tick


def instance_name() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{secrets.token_hex(3)}"


__all__ = ["NudgeService", "TickReport", "instance_name"]


class NudgeService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        kb: KnowledgeBase,
        senders: Mapping[str, Sender],
        builders: Mapping[str, Builder] | None = None,
        instance: str | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.kb = kb
        self.senders = senders  # live: adapters register themselves after we are built
        self.builders = builders if builders is not None else BUILDERS
        self.instance = instance or instance_name()
        self.limiters: dict[str, RateLimiter] = {}
        self.last_report: TickReport | None = None
        self._ticking = asyncio.Lock()  # one tick at a time: recovery must not race a wave
        self._unrecorded: list[Record] = []  # outcomes the database could not take yet
        self._halt: Exception | None = None  # the storage error that stopped this wave
        self._stopping = False  # SIGTERM: finish the sends under way, start no new one

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.settings.mentor_nudge_grace_hours)

    def limiter(self, transport: str) -> RateLimiter:
        if transport not in self.limiters:
            self.limiters[transport] = RateLimiter(self.settings.send_rate(transport))
        return self.limiters[transport]

    def _lease(self, transports: list[str]) -> timedelta:
        """Long enough to send a whole batch at the slowest transport's pace, with margin."""
        slowest = min(self.settings.send_rate(t) for t in transports)
        batch_time = self.settings.mentor_nudge_batch_size / slowest
        return timedelta(seconds=self.settings.mentor_nudge_claim_seconds + 2 * batch_time)

    async def tick(self) -> TickReport:
        """One pass: enqueue what is due, then send until nothing claimable is left.

        Never raises for a database failure: the wave stops, the report says why.
        """
        async with self._ticking:
            report = TickReport()
            try:
                await self._recover(report)
                report.enqueued = await self.enqueue()
                async with self.db.session() as session:
                    report.expired = await outbox.expire_stale(
                        session, utcnow(), self.grace, self.settings.mentor_nudge_max_attempts
                    )
                    await forget_old_events(session, utcnow() - HANDLED_EVENTS_KEPT)
                    kept_days = self.settings.mentor_signal_retention_days
                    await purge_signals(session, utcnow(), kept_days)  # issue 17
                while not self._stopping:
                    batch = await self.claim_batch()
                    if not batch:
                        break
                    await self.deliver(batch, report)
            except STORAGE_ERRORS as exc:
                report.storage_error = exc
                with contextlib.suppress(*STORAGE_ERRORS):  # once: the failure may be brief
                    await self._recover(report)
                report.kept = len(self._unrecorded)
                log.warning(
                    "rappels : base de données indisponible, vague interrompue (%s) ; "
                    "%d résultat(s) d'envoi gardé(s) pour le prochain passage",
                    storage_problem(exc),
                    report.kept,
                )
            self.last_report = report
            return report

    def stop_soon(self) -> None:
        """The process is stopping: the wave ends after the sends already started."""
        self._stopping = True

    async def give_back(self) -> None:
        """Record what is kept in memory and release this instance's unsent claims, so
        that another instance sends them now rather than after the claim lease."""
        async with self._ticking:
            await self._recover(TickReport())

    async def _recover(self, report: TickReport) -> None:
        """Write the outcomes kept in memory, then give back the claims never sent."""
        async with self.db.session() as session:
            for record in self._unrecorded:
                await record(session, report)
            await outbox.release(session, self.instance)
        self._unrecorded.clear()

    async def claim_batch(self) -> list[outbox.Claimed]:
        """Claim up to one batch of due rows for the transports this instance can reach."""
        transports = sorted(self.senders)
        if not transports:
            return []
        async with self.db.session() as session:
            return await outbox.claim(
                session,
                self.instance,
                utcnow(),
                self.settings.mentor_nudge_batch_size,
                transports,
                self._lease(transports),
            )

    async def enqueue(self) -> int:
        kinds = list(self.builders)
        created = 0
        for _ in range(MAX_ENQUEUE_PASSES):
            async with self.db.session() as session:
                seen, new = await enqueue.enqueue_due(
                    session, utcnow(), self.grace, kinds, self.settings.mentor_nudge_batch_size
                )
            created += new
            if seen < self.settings.mentor_nudge_batch_size:
                break
        return created

    async def _prepare(
        self, batch: list[outbox.Claimed], report: TickReport
    ) -> list[tuple[outbox.Claimed, Reply]]:
        """Drop stale slots (edited, stopped or paused schedule) and build the messages."""
        ready: list[tuple[outbox.Claimed, Reply]] = []
        finals: list[tuple[int, str, str]] = []
        now = utcnow()
        # A write transaction: a builder may record what it used (the cohort post's tip).
        # On SQLite a read snapshot that later writes fails at once when another process
        # wrote meanwhile, and the post would be lost; building takes milliseconds and no
        # network call happens inside, so the write lock is held only briefly.
        async with self.db.session() as session:
            ids = {c.schedule_id for c in batch}
            rows = await session.execute(
                select(ReminderSchedule).where(ReminderSchedule.id.in_(ids))
            )
            schedules = {s.id: s for s in rows.scalars()}
            for claimed in batch:
                schedule = schedules.get(claimed.schedule_id)
                stale = self._stale(schedule, claimed)
                if stale is not None:
                    finals.append((claimed.id, stale, ""))
                    report.skipped += 1
                    continue
                assert schedule is not None
                builder = self.builders[schedule.kind]
                try:
                    reply = await builder(
                        BuildContext(session, schedule, claimed, self.kb, now, self.senders)
                    )
                except Exception as exc:
                    log.exception("cannot build nudge %s", claimed.id)
                    finals.append((claimed.id, status.FAILED, f"message : {exc!r}"))
                    report.failed += 1
                    continue
                if reply is None:
                    finals.append((claimed.id, status.CANCELLED, "plus rien à envoyer"))
                    report.skipped += 1
                    continue
                ready.append((claimed, reply))
        if finals:
            async with self.db.session() as session:
                for nudge_id, state, error in finals:
                    await outbox.mark_final(session, nudge_id, self.instance, state, error)
        return ready

    @staticmethod
    def _stale(schedule: ReminderSchedule | None, claimed: outbox.Claimed) -> str | None:
        if schedule is None or schedule.stopped:
            return status.CANCELLED
        if schedule.paused_until is not None and claimed.due_at < schedule.paused_until:
            return status.CANCELLED
        if schedule.version != claimed.schedule_version:
            return status.SUPERSEDED
        return None

    async def deliver(
        self, batch: list[outbox.Claimed], report: TickReport | None = None
    ) -> TickReport:
        """Send claimed rows; stale ones (schedule edited since) are superseded, not sent.

        Raises the first storage error met, once the sends under way have ended.
        """
        report = report or TickReport()
        self._halt = None
        ready = await self._prepare(batch, report)
        by_transport: dict[str, list[tuple[outbox.Claimed, Reply]]] = {}
        for claimed, reply in ready:
            by_transport.setdefault(claimed.transport, []).append((claimed, reply))
        await asyncio.gather(
            *(self._send_all(transport, items, report) for transport, items in by_transport.items())
        )
        if self._halt is not None:
            raise self._halt
        return report

    async def _send_all(
        self, transport: str, items: list[tuple[outbox.Claimed, Reply]], report: TickReport
    ) -> None:
        # A send that cannot be repeated safely (Telegram) goes one at a time, so a process
        # killed mid-wave leaves at most one message unconfirmed.
        parallel = is_idempotent(self.senders[transport]) if transport in self.senders else False
        gate = asyncio.Semaphore(self.settings.mentor_send_concurrency if parallel else 1)

        async def one(claimed: outbox.Claimed, reply: Reply) -> None:
            async with gate:
                await self.limiter(transport).acquire()
                if self._halt is not None or self._stopping:
                    return  # left claimed, given back by _recover
                await self._send_one(claimed, reply, report)

        await asyncio.gather(*(one(c, r) for c, r in items))

    async def _send_one(self, claimed: outbox.Claimed, reply: Reply, report: TickReport) -> None:
        sender = self.senders[claimed.transport]
        if not is_idempotent(sender) and not await self._mark_sending(claimed, report):
            return
        try:
            message_id = await sender.send(claimed.chat_id, reply, key=f"nudge-{claimed.id}")
        except TemporaryDeliveryError as exc:
            await self._temporary(claimed, exc, report)
            return
        except PermanentDeliveryError as exc:
            await self._permanent(claimed, str(exc) or exc.__class__.__name__, report)
            return
        except Exception as exc:  # an adapter bug: treat as temporary, bounded by attempts
            log.exception("unexpected error sending nudge %s", claimed.id)
            await self._temporary(claimed, TemporaryDeliveryError(repr(exc)), report)
            return
        await self._record(outcomes.sent(claimed, reply, str(message_id), self.instance), report)

    async def _mark_sending(self, claimed: outbox.Claimed, report: TickReport) -> bool:
        """True when the row is ours to send; a storage error stops the wave."""
        until = utcnow() + timedelta(seconds=self.settings.mentor_nudge_claim_seconds)
        try:
            async with self.db.session() as session:
                ok = await outbox.mark_sending(session, claimed.id, self.instance, until)
        except STORAGE_ERRORS as exc:
            self._halt = self._halt or exc
            return False
        if not ok:
            report.lost_claims += 1
        return ok

    async def _record(self, record: Record, report: TickReport) -> None:
        """Write an outcome now, or keep it for the next tick if the database fails."""
        if self._halt is None:
            try:
                async with self.db.session() as session:
                    await record(session, report)
                return
            except STORAGE_ERRORS as exc:
                self._halt = self._halt or exc
        self._unrecorded.append(record)

    async def _temporary(
        self, claimed: outbox.Claimed, exc: TemporaryDeliveryError, report: TickReport
    ) -> None:
        if exc.retry_after:
            self.limiter(claimed.transport).hold(exc.retry_after)
        settings = self.settings
        record = outcomes.temporary(
            claimed,
            exc,
            self.instance,
            settings.mentor_nudge_max_attempts,
            settings.mentor_nudge_retry_seconds,
        )
        await self._record(record, report)

    async def _permanent(self, claimed: outbox.Claimed, reason: str, report: TickReport) -> None:
        notices: list[outcomes.Notice] = []
        await self._record(outcomes.permanent(claimed, reason, self.instance, notices), report)
        for transport, chat_id, notice in notices:
            sender = self.senders.get(transport)
            if sender is None:
                continue
            try:
                await sender.send(chat_id, notice)
            except Exception:  # noqa: BLE001 (best effort: the schedule is already stopped and recorded)
                log.warning("could not tell %s:%s that a chat is gone", transport, chat_id)
