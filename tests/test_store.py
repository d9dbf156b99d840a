"""The store against real SQLite files: creation, privacy, migrations, refusal of foreign files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from conftest import MIGRATIONS, NOW

from trainer.core.errors import DatabaseError
from trainer.core.model import (
    BODYWEIGHT,
    Load,
    MorningCheck,
    SetEntry,
    Settings,
    Side,
    SymptomAnswers,
)
from trainer.store import APPLICATION_ID, KNOWN_REVISIONS, SCHEMA_REVISION, SessionStatus, migrate, open_store
from trainer.store.database_file import create_private_file as _create_private_file
from trainer.store.tables import engine_for as _engine_for


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(reps: int = 12, side: Side = Side.LEFT, load: Load = BODYWEIGHT) -> SetEntry:
    return SetEntry("clamshell", 1, side, reps, None, load, pain=1)


def test_new_database_is_private_wal_and_at_head(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    store.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
    connection.close()


def test_wal_companion_files_are_private_too(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    store.log_set(date(2026, 11, 25), _entry(), NOW, SessionStatus.IN_PROGRESS)
    # While the engine is open the WAL and shared-memory files exist; they hold health data too.
    companions = [Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
    assert all(p.exists() for p in companions)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in companions)
    store.close()


def test_schema_revision_constant_is_alembic_head():
    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    assert heads == [SCHEMA_REVISION]
    assert KNOWN_REVISIONS[-1] == SCHEMA_REVISION


def test_models_do_not_drift_from_migrations(db_path: Path):
    open_store(db_path, MIGRATIONS, now=NOW).close()
    config = _alembic_config()
    engine = _engine_for(db_path)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises if autogenerate would emit any operation
    engine.dispose()


def test_upgrade_from_first_revision_keeps_data_and_writes_a_backup(db_path: Path):
    _create_private_file(db_path)
    migrate(db_path, MIGRATIONS, to="0001")
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO plan (weekdays, start_date, involved_side, created_at) "
        "VALUES ('mon,wed,fri', '2026-11-02', 'left', '2026-11-02T08:00:00+00:00')"
    )
    raw.execute(
        "INSERT INTO training_session (date, status, notes) VALUES ('2026-11-23', 'done', '')"
    )
    raw.execute(
        "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, "
        "load_band, pain, sharp, stopped_early, technique_ok, logged_at) VALUES "
        "(1, 'clamshell', 2, 'left', 1, 14, 'red', 2, 0, 0, 1, '2026-11-23T08:00:00+00:00')"
    )
    raw.commit()
    raw.close()

    store = open_store(db_path, MIGRATIONS, now=NOW)
    history = store.history()
    store.close()

    assert len(history) == 1
    assert history[0].reps == 14 and history[0].load == Load(band="red")
    assert history[0].date == date(2026, 11, 23)
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
    columns = {row[1] for row in connection.execute("PRAGMA table_info(plan)")}
    assert "session_minutes" in columns
    assert connection.execute("SELECT weekdays, involved_side FROM plan").fetchone() == (
        "mon,wed,fri",
        "left",
    )
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()

    backups = list(db_path.parent.glob("trainer.db.backup-0001-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert old.execute("SELECT reps FROM logged_set").fetchone()[0] == 14
    old.close()


def test_opening_a_current_database_writes_no_backup(db_path: Path):
    open_store(db_path, MIGRATIONS, now=NOW).close()
    open_store(db_path, MIGRATIONS, now=NOW).close()
    assert not list(db_path.parent.glob("*.backup-*"))


def test_empty_existing_file_is_initialised(db_path: Path):
    db_path.parent.mkdir(parents=True)
    db_path.touch(mode=0o644)
    open_store(db_path, MIGRATIONS, now=NOW).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM logged_set").fetchone()[0] == 0


def test_existing_trainer_database_with_loose_mode_is_made_private(db_path: Path):
    open_store(db_path, MIGRATIONS, now=NOW).close()
    os.chmod(db_path, 0o644)
    open_store(db_path, MIGRATIONS, now=NOW).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def _refused(path: Path, *words: str, wal_ok: bool = False) -> None:
    before = _digest(path)
    siblings = set(path.parent.iterdir())
    with pytest.raises(DatabaseError) as error:
        open_store(path, MIGRATIONS, now=NOW)
    message = str(error.value)
    assert str(path) in message and "untouched" in message
    for word in words:
        assert word in message
    assert _digest(path) == before
    # No backup and no new database; a WAL-mode trainer file read for its revision may gain its
    # (empty) -wal/-shm companions, which SQLite manages.
    added = {p.name for p in set(path.parent.iterdir()) - siblings}
    allowed = {f"{path.name}-wal", f"{path.name}-shm"} if wal_ok else set()
    assert added <= allowed


def test_text_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("my training notes\n")
    _refused(path, "not a trainer database")


def test_other_programs_sqlite_file_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ann')")
    connection.commit()
    connection.close()
    _refused(path, "another program")


def test_damaged_database_is_refused_and_left_untouched(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    for reps in range(10, 40):
        store.log_set(date(2026, 11, 25), _entry(reps), NOW, SessionStatus.IN_PROGRESS)
    store.close()
    data = bytearray(db_path.read_bytes())
    # Keep the SQLite header, scribble over the pages behind it.
    data[4096:8192] = b"\xff" * 4096
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError) as error:
        open_store(db_path, MIGRATIONS, now=NOW)
    assert "untouched" in str(error.value)
    assert bytes(data) == db_path.read_bytes()


def test_database_from_a_newer_trainer_is_refused(db_path: Path):
    open_store(db_path, MIGRATIONS, now=NOW).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    _refused(db_path, "newer version", wal_ok=True)


def test_a_directory_is_not_a_database(tmp_path: Path):
    with pytest.raises(DatabaseError, match="not a file"):
        open_store(tmp_path, MIGRATIONS, now=NOW)


def test_each_logged_set_is_committed_at_once(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    store.log_set(date(2026, 11, 25), _entry(12), NOW, SessionStatus.IN_PROGRESS)
    # Another connection (another process, or the app after a crash) sees it immediately.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT reps FROM logged_set").fetchall() == [(12,)]
    other.close()
    store.close()


def test_set_numbers_continue_per_exercise_and_side(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    day = date(2026, 11, 25)
    numbers = [
        store.log_set(day, _entry(side=side), NOW, SessionStatus.IN_PROGRESS).set_number
        for side in (Side.LEFT, Side.LEFT, Side.RIGHT, Side.LEFT)
    ]
    store.close()
    assert numbers == [1, 2, 1, 3]


def test_history_is_newest_first_and_filters_by_date(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    for day in (date(2026, 11, 20), date(2026, 11, 25), date(2026, 11, 23)):
        store.log_set(day, _entry(), NOW, SessionStatus.DONE)
    assert [s.date.day for s in store.history()] == [25, 23, 20]
    assert [s.date.day for s in store.history(since=date(2026, 11, 23))] == [25, 23]
    store.close()


def test_standing_is_the_last_performed_level_and_load(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    assert store.standing("clamshell", Side.LEFT) is None
    store.log_set(date(2026, 11, 20), _entry(load=Load(band="red")), NOW, SessionStatus.DONE)
    store.log_set(date(2026, 11, 18), _entry(load=Load(band="yellow")), NOW, SessionStatus.DONE)
    standing = store.standing("clamshell", Side.LEFT)
    assert standing.level == 1 and standing.load == Load(band="red")
    assert store.standing("clamshell", Side.RIGHT) is None
    store.close()


def test_timestamps_come_back_in_utc(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    logged = store.log_set(date(2026, 11, 25), _entry(), NOW, SessionStatus.IN_PROGRESS)
    again = store.history()[0]
    store.close()
    assert logged.logged_at == NOW == again.logged_at
    assert again.logged_at.utcoffset().total_seconds() == 0


def _rows(path: Path, table: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        connection.close()


def test_morning_check_again_for_the_same_date_and_side_replaces_it(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    day = date(2026, 11, 25)
    store.record_morning(MorningCheck(day, Side.LEFT, pain=4, soreness=2), NOW)
    store.record_morning(MorningCheck(day, Side.RIGHT, pain=1), NOW)
    later = NOW + timedelta(minutes=5)
    corrected = store.record_morning(MorningCheck(day, Side.LEFT, pain=2, soreness=None), later)
    checks = store.morning_checks()
    store.close()
    assert corrected == MorningCheck(day, Side.LEFT, pain=2, soreness=None)
    assert checks == [
        MorningCheck(day, Side.LEFT, pain=2, soreness=None),
        MorningCheck(day, Side.RIGHT, pain=1, soreness=None),
    ]
    # Replaced in place, with the time of the correction.
    left = [row for row in _rows(db_path, "morning_check") if row[2] == "left"]
    assert len(left) == 1 and left[0][5] == later.isoformat(timespec="microseconds")


def test_morning_check_of_both_sides_is_stored_as_one_row_per_side(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    day = date(2026, 11, 24)
    store.record_morning(MorningCheck(day, Side.BOTH, pain=3, soreness=5), NOW)
    # A later one-side correction replaces just that side.
    store.record_morning(MorningCheck(day, Side.RIGHT, pain=0, soreness=5), NOW)
    checks = store.morning_checks()
    store.close()
    assert checks == [
        MorningCheck(day, Side.LEFT, pain=3, soreness=5),
        MorningCheck(day, Side.RIGHT, pain=0, soreness=5),
    ]
    assert sorted(row[2] for row in _rows(db_path, "morning_check")) == ["left", "right"]


def test_morning_checks_are_oldest_first_and_filtered_until_a_date(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    for day, side in ((25, Side.RIGHT), (20, Side.LEFT), (23, Side.RIGHT), (23, Side.LEFT)):
        store.record_morning(MorningCheck(date(2026, 11, day), side, pain=day % 10), NOW)
    everything = store.morning_checks()
    until_23 = store.morning_checks(until=date(2026, 11, 23))
    store.close()
    assert [(c.date.day, c.side) for c in everything] == [
        (20, Side.LEFT), (23, Side.LEFT), (23, Side.RIGHT), (25, Side.RIGHT)
    ]
    assert [c.date.day for c in until_23] == [20, 23, 23]


def test_settings_are_the_defaults_until_saved(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    assert store.settings() == Settings()
    store.close()
    assert _rows(db_path, "settings") == []


def test_settings_round_trip_and_stay_one_row(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    chosen = Settings(
        baseline_pain_left=2,
        baseline_pain_right=1,
        involved_side=Side.RIGHT,
        dumbbells_kg=(2.5, 6.0, 12.5, 300.0),
        bands=("red", "green", "blue"),
        seen_professional=date(2026, 10, 1),
    )
    assert store.save_settings(chosen, NOW) == chosen
    store.close()
    # Read back through a fresh engine: nothing was only in memory.
    store = open_store(db_path, MIGRATIONS, now=NOW)
    assert store.settings() == chosen
    # Saving again overwrites: bands go back to the catalogue's, the side to unknown.
    store.save_settings(Settings(), NOW)
    assert store.settings() == Settings()
    store.close()
    rows = _rows(db_path, "settings")
    assert len(rows) == 1 and rows[0][0] == 1


def test_settings_table_holds_a_single_row(db_path: Path):
    open_store(db_path, MIGRATIONS, now=NOW).close()
    connection = sqlite3.connect(db_path)
    insert = "INSERT INTO settings (id, updated_at) VALUES (?, '2026-11-25T09:30:00+00:00')"
    connection.execute(insert, (1,))
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(insert, (2,))
    # The column defaults are the Settings defaults (usual pain: not recorded, 6.9.8).
    assert connection.execute(
        "SELECT baseline_pain_left, baseline_pain_right, involved_side, dumbbells_kg, bands "
        "FROM settings"
    ).fetchone() == (None, None, None, "", None)
    connection.close()


def test_symptom_answers_keep_every_answer_oldest_first(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    answers = [
        SymptomAnswers(date(2026, 11, 25), frozenset({"weight_loss", "night_or_rest_pain"})),
        SymptomAnswers(date(2026, 11, 20), frozenset({"saddle_numbness"})),
        SymptomAnswers(date(2026, 11, 25), frozenset()),  # later the same day: "none of them"
    ]
    recorded = [store.record_symptoms(answer, NOW) for answer in answers]
    everything = store.symptom_answers()
    until_24 = store.symptom_answers(until=date(2026, 11, 24))
    store.close()
    assert recorded == answers
    assert everything == [answers[1], answers[0], answers[2]]
    assert until_24 == [answers[1]]
    assert [row[2] for row in _rows(db_path, "symptom_answer")] == [
        "night_or_rest_pain,weight_loss", "saddle_numbness", ""
    ]


def test_upgrade_to_0008_keeps_answers_unmarked_and_marks_one_answer_only(db_path: Path):
    # Migration 0008 adds symptom_answer.mistaken (6.9.13); answers from before it still count.
    _create_private_file(db_path)
    migrate(db_path, MIGRATIONS, to="0007")
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO symptom_answer (date, yes_ids, recorded_at) "
        "VALUES ('2026-11-20', 'saddle_numbness', '2026-11-20T08:00:00+00:00')"
    )
    raw.commit()
    raw.close()
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        weak = SymptomAnswers(date(2026, 11, 21), frozenset({"both_legs_weak"}))
        later = store.record_symptoms(weak, NOW)
        assert [a.mistaken for a in store.symptom_answers()] == [False, False]
        assert later.id is not None
        marked = store.mark_symptoms_mistaken(later.id)
        assert marked == SymptomAnswers(weak.date, weak.yes, mistaken=True)
        assert [a.mistaken for a in store.symptom_answers()] == [False, True]
        assert store.mark_symptoms_mistaken(later.id + 100) is None  # no such answer
    finally:
        store.close()
    connection = sqlite3.connect(db_path)
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    triggers = {name for (name,) in rows}
    connection.close()
    assert len(triggers) == 8  # 0008 copied no table, so 0007's triggers are all still there


def test_upgrade_to_0012_keeps_the_stored_usual_pain_and_none_means_not_recorded(db_path: Path):
    # Migration 0012 makes the usual morning pain nullable (6.9.8). A stored value, even the old
    # default 0, is kept as recorded: nobody can tell a typed 0 from the default any more.
    _create_private_file(db_path)
    migrate(db_path, MIGRATIONS, to="0009")
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO settings (id, baseline_pain_left, involved_side, updated_at) "
        "VALUES (1, 2, 'left', '2026-10-01T08:00:00+00:00')"
    )  # the right side takes 0009's column default, 0
    raw.commit()
    raw.close()
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        settings = store.settings()
        assert (settings.baseline_pain_left, settings.baseline_pain_right) == (2, 0)
        assert settings.involved_side is Side.LEFT
        cleared = store.save_settings(Settings(baseline_pain_left=2, baseline_pain_right=None), NOW)
        assert cleared.baseline_pain_right is None
        assert store.settings().baseline_pain_right is None
    finally:
        store.close()
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT baseline_pain_left, baseline_pain_right FROM settings").fetchone() == (2, None)
    with pytest.raises(sqlite3.IntegrityError):  # the copied table keeps its single-row check
        connection.execute("INSERT INTO settings (id, updated_at) VALUES (2, '2026-11-25T09:30:00+00:00')")
    triggers = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    connection.close()
    assert len(triggers) == 8  # 0007's triggers are on other tables and all still there


def test_downgrade_from_0012_makes_a_usual_pain_not_recorded_the_old_default(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    store.save_settings(Settings(baseline_pain_left=3), NOW)
    store.close()
    config = _alembic_config()
    engine = _engine_for(db_path, foreign_keys=False)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    engine.dispose()
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT baseline_pain_left, baseline_pain_right FROM settings").fetchone() == (3, 0)
    connection.close()


def test_the_light_table_list_matches_the_declared_tables():
    """database_file checks a file's tables without loading SQLModel: its list must be the one the
    table classes declare."""
    from trainer.store.database_file import TABLE_NAMES
    from trainer.store.tables import metadata

    assert sorted(TABLE_NAMES) == sorted(metadata.tables)
