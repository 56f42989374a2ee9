"""What a database still holds about a user, found by walking every table of the models."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import Base


def _user_columns() -> set[tuple[str, str]]:
    """(table, column) pairs that reference users.id, read from the schema."""
    columns = {("users", "id")}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                columns.add((table.name, column.name))
    return columns


async def traces(
    db: Database, user_id: int, needles: tuple[str, ...]
) -> list[tuple[str, str, Any]]:
    """Every (table, column, value) that points at the user's id or contains one of the
    `needles` (their platform id, chat id, name, words they wrote)."""
    by_id = _user_columns()
    found: list[tuple[str, str, Any]] = []
    async with db.session() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                for column, value in row.items():
                    text = value if isinstance(value, str) else json.dumps(value, default=str)
                    if ((table.name, column) in by_id and value == user_id) or any(
                        needle in text for needle in needles
                    ):
                        found.append((table.name, column, value))
    return found
