"""Self-assessment results: one value per test, side and day.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("test_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_result")),
        sa.UniqueConstraint("date", "test_id", "side", name="uq_assessment_result_date_test_side"),
    )


def downgrade() -> None:
    op.drop_table("assessment_result")
