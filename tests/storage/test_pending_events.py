"""Events waiting for their decryption key: the old 'matrix:pending' list moves to the
core's pending_events table, keyed by sender, and back on downgrade."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from bot.storage.database import Database, alembic_config
from bot.storage.models import PendingEvent

OLD = [
    {
        "room_id": "!dm:example.org",
        "event": {"type": "m.room.encrypted", "event_id": "$a", "sender": "@camille:ex.org"},
    },
    {"room_id": "!dm:example.org", "event": "not an event"},
    {
        "room_id": "!group:example.org",
        "event": {"type": "m.room.encrypted", "event_id": "$b", "sender": "@dominique:ex.org"},
    },
]


async def _migrate(db: Database, target: str, down: bool = False) -> None:
    def run(sync: Connection) -> None:
        (command.downgrade if down else command.upgrade)(alembic_config(sync), target)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def test_the_old_pending_list_moves_to_the_table_and_back(database_url: str) -> None:
    db = Database(database_url)
    try:
        await _migrate(db, "0002")
        async with db.engine.begin() as conn:
            await conn.execute(
                text(
                    "insert into transport_cursors (transport, value, updated_at) "
                    "values ('matrix:pending', :value, CURRENT_TIMESTAMP)"
                ),
                {"value": json.dumps(OLD)},
            )
        await _migrate(db, "0004")
        async with db.session() as session:
            rows = (await session.execute(select(PendingEvent))).scalars().all()
            left = (await session.execute(text("select count(*) from transport_cursors"))).scalar()
        assert sorted((r.event_id, r.sender, r.chat_id) for r in rows) == [
            ("$a", "@camille:ex.org", "!dm:example.org"),
            ("$b", "@dominique:ex.org", "!group:example.org"),
        ]
        assert json.loads(rows[0].payload)["type"] == "m.room.encrypted"
        assert left == 0

        await _migrate(db, "0002", down=True)
        async with db.engine.begin() as conn:
            value = (await conn.execute(text("select value from transport_cursors"))).scalar_one()
        assert {e["event"]["event_id"] for e in json.loads(value)} == {"$a", "$b"}
    finally:
        await db.dispose()
