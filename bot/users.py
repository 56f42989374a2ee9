"""Who is talking: one `User` per person, one `Identity` per transport account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from bot.storage import upsert
from bot.storage.database import core
from bot.storage.models import Base, HandledEvent, Identity, User
from bot.storage.types import utcnow


@dataclass(frozen=True, slots=True)
class UserRef:
    id: int
    display_name: str
    timezone: str | None
    is_trainer: bool
    onboarded: bool


def _ref(user: User) -> UserRef:
    return UserRef(user.id, user.display_name, user.timezone, user.is_trainer, user.onboarded)


LAST_SEEN_RESOLUTION = timedelta(minutes=10)
Found = tuple[User, Identity]
_NEW = "mentor.new_users"


@dataclass(frozen=True, slots=True)
class Lookup:
    """The account as already read in this unit of work (bot/message_rows.py)."""

    found: Found | None


async def _find(
    session: AsyncSession, transport: str, platform_user_id: str
) -> tuple[User, Identity] | None:
    stmt = (
        select(User, Identity)
        .join(Identity, Identity.user_id == User.id)
        .where(Identity.transport == transport, Identity.platform_user_id == platform_user_id)
    )
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


# A new user's columns that do not come from the message: written by the INSERT and
# given to the ORM object that stands for the row, from this one place.
_NEW_USER_FIXED: dict[str, object] = {
    "timezone": None,
    "locale": "fr",
    "is_trainer": False,
    "onboarded": False,
    "exam_date": None,
}
# Built once (building and keying a statement cost more than running it), run through
# Core: the ORM's flush of a new User cost more than the INSERT itself (issue 18).
_NEW_USER = (
    insert(User)
    .values(
        display_name=bindparam("name"),
        created_at=bindparam("at"),
        last_seen_at=bindparam("at"),
        **_NEW_USER_FIXED,
    )
    .returning(User.id)
)


def _new_identity(insert: Callable[[Any], upsert.Insert]) -> Any:
    return (
        insert(Identity)
        .values(
            transport=bindparam("transport"),
            platform_user_id=bindparam("platform_user_id"),
            user_id=bindparam("user_id"),
            private_chat_id=bindparam("private_chat_id"),
            username=None,
        )
        .on_conflict_do_nothing()
        .returning(Identity.id)
    )


def _known(session: AsyncSession, row: Base) -> None:
    """A row just inserted, every column known: in the session as if read back (no
    flush, no lazy load; later changes are UPDATEd as usual)."""
    make_transient_to_detached(row)
    session.add(row)


async def _create(
    session: AsyncSession,
    transport: str,
    platform_user_id: str,
    display_name: str,
    private_chat_id: str | None,
) -> Found:
    """A new user and identity in two statements. The identity's INSERT does nothing if a
    concurrent first message created it meanwhile: that rare loser deletes the user it
    made and takes the winner's (no savepoint on the common path)."""
    connection = await core(session)
    now, name = utcnow(), display_name[:200]
    user_id = (await connection.execute(_NEW_USER, {"name": name, "at": now})).scalar_one()
    user = User(id=user_id, display_name=name, created_at=now, last_seen_at=now, **_NEW_USER_FIXED)
    _known(session, user)
    ids = {
        "transport": transport,
        "platform_user_id": platform_user_id,
        "user_id": user_id,
        "private_chat_id": private_chat_id,
    }
    identity_id = (await connection.execute(upsert.prebuilt(session, _new_identity), ids)).scalar()
    if identity_id is None:
        await session.delete(user)
        await session.flush()
        found = await _find(session, transport, platform_user_id)
        assert found is not None
        return found
    identity = Identity(id=identity_id, **ids, username=None)
    _known(session, identity)
    session.info.setdefault(_NEW, set()).add(user.id)
    return user, identity


def is_new(session: AsyncSession, user_id: int) -> bool:
    """Whether this unit of work created the user (so no row refers to it yet)."""
    return user_id in session.info.get(_NEW, set())


async def ensure_user(
    session: AsyncSession,
    transport: str,
    platform_user_id: str,
    display_name: str = "",
    private_chat_id: str | None = None,
    handle: str = "",
    lookup: Lookup | None = None,
) -> UserRef:
    """Find or create the user behind a transport account (safe under concurrent first messages).

    Runs on every message, so it writes only what changed (last_seen at a coarse grain);
    `lookup` is the account when the caller has already read it. `handle` (a Telegram
    @username) is kept in lower case, to be found by it.
    """
    if lookup is None:
        lookup = Lookup(await _find(session, transport, platform_user_id))
    found = lookup.found
    if found is None:
        found = await _create(session, transport, platform_user_id, display_name, private_chat_id)
    user, identity = found
    now = utcnow()
    if now - user.last_seen_at > LAST_SEEN_RESOLUTION:
        user.last_seen_at = now
    if display_name and user.display_name != display_name[:200]:
        user.display_name = display_name[:200]
    if private_chat_id and identity.private_chat_id != private_chat_id:
        identity.private_chat_id = private_chat_id
    handle = handle.lower()[:64]
    if handle and identity.username != handle:
        # A handle freed by one account may be taken by another: only its holder keeps it.
        await session.execute(
            update(Identity)
            .where(
                Identity.transport == transport,
                Identity.username == handle,
                Identity.id != identity.id,
            )
            .values(username=None)
            .execution_options(synchronize_session=False)
        )
        identity.username = handle
    return _ref(user)


async def forget_old_events(session: AsyncSession, before: datetime) -> None:
    """Handled-event ids only guard against redeliveries, which come within minutes."""
    await session.execute(delete(HandledEvent).where(HandledEvent.handled_at < before))
