"""signals of knowledge answers (misses, feedback), their pseudonyms, knowledge changes log

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signal_refs",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_signal_refs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_signal_refs")),
        sa.UniqueConstraint("ref", name=op.f("uq_signal_refs_ref")),
    )
    op.create_table(
        "signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("feedback", sa.String(length=8), nullable=True),
        sa.Column("entry", sa.String(length=128), nullable=True),
        sa.Column("alternatives", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("transport", sa.String(length=32), nullable=False),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("ref", sa.String(length=32), nullable=True),
        sa.Column("review_group", sa.Integer(), nullable=True),
        sa.Column("review", sa.String(length=16), nullable=True),
        sa.Column("reviewed_at", bot.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signals")),
    )
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signals_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_signals_ref"), ["ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_signals_review_group"), ["review_group"], unique=False)
    op.create_table(
        "kb_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entry", sa.String(length=128), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["users.id"],
            name=op.f("fk_kb_changes_author_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_changes")),
    )
    with op.batch_alter_table("kb_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_changes_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_kb_changes_author_user_id"), ["author_user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("kb_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_changes_author_user_id"))
        batch_op.drop_index(batch_op.f("ix_kb_changes_at"))
    op.drop_table("kb_changes")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signals_review_group"))
        batch_op.drop_index(batch_op.f("ix_signals_ref"))
        batch_op.drop_index(batch_op.f("ix_signals_created_at"))
    op.drop_table("signals")
    op.drop_table("signal_refs")
