"""Engine checkpoints: where the progression engine's replay picks up, and what wipes them.

A checkpoint is derived data (a cache of the engine's memory per exercise and side), valid while
nothing dated on or before its `covers_to` changes. Triggers enforce that inside the writing
transaction itself, whichever program writes (another trainer process, an import, a sqlite3
shell): any change to a set, a session's date or a morning check dated on or before the newest
checkpoint deletes them all, and every such change bumps `engine_data_version`, so a process
that read the data before a change does not store checkpoints computed from the old data.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_WIPE = (
    "DELETE FROM engine_checkpoint "
    "WHERE (SELECT max(covers_to) FROM engine_checkpoint) >= {day}; "
    "UPDATE engine_data_version SET n = n + 1;"
)
_SET_DAY = "(SELECT date FROM training_session WHERE id = {row}.session_id)"

TRIGGERS = {
    "trg_logged_set_insert_engine": ("AFTER INSERT ON logged_set", [_SET_DAY.format(row="NEW")]),
    "trg_logged_set_update_engine": (
        "AFTER UPDATE ON logged_set", [_SET_DAY.format(row="OLD"), _SET_DAY.format(row="NEW")]
    ),
    "trg_logged_set_delete_engine": ("AFTER DELETE ON logged_set", [_SET_DAY.format(row="OLD")]),
    "trg_session_update_engine": ("AFTER UPDATE OF date ON training_session", ["OLD.date", "NEW.date"]),
    "trg_session_delete_engine": ("AFTER DELETE ON training_session", ["OLD.date"]),
    "trg_morning_insert_engine": ("AFTER INSERT ON morning_check", ["NEW.date"]),
    "trg_morning_update_engine": ("AFTER UPDATE ON morning_check", ["OLD.date", "NEW.date"]),
    "trg_morning_delete_engine": ("AFTER DELETE ON morning_check", ["OLD.date"]),
}


def upgrade() -> None:
    op.create_table(
        "engine_checkpoint",
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("covers_to", sa.Date(), nullable=False),
        sa.Column("lookback_from", sa.Date(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("exercise_id", "side", name=op.f("pk_engine_checkpoint")),
    )
    op.create_table(
        "engine_data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_engine_data_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engine_data_version")),
    )
    op.execute("INSERT INTO engine_data_version (id, n) VALUES (1, 0)")
    # Covers the side-level pain of every training day (the engine's daily trend rules), so ten
    # years of it are read from the index alone.
    op.create_index(
        "ix_logged_set_day_pain", "logged_set", ["session_id", "side", "exercise_id", "pain"]
    )
    for name, (when, days) in TRIGGERS.items():
        body = " ".join(_WIPE.format(day=day) for day in days)
        op.execute(f"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN {body} END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_logged_set_day_pain", table_name="logged_set")
    op.drop_table("engine_data_version")
    op.drop_table("engine_checkpoint")
