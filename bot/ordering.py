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

from sqlalchemy import BigInteger, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter

from bot.app import ERROR_REPLY, Mentor
from bot.messages import ChatKind, Incoming, Reply
from bot.ops import events
from bot.storage.models import PendingEvent
from bot.storage.types import rowcount, utcnow

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


_BOX: BindParameter[str] = bindparam("box")
_CHAT: BindParameter[str] = bindparam("chat")
_INBOX = aliased(PendingEvent, name="inbox")  # the subqueries' own view of the table
# Built once (building and keying a statement cost more than running it), run through Core.
_STORE = (
    insert(PendingEvent)
    .values(
        transport=_BOX,
        event_id=bindparam("event_id"),
        sender=bindparam("sender"),
        chat_id=_CHAT,
        payload=bindparam("payload"),
        received_at=bindparam("at"),
    )
    .on_conflict_do_nothing()
)
_LOCK = select(func.pg_advisory_xact_lock(bindparam("key", type_=BigInteger)))
# The chat's oldest update leaves the inbox, and says how many were waiting with it (the
# subquery sees the statement's snapshot, the row being deleted included).
_POP = (
    delete(PendingEvent)
    .where(
        PendingEvent.transport == _BOX,
        PendingEvent.event_id
        == select(_INBOX.event_id)
        .where(_INBOX.transport == _BOX, _INBOX.chat_id == _CHAT)
        .order_by(_INBOX.event_id)
        .limit(1)
        .scalar_subquery(),
    )
    .returning(
        PendingEvent.event_id,
        PendingEvent.payload,
        select(func.count())
        .select_from(_INBOX)
        .where(_INBOX.transport == _BOX, _INBOX.chat_id == _CHAT)
        .scalar_subquery()
        .label("waiting"),
    )
)
_DROP = delete(PendingEvent).where(
    PendingEvent.transport == _BOX, PendingEvent.event_id == bindparam("event_id")
)


async def receive(mentor: Mentor, incoming: Incoming, seq: int) -> None:
    """Write the update to its chat's inbox (once); done before the webhook call is
    answered, so that an update acknowledged to Telegram is never behind a later one."""
    if not ordered(mentor, incoming):
        return
    incoming = incoming.sanitised()
    payload = asdict(incoming)
    payload["chat_kind"] = incoming.chat_kind.value
    async with mentor.db.session() as session:
        connection = await session.connection()
        await connection.execute(
            _STORE,
            {
                "box": incoming.transport,
                "event_id": f"{seq:020d}",  # zero-padded update numbers: sorted as numbers
                "sender": incoming.user_id,
                "chat": incoming.chat_id,
                "payload": json.dumps(payload, ensure_ascii=False),
                "at": utcnow(),
            },
        )


async def drain(mentor: Mentor, incoming: Incoming) -> list[Handled]:
    """Handle every update of `incoming`'s chat waiting in the inbox, lowest first (none
    when another instance got there first); returns each with its replies."""
    if not ordered(mentor, incoming):
        return [(incoming, await mentor.handle(incoming))]
    handled: list[Handled] = []
    for _ in range(MAX_DRAIN):
        one, more = await _next(mentor, incoming)
        if one is not None:
            handled.append(one)
        if not more:
            break
    return handled


def _decode(payload: str) -> Incoming:
    data = json.loads(payload)
    data["chat_kind"] = ChatKind(data["chat_kind"])
    return Incoming(**data)


async def _next(mentor: Mentor, incoming: Incoming) -> tuple[Handled | None, bool]:
    """The chat's oldest waiting update handled in the transaction that takes it out of the
    inbox, and whether more were waiting. One transaction per update: when none was
    left, an update stored after our snapshot is drained by its own receiver, who waits
    for our lock. A handling that raises is rolled back and the update dropped on its own
    (it must never come back in a loop)."""
    params = {"box": incoming.transport, "chat": incoming.chat_id}
    failed: tuple[Incoming, str] | None = None
    try:
        async with mentor.db.session() as session:
            connection = await session.connection()
            await connection.execute(_LOCK, {"key": chat_lock_key(*params.values())})
            row = (await connection.execute(_POP, params)).one_or_none()
            if row is None:
                return None, False
            waiting = _decode(row.payload)
            with events.observe(waiting) as seen:
                try:
                    return (waiting, await mentor.handle_in(session, waiting)), row.waiting > 1
                except Exception as exc:
                    seen.outcome = events.failure(exc)
                    log.exception("error while handling a message from %s", waiting.transport)
                    failed = waiting, row.event_id
                    raise
    except Exception:
        if failed is None:
            raise
    waiting, event_id = failed
    async with mentor.db.session() as session:
        connection = await session.connection()
        await connection.execute(_LOCK, {"key": chat_lock_key(*params.values())})
        result = await connection.execute(_DROP, {"box": incoming.transport, "event_id": event_id})
    return ((waiting, [ERROR_REPLY]) if rowcount(result) else None), True
