"""DP example headings on journal entries; photos and documents illustrating them

Entries gain conditions, means, organisation and a period's last day (all optional);
journal_attachments lists the files a user sent, kept in the data directory; users
gain the date of their exam session (/examen).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exam_date", sa.Date(), nullable=True))
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conditions", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("means", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("organisation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
    op.create_table(
        "journal_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=255), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("created_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entries.id"],
            name=op.f("fk_journal_attachments_entry_id_journal_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_journal_attachments_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_attachments")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_journal_attachments_storage_key")),
    )
    with op.batch_alter_table("journal_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_journal_attachments_entry_id"), ["entry_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_journal_attachments_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("journal_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_attachments_user_id"))
        batch_op.drop_index(batch_op.f("ix_journal_attachments_entry_id"))
    op.drop_table("journal_attachments")
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_column("ended_on")
        batch_op.drop_column("organisation")
        batch_op.drop_column("means")
        batch_op.drop_column("conditions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("exam_date")
