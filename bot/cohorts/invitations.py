"""One-time trainer links: made by an admin, opened once by the future trainer, 7 days.

The link carries a random token (``trainer-<token>``); only its SHA-256 is stored, and
the link is used by one conditional UPDATE, so two taps at the same moment cannot both
succeed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import TrainerInvitation
from bot.storage.types import rowcount

VALIDITY = timedelta(days=7)
TOKEN_BYTES = 16  # 22 URL-safe characters: a deep-link payload allows 64


class Redeemed(Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Redemption:
    outcome: Redeemed
    invitation: TrainerInvitation | None = None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


async def create(session: AsyncSession, admin_id: int, now: datetime) -> str:
    """A new link's token (shown once to the admin, never stored as such)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        TrainerInvitation(
            token_hash=_hash(token),
            created_by_user_id=admin_id,
            created_at=now,
            expires_at=now + VALIDITY,
        )
    )
    await session.flush()
    return token


async def redeem(session: AsyncSession, token: str, user_id: int, now: datetime) -> Redemption:
    """Use the link for `user_id`, once and in time; otherwise say why it cannot be."""
    digest = _hash(token)
    claimed = await session.execute(
        update(TrainerInvitation)
        .where(
            TrainerInvitation.token_hash == digest,
            TrainerInvitation.used_at.is_(None),
            TrainerInvitation.expires_at > now,
        )
        .values(used_at=now, used_by_user_id=user_id)
        .execution_options(synchronize_session=False)
    )
    row = (
        await session.execute(
            select(TrainerInvitation).where(TrainerInvitation.token_hash == digest)
        )
    ).scalar_one_or_none()
    if rowcount(claimed) == 1:
        return Redemption(Redeemed.OK, row)
    if row is None:
        return Redemption(Redeemed.UNKNOWN)
    if row.used_at is not None:
        return Redemption(Redeemed.USED, row)
    return Redemption(Redeemed.EXPIRED, row)


async def of_user(session: AsyncSession, user_id: int) -> list[TrainerInvitation]:
    """The links a person made or opened (their data export)."""
    stmt = (
        select(TrainerInvitation)
        .where(
            or_(
                TrainerInvitation.created_by_user_id == user_id,
                TrainerInvitation.used_by_user_id == user_id,
            )
        )
        .order_by(TrainerInvitation.id)
    )
    return list((await session.execute(stmt)).scalars())
