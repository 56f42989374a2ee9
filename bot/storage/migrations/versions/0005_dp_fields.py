"""journal entries gain the DP's example headings: conditions, means, organisation, period

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conditions", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("means", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("organisation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_column("ended_on")
        batch_op.drop_column("organisation")
        batch_op.drop_column("means")
        batch_op.drop_column("conditions")
