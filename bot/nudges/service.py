"""The ticking service: enqueue due slots, claim them, send them at the transport's pace.

`tick()` is safe to run concurrently, in one process or in several on one
database: every state change is a conditional update, so a slot is sent once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import dialogs
from bot.answers.knowledge import KnowledgeBase
from bot.delivery import PermanentDeliveryError, Sender, TemporaryDeliveryError
from bot.messages import Incoming, Reply
from bot.nudges import outbox, status
from bot.nudges.message import BUILDERS, ON_GONE, BuildContext, Builder
from bot.nudges.ratelimit import RateLimiter
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import Identity, ReminderSchedule
from bot.storage.types import utcnow
from bot.users import forget_old_events

log = logging.getLogger(__name__)

HANDLED_EVENTS_KEPT = timedelta(days=14)
MAX_BACKOFF = timedelta(hours=1)
MAX_ENQUEUE_PASSES = 1000  # a bound, so a schedule that cannot advance never spins a tick


def instance_name() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass
class TickReport:
    enqueued: int = 0
    expired: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0  # superseded or cancelled at send time
    lost_claims: int = 0  # our claim expired and another instance took the row
    at: datetime = field(default_factory=utcnow)


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
        """One pass: enqueue what is due, then send until nothing claimable is left."""
        report = TickReport()
        report.enqueued = await self.enqueue()
        async with self.db.session() as session:
            report.expired = await outbox.expire_stale(
                session, utcnow(), self.grace, self.settings.mentor_nudge_max_attempts
            )
            await forget_old_events(session, utcnow() - HANDLED_EVENTS_KEPT)
        while True:
            batch = await self.claim_batch()
            if not batch:
                break
            await self.deliver(batch, report)
        self.last_report = report
        return report

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
                seen, new = await outbox.enqueue_due(
                    session, utcnow(), self.grace, kinds, self.settings.mentor_nudge_batch_size
                )
            created += new
            if seen < self.settings.mentor_nudge_batch_size:
                break
        return created

    async def _prepare(
        self, batch: list[outbox.Claimed], report: TickReport
    ) -> list[tuple[outbox.Claimed, Reply]]:
        """Drop stale slots (edited, stopped or paused schedule) and build the messages.

        Reading and writing use separate transactions: on SQLite a read snapshot that
        later tries to write fails at once instead of waiting for the lock.
        """
        ready: list[tuple[outbox.Claimed, Reply]] = []
        finals: list[tuple[int, str, str]] = []
        now = utcnow()
        async with self.db.session() as session:
            ids = {c.schedule_id for c in batch}
            rows = await session.execute(
                select(ReminderSchedule).where(ReminderSchedule.id.in_(ids))
            )
            schedules = {s.id: s for s in rows.scalars()}
            for claimed in batch:
                schedule = schedules.get(claimed.schedule_id)
                stale = self._stale(schedule, claimed, now)
                if stale is not None:
                    finals.append((claimed.id, stale, ""))
                    report.skipped += 1
                    continue
                assert schedule is not None
                builder = self.builders[schedule.kind]
                try:
                    reply = await builder(BuildContext(session, schedule, claimed, self.kb, now))
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
    def _stale(
        schedule: ReminderSchedule | None, claimed: outbox.Claimed, now: datetime
    ) -> str | None:
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
        """Send claimed rows; stale ones (schedule edited since) are superseded, not sent."""
        report = report or TickReport()
        ready = await self._prepare(batch, report)
        by_transport: dict[str, list[tuple[outbox.Claimed, Reply]]] = {}
        for claimed, reply in ready:
            by_transport.setdefault(claimed.transport, []).append((claimed, reply))
        await asyncio.gather(
            *(self._send_all(transport, items, report) for transport, items in by_transport.items())
        )
        return report

    async def _send_all(
        self, transport: str, items: list[tuple[outbox.Claimed, Reply]], report: TickReport
    ) -> None:
        gate = asyncio.Semaphore(self.settings.mentor_send_concurrency)

        async def one(claimed: outbox.Claimed, reply: Reply) -> None:
            async with gate:
                await self.limiter(transport).acquire()
                await self._send_one(claimed, reply, report)

        await asyncio.gather(*(one(c, r) for c, r in items))

    async def _send_one(self, claimed: outbox.Claimed, reply: Reply, report: TickReport) -> None:
        sender = self.senders[claimed.transport]
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
        async with self.db.session() as session:
            ok = await outbox.mark_sent(
                session, claimed.id, self.instance, str(message_id), utcnow()
            )
            if ok and reply.choices:
                await self._remember_choices(session, claimed, reply)
        if ok:
            report.sent += 1
        else:
            report.lost_claims += 1
            log.warning("nudge %s was sent but its claim had expired", claimed.id)

    @staticmethod
    async def _remember_choices(
        session: AsyncSession, claimed: outbox.Claimed, reply: Reply
    ) -> None:
        """Record the nudge's choices for its owner, as for any reply, so that on
        transports without buttons (Matrix, console) typing "1", "2"… answers them."""
        stmt = (
            select(Identity.platform_user_id)
            .join(ReminderSchedule, ReminderSchedule.user_id == Identity.user_id)
            .where(
                ReminderSchedule.id == claimed.schedule_id,
                Identity.transport == claimed.transport,
            )
        )
        platform_user_id = (await session.execute(stmt)).scalars().first()
        if platform_user_id is None:
            return
        owner = Incoming(claimed.transport, claimed.chat_id, platform_user_id)
        await dialogs.remember_choices(session, owner, list(reply.choices))

    async def _temporary(
        self, claimed: outbox.Claimed, exc: TemporaryDeliveryError, report: TickReport
    ) -> None:
        retry_after = exc.retry_after or 0.0
        if retry_after:
            self.limiter(claimed.transport).hold(retry_after)
        async with self.db.session() as session:
            if claimed.attempts >= self.settings.mentor_nudge_max_attempts:
                await outbox.mark_final(
                    session, claimed.id, self.instance, status.FAILED, f"temporaire : {exc}"
                )
                report.failed += 1
                return
            base = self.settings.mentor_nudge_retry_seconds * 2 ** (claimed.attempts - 1)
            delay = min(timedelta(seconds=max(base, retry_after)), MAX_BACKOFF)
            await outbox.mark_retry(
                session, claimed.id, self.instance, utcnow() + delay, f"temporaire : {exc}"
            )
            report.retried += 1

    async def _permanent(self, claimed: outbox.Claimed, reason: str, report: TickReport) -> None:
        log.info("stopping schedule %s: %s", claimed.schedule_id, reason)
        notices: list[tuple[str, str, Reply]] = []
        async with self.db.session() as session:
            await outbox.mark_final(session, claimed.id, self.instance, status.FAILED, reason)
            await outbox.stop_schedule(session, claimed.schedule_id, reason, utcnow())
            schedule = await session.get(ReminderSchedule, claimed.schedule_id)
            on_gone = ON_GONE.get(schedule.kind) if schedule is not None else None
            if on_gone is not None:
                notices = await on_gone(session, claimed.transport, claimed.chat_id)
        report.failed += 1
        for transport, chat_id, notice in notices:
            sender = self.senders.get(transport)
            if sender is None:
                continue
            try:
                await sender.send(chat_id, notice)
            except Exception:  # best effort: the schedule is already stopped and recorded
                log.warning("could not tell %s:%s that a chat is gone", transport, chat_id)
