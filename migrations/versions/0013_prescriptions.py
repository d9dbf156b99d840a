"""Prescriptions from a physiotherapist (issue 19): each loaded prescription is kept with the day it
applies from, the file's text as written and its checked content as JSON, so history and the report
can say which one was in force when.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prescription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("loaded_at", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("data", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prescription")),
    )
    op.create_index("ix_prescription_starts_on", "prescription", ["starts_on"])


def downgrade() -> None:
    op.drop_index("ix_prescription_starts_on", table_name="prescription")
    op.drop_table("prescription")
