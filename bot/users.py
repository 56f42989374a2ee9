"""Who is talking: one `User` per person, one `Identity` per transport account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import HandledEvent, Identity, User
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


async def ensure_user(
    session: AsyncSession,
    transport: str,
    platform_user_id: str,
    display_name: str = "",
    private_chat_id: str | None = None,
    handle: str = "",
) -> UserRef:
    """Find or create the user behind a transport account (safe under concurrent first messages).

    Runs on every message, so it writes only what changed (last_seen at a coarse grain).
    `handle` (a Telegram @username) is kept in lower case, to be found by it.
    """
    found = await _find(session, transport, platform_user_id)
    if found is None:
        try:
            async with session.begin_nested():
                user = User(display_name=display_name[:200])
                session.add(user)
                await session.flush()
                identity = Identity(
                    transport=transport,
                    platform_user_id=platform_user_id,
                    user_id=user.id,
                    private_chat_id=private_chat_id,
                )
                session.add(identity)
                await session.flush()
        except IntegrityError:
            found = await _find(session, transport, platform_user_id)
            assert found is not None
            user, identity = found
    else:
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
