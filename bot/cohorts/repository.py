"""Cohort rows: the only place that reads or writes cohorts, members and channels."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cohorts import codes
from bot.storage.models import Cohort, CohortChannel, CohortMember, Identity, User
from bot.storage.types import rowcount

LEARNER = "learner"
_CODE_ATTEMPTS = 8


async def _unused_code(session: AsyncSession) -> str:
    for _ in range(_CODE_ATTEMPTS):
        code = codes.new_code()
        taken = await session.execute(select(Cohort.id).where(Cohort.code == code))
        if taken.first() is None:
            return code
    raise RuntimeError("no free invitation code after several attempts")


async def create(session: AsyncSession, trainer_id: int, name: str, now: datetime) -> Cohort:
    cohort = Cohort(
        name=name,
        code=await _unused_code(session),
        code_expires_at=codes.expiry(now),
        trainer_user_id=trainer_id,
    )
    session.add(cohort)
    await session.flush()
    return cohort


async def regenerate_code(session: AsyncSession, cohort: Cohort, now: datetime) -> str:
    """A new code (the old one stops working at once) with a fresh validity period."""
    cohort.code = await _unused_code(session)
    cohort.code_expires_at = codes.expiry(now)
    await session.flush()
    return cohort.code


async def get(session: AsyncSession, cohort_id: int) -> Cohort | None:
    return await session.get(Cohort, cohort_id)


async def by_code(session: AsyncSession, code: str) -> Cohort | None:
    stmt = select(Cohort).where(Cohort.code == code)
    return (await session.execute(stmt)).scalar_one_or_none()


async def trained_by(session: AsyncSession, user_id: int) -> list[Cohort]:
    stmt = select(Cohort).where(Cohort.trainer_user_id == user_id).order_by(Cohort.id)
    return list((await session.execute(stmt)).scalars())


async def memberships(session: AsyncSession, user_id: int) -> list[tuple[Cohort, CohortMember]]:
    stmt = (
        select(Cohort, CohortMember)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
        .order_by(Cohort.id)
    )
    return [(c, m) for c, m in (await session.execute(stmt)).all()]


async def member(session: AsyncSession, cohort_id: int, user_id: int) -> CohortMember | None:
    stmt = select(CohortMember).where(
        CohortMember.cohort_id == cohort_id, CohortMember.user_id == user_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def join(session: AsyncSession, cohort_id: int, user_id: int) -> CohortMember:
    """Add a learner (counts not shared); a concurrent second join finds the first row."""
    try:
        async with session.begin_nested():
            row = CohortMember(cohort_id=cohort_id, user_id=user_id, role=LEARNER)
            session.add(row)
            await session.flush()
            return row
    except IntegrityError:
        found = await member(session, cohort_id, user_id)
        assert found is not None
        return found


async def leave(session: AsyncSession, cohort_id: int, user_id: int) -> bool:
    result = await session.execute(
        delete(CohortMember).where(
            CohortMember.cohort_id == cohort_id, CohortMember.user_id == user_id
        )
    )
    return rowcount(result) == 1


async def learners(session: AsyncSession, cohort_id: int) -> list[tuple[CohortMember, User]]:
    stmt = (
        select(CohortMember, User)
        .join(User, User.id == CohortMember.user_id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.role == LEARNER)
        .order_by(User.display_name, User.id)
    )
    return [(m, u) for m, u in (await session.execute(stmt)).all()]


async def learner_count(session: AsyncSession, cohort_id: int) -> int:
    stmt = (
        select(func.count())
        .select_from(CohortMember)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.role == LEARNER)
    )
    return int((await session.execute(stmt)).scalar_one())


async def channel_of(session: AsyncSession, cohort_id: int) -> CohortChannel | None:
    stmt = select(CohortChannel).where(CohortChannel.cohort_id == cohort_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def channel_at(session: AsyncSession, transport: str, chat_id: str) -> CohortChannel | None:
    stmt = select(CohortChannel).where(
        CohortChannel.transport == transport, CohortChannel.chat_id == chat_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def delete_cohort(session: AsyncSession, cohort_id: int) -> bool:
    """Members, channel, schedule (and its outbox rows) and tips go with it by FK cascade;
    journals belong to their authors and are untouched."""
    result = await session.execute(delete(Cohort).where(Cohort.id == cohort_id))
    return rowcount(result) == 1


async def private_chats(session: AsyncSession, user_id: int) -> list[tuple[str, str]]:
    """(transport, private chat id) where the bot can write to this user first."""
    stmt = (
        select(Identity.transport, Identity.private_chat_id)
        .where(Identity.user_id == user_id, Identity.private_chat_id.is_not(None))
        .order_by(Identity.id)
    )
    return [(t, c) for t, c in (await session.execute(stmt)).all() if c]


async def identity_user(session: AsyncSession, transport: str, platform_id: str) -> User | None:
    stmt = (
        select(User)
        .join(Identity, Identity.user_id == User.id)
        .where(Identity.transport == transport, Identity.platform_user_id == platform_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()
