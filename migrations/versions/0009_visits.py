"""Visits to a professional, one row each with its date (progression rules 6.9.14).

Until now only the latest visit was kept (settings.seen_professional), so recording a new one
changed what the engine said for earlier days. A past date's suggestion must use only the visits
on or before it: each visit is kept. The settings column stays, as the latest visit (`trainer
settings --json` shows it); a database upgraded from 0008 keeps its date as a first visit.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
        sa.UniqueConstraint("date", name="uq_visit_date"),
    )
    # The one visit known so far; when it was recorded is the settings' last change.
    op.execute(
        "INSERT INTO visit (date, recorded_at) SELECT seen_professional, updated_at "
        "FROM settings WHERE seen_professional IS NOT NULL"
    )


def downgrade() -> None:
    # settings.seen_professional already holds the latest visit: the earlier ones are lost.
    op.drop_table("visit")
