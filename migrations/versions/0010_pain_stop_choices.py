"""After red or sharp pain on one side, the person's choice: stop the exercise for both sides or
carry on with the other side (issue 15.4). One row per day, exercise and side that hurt; an
upgraded database has none (the runner stopped both sides until now, which stays the default).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pain_stop_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("carry_on", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_stop_choice")),
        sa.UniqueConstraint("date", "exercise_id", "side", name="uq_pain_stop_choice"),
    )


def downgrade() -> None:
    op.drop_table("pain_stop_choice")
