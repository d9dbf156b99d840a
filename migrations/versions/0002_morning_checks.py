"""Next-morning pain and soreness per side; the session length a person can afford.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "morning_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("soreness", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_morning_check")),
        sa.UniqueConstraint("date", "side", name="uq_morning_check_date_side"),
    )
    # SQLite has no ALTER TABLE ... ADD with every option; batch mode copies the table safely.
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("session_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("session_minutes")
    op.drop_table("morning_check")
