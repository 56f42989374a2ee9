"""Each private chat's messages in order, once, across instances (Telegram webhook mode).

Behind a reverse proxy, two updates of one user may reach two instances at once; each
instance's per-chat lock (adapters/telegram/processor.py) cannot see the other. So on
PostgreSQL every update is first written to a per-chat inbox (the core-owned
pending_events table, so erasing a user drops what is still waiting), then drained under
a per-chat advisory lock, lowest update id first: whichever instance holds the lock
handles every update of that chat that has arrived, in order, each in the transaction
that removes it from the inbox. A redelivery is dropped by the handled_events check.
Replies are sent after the transaction (no transaction waits on the network), by the
instance that handled the update: a user who writes again before the previous reply has
arrived may see two replies swapped, but the dialog itself always sees their order.

SQLite serves one host and one process writes at a time: updates go straight through.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from bot.app import ERROR_REPLY, Mentor
from bot.messages import ChatKind, Incoming, Reply
from bot.ops import events
from bot.storage.models import PendingEvent
from bot.storage.types import utcnow

log = logging.getLogger(__name__)
MAX_DRAIN = 1000  # a bound: one call never handles more than this many updates
Handled = tuple[Incoming, list[Reply]]


def chat_lock_key(transport: str, chat_id: str) -> int:
    """A signed 64-bit advisory lock key for one chat."""
    digest = hashlib.blake2b(f"{transport}\x00{chat_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def ordered(mentor: Mentor, incoming: Incoming) -> bool:
    """Whether this update goes through the inbox (PostgreSQL, private chat)."""
    return mentor.db.is_postgres and not incoming.is_group


async def receive(mentor: Mentor, incoming: Incoming, seq: int) -> None:
    """Write the update to its chat's inbox (once); done before the webhook call is
    answered, so that an update acknowledged to Telegram is never behind a later one."""
    if not ordered(mentor, incoming):
        return
    incoming = incoming.sanitised()
    payload = asdict(incoming)
    payload["chat_kind"] = incoming.chat_kind.value
    async with mentor.db.session() as session:
        await session.execute(
            insert(PendingEvent)
            .values(
                transport=incoming.transport,  # event ids: zero-padded update numbers
                event_id=f"{seq:020d}",
                sender=incoming.user_id,
                chat_id=incoming.chat_id,
                payload=json.dumps(payload, ensure_ascii=False),
                received_at=utcnow(),
            )
            .on_conflict_do_nothing()
        )


async def drain(mentor: Mentor, incoming: Incoming) -> list[Handled]:
    """Handle every update of `incoming`'s chat waiting in the inbox, lowest first (none
    when another instance got there first); returns each with its replies."""
    if not ordered(mentor, incoming):
        return [(incoming, await mentor.handle(incoming))]
    handled: list[Handled] = []
    for _ in range(MAX_DRAIN):
        one = await _next(mentor, incoming.transport, incoming)
        if one is None:
            break
        handled.append(one)
    return handled


async def _next(mentor: Mentor, box: str, incoming: Incoming) -> Handled | None:
    async with mentor.db.session() as session:
        key = chat_lock_key(incoming.transport, incoming.chat_id)
        await session.execute(select(func.pg_advisory_xact_lock(key)))
        row = (
            await session.execute(
                select(PendingEvent)
                .where(PendingEvent.transport == box, PendingEvent.chat_id == incoming.chat_id)
                .order_by(PendingEvent.event_id)
                .limit(1)
            )
        ).scalar()
        if row is None:
            return None
        await session.delete(row)
        await session.flush()
        data = json.loads(row.payload)
        data["chat_kind"] = ChatKind(data["chat_kind"])
        waiting = Incoming(**data)
        with events.observe(waiting) as seen:
            try:
                async with session.begin_nested():
                    return waiting, await mentor.handle_in(session, waiting)
            except Exception as exc:  # the update leaves the inbox anyway: never a loop
                seen.outcome = events.failure(exc)
                log.exception("error while handling a message from %s", waiting.transport)
                return waiting, [ERROR_REPLY]
