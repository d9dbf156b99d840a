"""The usual morning pain can be "not recorded" (progression rules 6.9.8).

`settings.baseline_pain_left/right` were whole numbers defaulting to 0, so a person who never
recorded their usual pain on waking could not be told from one whose usual pain is 0: a stable
1/10 on waking then read as "more than your usual 0/10" every morning (issue 14 item 9). The
columns become nullable, null meaning not recorded (the engine then estimates the usual level
from the side's first week of morning entries), and new rows start with null.

Values already stored are kept as they are: a stored 0 stays a recorded 0. We cannot know whether
it was typed or only the old default; `trainer settings --baseline-pain-left none` clears it.

SQLite cannot change a column's NOT NULL in place: batch mode copies the settings table (it has
no triggers to lose; its single-row check is named, so the copy keeps it).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_COLUMNS = ("baseline_pain_left", "baseline_pain_right")


def upgrade() -> None:
    with op.batch_alter_table("settings") as batch:
        for name in _COLUMNS:
            batch.alter_column(
                name, existing_type=sa.Integer(), nullable=True, server_default=None,
                existing_server_default=sa.text("0"),
            )


def downgrade() -> None:
    # Before 0010 "not recorded" did not exist: it goes back to the old default, 0.
    for name in _COLUMNS:
        op.execute(f"UPDATE settings SET {name} = 0 WHERE {name} IS NULL")
    with op.batch_alter_table("settings") as batch:
        for name in _COLUMNS:
            batch.alter_column(
                name, existing_type=sa.Integer(), nullable=False, server_default=sa.text("0"),
            )
