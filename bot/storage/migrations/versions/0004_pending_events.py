"""events waiting for their decryption key, keyed by sender so erasure can drop them

They were one JSON list in transport_cursors ('matrix:pending'); the list moves here.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-30 05:10:00
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

_OLD_KEY = "matrix:pending"
_cursors = sa.table(
    "transport_cursors",
    sa.column("transport"),
    sa.column("value"),
    sa.column("updated_at", bot.storage.types.UTCDateTime(timezone=True)),
)


def _pending_table() -> sa.TableClause:
    return sa.table(
        "pending_events",
        sa.column("transport"),
        sa.column("event_id"),
        sa.column("sender"),
        sa.column("chat_id"),
        sa.column("payload"),
        sa.column("received_at", bot.storage.types.UTCDateTime(timezone=True)),
    )


def upgrade() -> None:
    op.create_table(
        "pending_events",
        sa.Column("transport", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("sender", sa.String(length=255), nullable=False),
        sa.Column("chat_id", sa.String(length=255), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("transport", "event_id", name=op.f("pk_pending_events")),
    )
    with op.batch_alter_table("pending_events", schema=None) as batch_op:
        batch_op.create_index("ix_pending_events_sender", ["transport", "sender"], unique=False)
    bind = op.get_bind()
    raw = bind.execute(
        sa.select(_cursors.c.value).where(_cursors.c.transport == _OLD_KEY)
    ).scalar_one_or_none()
    rows: dict[str, dict[str, object]] = {}
    try:
        entries = json.loads(raw) if raw else []
    except ValueError:
        entries = []
    now = datetime.now(UTC)
    for entry in entries if isinstance(entries, list) else []:
        event = entry.get("event") if isinstance(entry, dict) else None
        if not isinstance(event, dict) or not isinstance(entry.get("room_id"), str):
            continue
        event_id, sender = event.get("event_id"), event.get("sender")
        if isinstance(event_id, str) and isinstance(sender, str):
            rows[event_id] = {
                "transport": "matrix",
                "event_id": event_id[:255],
                "sender": sender[:255],
                "chat_id": entry["room_id"][:255],
                "payload": json.dumps(event, ensure_ascii=False),
                "received_at": now,
            }
    if rows:
        op.bulk_insert(_pending_table(), list(rows.values()))
    bind.execute(sa.delete(_cursors).where(_cursors.c.transport == _OLD_KEY))


def downgrade() -> None:
    bind = op.get_bind()
    table = _pending_table()
    found = bind.execute(
        sa.select(table.c.chat_id, table.c.payload)
        .where(table.c.transport == "matrix")
        .order_by(table.c.received_at)
    ).all()
    if found:
        entries = [{"room_id": room, "event": json.loads(payload)} for room, payload in found]
        bind.execute(
            sa.insert(_cursors).values(
                transport=_OLD_KEY,
                value=json.dumps(entries, ensure_ascii=False),
                updated_at=datetime.now(UTC),
            )
        )
    with op.batch_alter_table("pending_events", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_events_sender")
    op.drop_table("pending_events")
