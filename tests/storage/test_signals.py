"""Signals are kept for the retention period only, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from sqlalchemy import select

from bot.answers.knowledge import KnowledgeBase
from bot.learning import signals
from bot.learning.signals import Feedback, Kind
from bot.nudges.service import NudgeService
from bot.settings import load_settings
from bot.storage.database import Database
from bot.storage.models import Signal, User

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


async def _user(db: Database) -> int:
    async with db.session() as session:
        user = User(display_name="")
        session.add(user)
        await session.flush()
        return user.id


async def _record(db: Database, user_id: int, at: datetime, kind: Kind, text: str) -> int:
    with time_machine.travel(at, tick=False):
        async with db.session() as session:
            return await signals.record(
                session, user_id=user_id, transport="test", kind=kind, question=text
            )


async def _left(db: Database) -> list[tuple[str | None, str | None]]:
    async with db.session() as session:
        rows = await session.execute(select(Signal.kind, Signal.question).order_by(Signal.id))
        return [(k, q) for k, q in rows.all()]


async def test_retention_deletes_old_rows_and_answers_lose_their_text_after_a_week(
    db: Database,
) -> None:
    user = await _user(db)
    await _record(db, user, NOW - timedelta(days=91), Kind.UNSURE, "old miss")
    await _record(db, user, NOW - timedelta(days=89), Kind.UNSURE, "recent miss")
    await _record(db, user, NOW - timedelta(days=8), Kind.ANSWER, "answered long ago")
    down = await _record(db, user, NOW - timedelta(days=8), Kind.ANSWER, "refused answer")
    await _record(db, user, NOW - timedelta(days=1), Kind.ANSWER, "answered yesterday")
    async with db.session() as session:
        await signals.give_feedback(session, down, user, Feedback.DOWN)
    async with db.session() as session:
        assert await signals.purge(session, NOW, retention_days=90) == 1
    assert await _left(db) == [
        ("unsure", "recent miss"),
        ("answer", None),  # no 👎 within the week: the text is no longer needed
        ("answer", "refused answer"),  # a 👎 is a miss to review: kept until retention
        ("answer", "answered yesterday"),
    ]


async def test_the_scheduler_tick_applies_the_retention_setting(tmp_path: Path) -> None:
    settings = load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}",
        mentor_signal_retention_days=30,
        _env_file=None,
    )
    db = Database(settings.database_url)
    await db.upgrade()
    try:
        user = await _user(db)
        await _record(db, user, NOW - timedelta(days=31), Kind.OUT_OF_SCOPE, "gone")
        await _record(db, user, NOW - timedelta(days=29), Kind.OUT_OF_SCOPE, "kept")
        with time_machine.travel(NOW, tick=False):
            await NudgeService(db, settings, KnowledgeBase(), {}).tick()
        assert await _left(db) == [("out_of_scope", "kept")]
    finally:
        await db.dispose()
