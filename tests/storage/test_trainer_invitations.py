"""One-time trainer links on SQLite and PostgreSQL: two simultaneous taps, one trainer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.cohorts import invitations
from bot.cohorts.invitations import Redeemed
from bot.storage.database import Database
from bot.storage.models import TrainerInvitation, User

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


async def people(db: Database, count: int) -> list[int]:
    async with db.session() as session:
        users = [User(display_name=f"P{i}") for i in range(count)]
        session.add_all(users)
        await session.flush()
        return [u.id for u in users]


async def test_two_people_opening_one_link_at_once_make_one_trainer(db: Database) -> None:
    admin, first, second = await people(db, 3)
    async with db.session() as session:
        token = await invitations.create(session, admin, NOW)

    async def tap(user_id: int) -> Redeemed:
        async with db.session() as session:
            return (await invitations.redeem(session, token, user_id, NOW)).outcome

    outcomes = await asyncio.gather(tap(first), tap(second))
    assert sorted(o.value for o in outcomes) == ["ok", "used"]
    async with db.session() as session:
        row = (await session.execute(select(TrainerInvitation))).scalar_one()
    assert row.used_by_user_id in (first, second)
    assert token not in row.token_hash


async def test_a_link_expires_and_its_people_can_be_erased(db: Database) -> None:
    admin, user = await people(db, 2)
    async with db.session() as session:
        token = await invitations.create(session, admin, NOW)
    async with db.session() as session:
        late = await invitations.redeem(session, token, user, NOW + timedelta(days=7))
    assert late.outcome is Redeemed.EXPIRED
    async with db.session() as session:
        assert (await invitations.redeem(session, "nope", user, NOW)).outcome is Redeemed.UNKNOWN
        await session.delete(await session.get(User, admin))
    async with db.session() as session:
        row = (await session.execute(select(TrainerInvitation))).scalar_one()
    assert row.created_by_user_id is None  # SET NULL: the link outlives its maker's data
