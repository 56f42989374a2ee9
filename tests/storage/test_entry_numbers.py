"""Per-user evidence numbers on SQLite and PostgreSQL: the migration numbers existing
entries user by user in the order they were written, and two entries logged at once by
one user never share a number."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from bot.journal import repository
from bot.storage.database import Database, alembic_config
from bot.storage.models import CohortMember, JournalEntry
from bot.users import ensure_user


async def _migrate(db: Database, target: str, down: bool = False) -> None:
    def run(sync: Connection) -> None:
        (command.downgrade if down else command.upgrade)(alembic_config(sync), target)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def _old_rows(db: Database) -> None:
    """Two users' entries interleaved, and two cohort members, as written before 0007."""
    async with db.engine.begin() as conn:
        for uid in (1, 2, 3):
            await conn.execute(
                text(
                    "insert into users (id, display_name, locale, is_trainer, onboarded, "
                    "created_at, last_seen_at) values (:id, :name, 'fr', false, true, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": uid, "name": f"U{uid}"},
            )
        for index, user_id in enumerate([1, 2, 1, 2, 2, 1]):
            await conn.execute(
                text(
                    "insert into journal_entries (user_id, occurred_on, text, audience, "
                    "result, competencies, created_at, updated_at) values (:user, "
                    "'2026-11-02', :text, '', '', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"user": user_id, "text": f"U{user_id} {index}"},
            )
        await conn.execute(
            text(
                "insert into cohorts (id, name, code, trainer_user_id, created_at) "
                "values (1, 'Lyon', 'ABC234', 3, CURRENT_TIMESTAMP)"
            )
        )
        for user_id, shares in [(1, True), (2, False)]:
            await conn.execute(
                text(
                    "insert into cohort_members (cohort_id, user_id, role, shares_counts, "
                    "joined_at) values (1, :user, 'learner', :shares, '2026-11-01 09:00:00')"
                ),
                {"user": user_id, "shares": shares},
            )


async def test_the_migration_numbers_each_users_entries_in_order(database_url: str) -> None:
    db = Database(database_url)
    try:
        await _migrate(db, "0006")
        await _old_rows(db)
        await _migrate(db, "head")
        async with db.session() as session:
            numbered = select(JournalEntry.text, JournalEntry.number).order_by(JournalEntry.id)
            rows = (await session.execute(numbered)).all()
            members = (await session.execute(select(CohortMember))).scalars().all()
        expected = [("U1 0", 1), ("U2 1", 1), ("U1 2", 2), ("U2 3", 2), ("U2 4", 3), ("U1 5", 3)]
        assert rows == expected
        answered = {m.user_id: m.shares_answered_at for m in members}
        assert answered[1] is not None
        assert answered[1].date() == date(2026, 11, 1)
        assert answered[2] is None
        async with db.session() as session:
            added = await repository.add_entry(session, 1, date(2026, 12, 1), "nouvelle", [])
        assert added.number == 4
        await _migrate(db, "0006", down=True)
        await _migrate(db, "head")
        async with db.session() as session:
            again = (await session.execute(numbered)).all()
        assert again == [*rows, ("nouvelle", 4)]
    finally:
        await db.dispose()


async def test_an_entry_whose_number_was_just_taken_gets_the_next(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race of two messages of one user (say Telegram and Matrix at once): the second
    read the highest number before the first committed, so its first insert collides."""
    async with db.session() as session:
        user = await ensure_user(session, "test", "u1", "Camille", "c1")
        first = await repository.add_entry(session, user.id, date(2026, 12, 1), "un", [])
    real = repository.next_number
    stale = [1]  # what the second message read before the first one committed

    async def next_number(session: object, user_id: int) -> int:
        return stale.pop() if stale else await real(session, user_id)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "next_number", next_number)
    async with db.session() as session:
        second = await repository.add_entry(session, user.id, date(2026, 12, 1), "deux", [])
    assert (first.number, second.number) == (1, 2)
    async with db.session() as session:
        stored = (await session.execute(select(JournalEntry.text, JournalEntry.number))).all()
    assert sorted(stored) == [("deux", 2), ("un", 1)]
