"""Storage on SQLite and PostgreSQL: migrations, users, de-duplication, dialog state."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from bot import dialogs
from bot.app import Mentor
from bot.dialog_state import JournalDraft
from bot.storage.database import Database, alembic_config
from bot.storage.models import Base, HandledEvent, Identity, User
from bot.users import ensure_user, forget_old_events
from tests.support.chat import private


async def test_migrations_create_every_table_and_are_idempotent(db: Database) -> None:
    await db.upgrade()
    async with db.session() as session:
        version = (await session.execute(text("select version_num from alembic_version"))).scalar()
        tables = set(
            await session.run_sync(lambda sync: inspect(sync.connection()).get_table_names())
        )
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert set(Base.metadata.tables) <= tables  # every model has its migration


async def test_same_account_maps_to_one_user(db: Database) -> None:
    async with db.session() as session:
        first = await ensure_user(session, "telegram", "42", "Camille")
    async with db.session() as session:
        second = await ensure_user(session, "telegram", "42", "Camille M.")
    assert first.id == second.id
    async with db.session() as session:
        users = (await session.execute(select(func.count()).select_from(User))).scalar()
        name = (await session.execute(select(User.display_name))).scalar()
    assert users == 1
    assert name == "Camille M."


async def test_concurrent_first_messages_create_one_user(db: Database) -> None:
    async def first_message() -> int:
        async with db.session() as session:
            return (await ensure_user(session, "matrix", "@a:localhost", "A")).id

    # Any exception fails the test: every one of the five first messages must get the user.
    ids = await asyncio.gather(*(first_message() for _ in range(5)))
    assert len(ids) == 5
    assert len(set(ids)) == 1
    async with db.session() as session:
        count = (await session.execute(select(func.count()).select_from(Identity))).scalar()
    assert count == 1


async def test_handled_event_key_is_unique(db: Database) -> None:
    async with db.session() as session:
        session.add(HandledEvent(transport="telegram", event_id="1"))
    with pytest.raises(IntegrityError):
        async with db.session() as session:
            session.add(HandledEvent(transport="telegram", event_id="1"))


async def test_dialog_state_survives_a_new_database_handle(database_url: str) -> None:
    first = Database(database_url)
    await first.upgrade()
    incoming = private("x")
    async with first.session() as session:
        draft = JournalDraft(text="Atelier mail", codes=["C1.1"])
        token = await dialogs.start_flow(session, incoming, "what", draft, timedelta(minutes=5))
    await first.dispose()
    second = Database(database_url)
    async with second.session() as session:
        flow = await dialogs.current_flow(session, incoming)
    await second.dispose()
    assert flow is not None
    assert flow.step == "what"
    assert flow.flow == "journal"
    assert flow.data == JournalDraft(text="Atelier mail", codes=["C1.1"])
    assert flow.token == token


async def test_stale_token_cannot_advance_a_dialog(db: Database) -> None:
    incoming = private("x")
    ttl = timedelta(minutes=5)
    async with db.session() as session:
        token = await dialogs.start_flow(session, incoming, "what", JournalDraft(), ttl)
    async with db.session() as session:
        assert await dialogs.advance(session, incoming, token, "when", JournalDraft(), ttl)
    async with db.session() as session:
        assert await dialogs.advance(session, incoming, token, "when", JournalDraft(), ttl) is None


async def test_a_redelivered_event_is_answered_once(mentor_any_db: Mentor) -> None:
    message = private("/aide")
    first, second = await mentor_any_db.handle(message), await mentor_any_db.handle(message)
    assert first
    assert second == []
    async with mentor_any_db.db.session() as session:
        count = (await session.execute(select(func.count()).select_from(HandledEvent))).scalar()
    assert count == 1


async def test_old_handled_events_are_forgotten(db: Database) -> None:
    now = datetime(2026, 11, 26, tzinfo=UTC)
    async with db.session() as session:
        session.add(
            HandledEvent(transport="t", event_id="old", handled_at=now - timedelta(days=30))
        )
        session.add(HandledEvent(transport="t", event_id="new", handled_at=now))
    async with db.session() as session:
        await forget_old_events(session, now - timedelta(days=14))
    async with db.session() as session:
        kept = (await session.execute(select(HandledEvent.event_id))).scalars().all()
    assert kept == ["new"]
