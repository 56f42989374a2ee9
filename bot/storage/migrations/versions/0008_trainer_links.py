"""trainer onboarding without ids: Telegram usernames, one-time trainer links

Identities keep the user's public handle (Telegram @username) so that an admin can name
a trainer by it; trainer_invitations holds one-time trainer links (token hashed).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_identities_username"), ["username"], unique=False)
    op.create_table(
        "trainer_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", bot.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("used_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_trainer_invitations_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["used_by_user_id"],
            ["users.id"],
            name=op.f("fk_trainer_invitations_used_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_trainer_invitations_token_hash")),
    )
    with op.batch_alter_table("trainer_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trainer_invitations_created_by_user_id"),
            ["created_by_user_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_trainer_invitations_used_by_user_id"), ["used_by_user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("trainer_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainer_invitations_used_by_user_id"))
        batch_op.drop_index(batch_op.f("ix_trainer_invitations_created_by_user_id"))
    op.drop_table("trainer_invitations")
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identities_username"))
        batch_op.drop_column("username")
