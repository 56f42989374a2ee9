"""Per-chat conversation state kept in the database, read on every message.

A restart loses nothing, and two presses of one button race on the `token`
column: only the first conditional update wins, the second is told it is stale.
A flow's data is typed (bot.dialog_state): a row that does not read back as its
model is no flow at all, and `broken_flow` clears it so the user can be told.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import choices, dialog_writes
from bot.dialog_state import FlowData, load
from bot.messages import Choice, Incoming
from bot.storage.models import DialogState
from bot.storage.types import rowcount, utcnow


@dataclass(frozen=True, slots=True)
class Flow:
    """A snapshot of the running flow (None when the row only keeps choices)."""

    flow: str
    step: str
    data: FlowData
    token: str
    expires_at: datetime


def new_token() -> str:
    return secrets.token_hex(4)


def _key(incoming: Incoming) -> tuple[str, str, str]:
    return incoming.transport, incoming.chat_id, incoming.user_id


_CACHE = "mentor.dialog_rows"


async def _row(session: AsyncSession, incoming: Incoming) -> DialogState | None:
    """The chat's state row, read once per unit of work (several steps consult it)."""
    cache: dict[tuple[str, str, str], DialogState | None] = session.info.setdefault(_CACHE, {})
    key = _key(incoming)
    if key in cache:
        return cache[key]
    transport, chat, user = key
    stmt = select(DialogState).where(
        DialogState.transport == transport,
        DialogState.chat_id == chat,
        DialogState.platform_user_id == user,
    )
    row = (await session.execute(stmt)).scalar_one_or_none()
    cache[key] = row
    return row


def prime(session: AsyncSession, incoming: Incoming, row: DialogState | None) -> None:
    """The chat's row (or its absence) as the caller read it in this unit of work
    (bot/message_rows.py), so that no step reads it again."""
    session.info.setdefault(_CACHE, {})[_key(incoming)] = row


def _forget(session: AsyncSession, incoming: Incoming) -> None:
    """After a conditional UPDATE the cached row is stale: reload it on next use."""
    row = session.info.get(_CACHE, {}).pop(_key(incoming), None)
    if row is not None:
        session.expire(row)


async def _ensure_row(session: AsyncSession, incoming: Incoming) -> DialogState:
    row = await _row(session, incoming)
    if row is not None:
        return row
    try:
        async with session.begin_nested():
            row = DialogState(**_blank_row(incoming, utcnow(), []))
            session.add(row)
            await session.flush()
    except IntegrityError:
        _forget(session, incoming)
        row = await _row(session, incoming)
        assert row is not None
    session.info.setdefault(_CACHE, {})[_key(incoming)] = row
    return row


async def current_flow(session: AsyncSession, incoming: Incoming) -> Flow | None:
    row = await _row(session, incoming)
    if row is None or not row.flow:
        return None
    if row.expires_at <= utcnow():
        return None
    data = load(row.flow, row.data)
    if data is None:
        return None
    return Flow(row.flow, row.step, data, row.token, row.expires_at)


async def broken_flow(session: AsyncSession, incoming: Incoming) -> bool:
    """Whether a running flow's data is of an older version or damaged (and clears it)."""
    row = await _row(session, incoming)
    if row is None or not row.flow or row.expires_at <= utcnow():
        return False
    if load(row.flow, row.data) is not None:
        return False
    row.flow, row.step, row.data, row.token = "", "", {}, new_token()
    return True


async def expired_flow(session: AsyncSession, incoming: Incoming) -> str | None:
    """The name of a flow that timed out (and clears it), so the user can be told."""
    row = await _row(session, incoming)
    if row is None or not row.flow or row.expires_at > utcnow():
        return None
    name = row.flow
    row.flow, row.step, row.data, row.token = "", "", {}, new_token()
    return name


async def start_flow(
    session: AsyncSession,
    incoming: Incoming,
    step: str,
    data: FlowData,
    ttl: timedelta,
) -> str:
    row = await _ensure_row(session, incoming)
    row.flow, row.step, row.data = data.FLOW, step, data.to_row()
    row.choices = []  # a new dialog: its choices are numbered afresh (bot.choices)
    row.token = new_token()
    row.expires_at = utcnow() + ttl
    await session.flush()
    return row.token


async def advance(
    session: AsyncSession,
    incoming: Incoming,
    expected_token: str,
    step: str,
    data: FlowData,
    ttl: timedelta,
) -> str | None:
    """Move to `step` only if nobody moved first; returns the new token or None if stale."""
    transport, chat, user = _key(incoming)
    token = new_token()
    result = await session.execute(
        update(DialogState)
        .where(
            DialogState.transport == transport,
            DialogState.chat_id == chat,
            DialogState.platform_user_id == user,
            DialogState.token == expected_token,
        )
        .values(step=step, data=data.to_row(), token=token, expires_at=utcnow() + ttl)
        .execution_options(synchronize_session=False)
    )
    _forget(session, incoming)
    return token if rowcount(result) == 1 else None


async def finish(session: AsyncSession, incoming: Incoming, expected_token: str | None) -> bool:
    """End the flow; False if another message ended or moved it first."""
    transport, chat, user = _key(incoming)
    stmt = update(DialogState).where(
        DialogState.transport == transport,
        DialogState.chat_id == chat,
        DialogState.platform_user_id == user,
    )
    if expected_token is not None:
        stmt = stmt.where(DialogState.token == expected_token)
    result = await session.execute(
        stmt.values(flow="", step="", data={}, token=new_token()).execution_options(
            synchronize_session=False
        )
    )
    _forget(session, incoming)
    return rowcount(result) == 1


async def pending_choices(
    session: AsyncSession, incoming: Incoming, within: timedelta | None = None
) -> list[Choice]:
    """The choices last offered in this chat to this person, with the numbers shown;
    with `within`, only if offered that recently (a room moves on)."""
    row = await _row(session, incoming)
    if row is None:
        return []
    shown, _memory, at = choices.load(row.choices)
    if within is not None and (at is None or at < utcnow() - within):
        return []
    return shown


async def offer_choices(
    session: AsyncSession, incoming: Incoming, offered: list[Choice]
) -> list[Choice]:
    """Number the choices of one message (stable within the running flow, bot.choices)
    and keep them for a typed answer; returns them numbered, in order."""
    row = await _row(session, incoming)
    if not offered:
        if row is not None and row.choices:
            memory = choices.load(row.choices)[1]
            await dialog_writes.keep_choices(
                session, row, choices.dump([], memory, utcnow()) if row.flow else []
            )
        return []
    if row is None:  # the chat's first choices: one INSERT (no savepoint, no UPDATE)
        memory = choices.load([])[1]
        numbered = choices.assign(offered, memory, "")
        await _insert_choices(session, incoming, choices.dump(numbered, memory, utcnow()))
        return numbered
    memory = choices.load(row.choices)[1]
    numbered = choices.assign(offered, memory, row.flow if row.expires_at > utcnow() else "")
    await dialog_writes.keep_choices(session, row, choices.dump(numbered, memory, utcnow()))
    return numbered


def _blank_row(incoming: Incoming, now: datetime, stored: object) -> dict[str, object]:
    """The columns of a chat's dialog row with no flow running, holding `stored` choices."""
    transport, chat, user = _key(incoming)
    return {
        "transport": transport,
        "chat_id": chat,
        "platform_user_id": user,
        "flow": "",
        "step": "",
        "data": {},
        "choices": stored,
        "token": new_token(),
        "expires_at": now,
    }


async def _insert_choices(session: AsyncSession, incoming: Incoming, stored: object) -> None:
    """A dialog row holding only choices; or, if a concurrent message just made the row,
    its choices replaced (bot.dialog_writes: one statement built once)."""
    await dialog_writes.insert_row(session, _blank_row(incoming, utcnow(), stored))
    _forget(session, incoming)


async def remember_choices(
    session: AsyncSession, incoming: Incoming, offered: list[Choice]
) -> None:
    """Keep choices already shown (a nudge sent by the outbox): numbered as they were
    shown, 1…n unless they carry their numbers; the flow's numbering is kept. Link
    buttons are not numbered (Reply.numbered_text): "1" never means a link."""
    offered = [c for c in offered if c.url is None]
    row = await (_ensure_row(session, incoming) if offered else _row(session, incoming))
    if row is None:
        return
    memory = choices.load(row.choices)[1]
    shown = [c if c.number else replace(c, number=i) for i, c in enumerate(offered, start=1)]
    row.choices = choices.dump(shown, memory, utcnow()) if shown or row.flow else []


async def forget_chat_user(session: AsyncSession, transport: str, platform_user_id: str) -> None:
    """Delete every dialog row of an account (RGPD erasure)."""
    cache = session.info.get(_CACHE, {})
    for key in [k for k in cache if k[0] == transport and k[2] == platform_user_id]:
        row = cache.pop(key)
        if row is not None:
            session.expunge(row)
    await session.execute(
        delete(DialogState).where(
            DialogState.transport == transport, DialogState.platform_user_id == platform_user_id
        )
    )
