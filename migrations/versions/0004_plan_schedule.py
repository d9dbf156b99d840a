"""Plan versions carry their schedule as a recurrence rule and the day they take effect.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite copies the table; rows written before keep their values and get
    # their rule and effective day from weekdays and start_date when the store reads them.
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("rrule", sa.String(), nullable=True))
        batch.add_column(sa.Column("effective_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("effective_from")
        batch.drop_column("rrule")
