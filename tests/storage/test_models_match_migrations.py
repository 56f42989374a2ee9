"""The SQLAlchemy models and the Alembic migrations describe the same schema.

Autogenerate compares a freshly migrated database with the models: any difference (a
column added to a model without a migration, a type, a nullability, a server default, an
index, a foreign key) is listed, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData
from sqlalchemy.engine import Connection

from bot.storage.database import Database
from bot.storage.models import Base


async def differences(db: Database, metadata: MetaData = Base.metadata) -> list[Any]:
    def compare(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, metadata))

    async with db.engine.connect() as conn:
        return await conn.run_sync(compare)


async def test_autogenerate_finds_nothing_to_migrate(db: Database) -> None:
    assert await differences(db) == []


async def test_a_model_change_without_its_migration_is_caught(db: Database) -> None:
    changed = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["users"].append_column(Column("nickname_for_test", Integer, nullable=True))
    found = await differences(db, changed)
    assert [(d[0], d[3].name) for d in found] == [("add_column", "nickname_for_test")]
