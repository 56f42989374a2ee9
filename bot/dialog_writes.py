"""The dialog row's per-message write, the choices offered, as Core statements built once
(issue 18).

Most messages end by storing the choices their replies offer (bot/dialogs.py). Through
the ORM that was a statement built per call and run on the ORM's bulk INSERT path, or
an attribute flushed at commit by the unit of work, each costing more than the SQL it
sent; here each is one prebuilt statement on the unit of work's connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, inspect, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.storage import upsert
from bot.storage.database import core
from bot.storage.models import DialogState
from bot.storage.types import utcnow

COLUMNS = (  # what a new row is given (bot.dialogs._blank_row's keys)
    "transport",
    "chat_id",
    "platform_user_id",
    "flow",
    "step",
    "data",
    "choices",
    "token",
    "expires_at",
)


def _choices_upsert(insert: Callable[[Any], upsert.Insert]) -> Any:
    statement = insert(DialogState).values(
        **{column: bindparam(column) for column in COLUMNS}, updated_at=bindparam("at")
    )
    return statement.on_conflict_do_update(
        index_elements=["transport", "chat_id", "platform_user_id"],
        set_={"choices": statement.excluded.choices, "updated_at": bindparam("at")},
    )


async def insert_row(session: AsyncSession, values: dict[str, object]) -> None:
    """A new row with `values` (COLUMNS); if a concurrent message has just made the
    chat's row, only its choices are replaced."""
    now = utcnow()
    statement = upsert.prebuilt(session, _choices_upsert)
    await (await core(session)).execute(statement, {**values, "at": now})


_SET_CHOICES = (
    update(DialogState)
    .where(DialogState.id == bindparam("row"))
    .values(choices=bindparam("choices"), updated_at=bindparam("at"))
)


async def keep_choices(session: AsyncSession, row: DialogState, stored: object) -> None:
    """Store `stored` as the row's choices, the last write of a message's handling. A row
    nothing else changed gets one UPDATE and its state is set as committed; a row a flow
    changed is flushed as a whole, so that no later flush of it overwrites the choices."""
    if inspect(row).modified:
        row.choices = stored
        return
    now = utcnow()
    await (await core(session)).execute(_SET_CHOICES, {"row": row.id, "choices": stored, "at": now})
    set_committed_value(row, "choices", stored)
    set_committed_value(row, "updated_at", now)
