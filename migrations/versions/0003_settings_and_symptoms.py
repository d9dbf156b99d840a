"""The person's settings (one row) and their answers to the red-flag symptom checklist.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("baseline_pain_left", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("baseline_pain_right", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("involved_side", sa.String(), nullable=True),
        sa.Column("dumbbells_kg", sa.String(), server_default="", nullable=False),
        sa.Column("bands", sa.String(), nullable=True),
        sa.Column("seen_professional", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.String(), nullable=False),
        # One person per database file: the settings are a single row with id 1.
        sa.CheckConstraint("id = 1", name=op.f("ck_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
    )
    op.create_table(
        "symptom_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("yes_ids", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_symptom_answer")),
    )


def downgrade() -> None:
    op.drop_table("symptom_answer")
    op.drop_table("settings")
