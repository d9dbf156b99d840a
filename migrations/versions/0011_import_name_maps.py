"""Names of exercises in another app's export that the person mapped to catalogue exercises with
`trainer import --map` (issue 16.1): remembered per app, so the next import of that app's export
needs no --map again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_name_map",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("app", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_name_map")),
        sa.UniqueConstraint("app", "name", name="uq_import_name_map"),
    )


def downgrade() -> None:
    op.drop_table("import_name_map")
