"""Initial schema: plan, training sessions and logged sets.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("involved_side", sa.String(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("started_at", sa.String(), nullable=True),
        sa.Column("finished_at", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
    )
    op.create_index(
        op.f("ix_training_session_date"), "training_session", ["date"], unique=True
    )
    op.create_table(
        "logged_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("hold_s", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("load_band", sa.String(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("sharp", sa.Boolean(), nullable=False),
        sa.Column("stopped_early", sa.Boolean(), nullable=False),
        sa.Column("technique_ok", sa.Boolean(), nullable=False),
        sa.Column("logged_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_session.id"],
            name=op.f("fk_logged_set_session_id_training_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_logged_set")),
    )
    op.create_index(op.f("ix_logged_set_session_id"), "logged_set", ["session_id"])
    op.create_index(
        "ix_logged_set_exercise_side", "logged_set", ["exercise_id", "side", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_logged_set_exercise_side", table_name="logged_set")
    op.drop_index(op.f("ix_logged_set_session_id"), table_name="logged_set")
    op.drop_table("logged_set")
    op.drop_index(op.f("ix_training_session_date"), table_name="training_session")
    op.drop_table("training_session")
    op.drop_table("plan")
