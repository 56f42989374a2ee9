"""Who is talking: one `User` per person, one `Identity` per transport account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Identity, User
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


async def find_user(session: AsyncSession, transport: str, platform_user_id: str) -> User | None:
    stmt = (
        select(User)
        .join(Identity, Identity.user_id == User.id)
        .where(Identity.transport == transport, Identity.platform_user_id == platform_user_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def ensure_user(
    session: AsyncSession,
    transport: str,
    platform_user_id: str,
    display_name: str = "",
    private_chat_id: str | None = None,
) -> UserRef:
    """Find or create the user behind a transport account (safe under concurrent first messages)."""
    user = await find_user(session, transport, platform_user_id)
    if user is None:
        try:
            async with session.begin_nested():
                user = User(display_name=display_name[:200])
                session.add(user)
                await session.flush()
                session.add(
                    Identity(
                        transport=transport,
                        platform_user_id=platform_user_id,
                        user_id=user.id,
                        private_chat_id=private_chat_id,
                    )
                )
                await session.flush()
        except IntegrityError:
            user = await find_user(session, transport, platform_user_id)
            assert user is not None
    user.last_seen_at = utcnow()
    if display_name and user.display_name != display_name[:200]:
        user.display_name = display_name[:200]
    if private_chat_id:
        identity = (
            await session.execute(
                select(Identity).where(
                    Identity.transport == transport,
                    Identity.platform_user_id == platform_user_id,
                )
            )
        ).scalar_one()
        identity.private_chat_id = private_chat_id
    return _ref(user)
