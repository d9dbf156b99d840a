"""A red-flag answer can be marked as given by mistake (progression rules 6.9.13).

An emergency answer stops all training until the person records a visit to a professional or
marks the answer as a mistake; the mark is kept with the answer, so history shows both.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy of the table): symptom_answer has no triggers to lose.
    op.add_column(
        "symptom_answer",
        sa.Column("mistaken", sa.Boolean(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("symptom_answer") as batch:
        batch.drop_column("mistaken")
