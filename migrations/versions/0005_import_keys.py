"""Imported sets remember where they came from, so importing the same file twice adds nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("logged_set") as batch:
        batch.add_column(sa.Column("import_key", sa.String(), nullable=True))
        batch.create_index("ix_logged_set_import_key", ["import_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("logged_set") as batch:
        batch.drop_index("ix_logged_set_import_key")
        batch.drop_column("import_key")
