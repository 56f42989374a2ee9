"""per-user evidence numbers; whether a learner answered the sharing question

journal_entries gains `number`: 1, 2, 3… per user, in the order the entries were
written (existing rows are numbered by id, user by user), unique per user, so nobody's
"Preuve n°…" reveals how many others logged. cohort_members gains `shares_answered_at`
(None: never answered), so a trainer can tell "refused" from "not answered"; a member
who shares has answered (backfilled with the date they joined).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _number_existing_entries() -> None:
    """One pass over (user, id) in order: linear, and the same SQL on SQLite and PostgreSQL."""
    bind = op.get_bind()
    entries = sa.table(
        "journal_entries", sa.column("id", sa.Integer), sa.column("user_id", sa.Integer),
        sa.column("number", sa.Integer),
    )  # fmt: skip
    rows = bind.execute(
        sa.select(entries.c.id, entries.c.user_id).order_by(entries.c.user_id, entries.c.id)
    ).all()
    numbered: list[dict[str, int]] = []
    previous, number = None, 0
    for entry_id, user_id in rows:
        number = number + 1 if user_id == previous else 1
        previous = user_id
        numbered.append({"entry_id": entry_id, "number": number})
    if numbered:
        bind.execute(
            entries.update()
            .where(entries.c.id == sa.bindparam("entry_id"))
            .values(number=sa.bindparam("number")),
            numbered,
        )


def upgrade() -> None:
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    _number_existing_entries()
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_journal_entries_user_id"), ["user_id", "number"]
        )
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "shares_answered_at",
                bot.storage.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
    members = sa.table(
        "cohort_members", sa.column("shares_counts", sa.Boolean),
        sa.column("joined_at", bot.storage.types.UTCDateTime(timezone=True)),
        sa.column("shares_answered_at", bot.storage.types.UTCDateTime(timezone=True)),
    )  # fmt: skip
    op.execute(
        members.update()
        .where(members.c.shares_counts.is_(True))
        .values(shares_answered_at=members.c.joined_at)
    )


def downgrade() -> None:
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.drop_column("shares_answered_at")
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_journal_entries_user_id"), type_="unique")
        batch_op.drop_column("number")
