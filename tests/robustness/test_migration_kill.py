"""SIGKILL during a migration, with the real program in a real process.

A database at the first schema revision, holding a few thousand sessions and 40,000 logged sets
(so the batch copy of `logged_set` takes a noticeable moment), is opened by `trainer settings`,
which backs it up and migrates it to the current revision. The process is killed at several
points: while it starts, while it writes the backup, during the migration's copy-and-move, at the
commit and after it. Each time the next start must succeed: the migration either runs again from
the start or is already done, every row that was in the file is still there, SQLite's integrity
and foreign-key checks pass, and a complete backup of the old file is there to restore.

The kill points are placed from one uninterrupted calibration run (when the backup file appeared,
when the process ended), so the test finds the migration window on a fast or a slow machine alike.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CATALOG, MIGRATIONS, REPO

from trainer.store import SCHEMA_REVISION, migrate
from trainer.store.database_file import create_private_file as _create_private_file

OLD_REVISION = "0001"
SESSIONS = 2000
SETS = 40_000
# Where, as a fraction of the calibrated time from "backup file appeared" to "process ended",
# each kill lands. None: kill as soon as the backup file appears (the copy is under way).
KILL_POINTS = (None, 0.15, 0.4)
# The 0001 schema's tables: what must survive, column by column, whatever the migrations add.
TABLES = ("plan", "training_session", "logged_set")


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "TRAINER_DB": str(db), "TRAINER_CATALOG": str(CATALOG)}


def _start(db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "trainer", "settings"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(db), cwd=REPO,
        start_new_session=True,
    )


def _backups(db: Path) -> list[Path]:
    return sorted(p for p in db.parent.glob(f"{db.name}.backup-*") if not p.name.endswith("-journal"))


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def _connect_ro(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)


def _digest(db: Path, columns: dict[str, list[str]]) -> str:
    """A checksum of every row of the old tables, over the old columns only."""
    digest = hashlib.sha256()
    connection = _connect_ro(db)
    try:
        for table, names in columns.items():
            for row in connection.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
    finally:
        connection.close()
    return digest.hexdigest()


def _one(db: Path, sql: str):
    connection = _connect_ro(db)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


@dataclass(frozen=True)
class OldDatabase:
    path: Path
    columns: dict[str, list[str]]
    digest: str
    sets: int


@pytest.fixture(scope="module")
def old_database(tmp_path_factory) -> OldDatabase:
    """A template database at revision 0001, filled through SQL as the old trainer wrote it."""
    path = tmp_path_factory.mktemp("old") / "trainer.db"
    _create_private_file(path)
    migrate(path, MIGRATIONS, to=OLD_REVISION)
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO plan (weekdays, start_date, involved_side, created_at) "
        "VALUES ('mon,wed,fri', '2010-01-04', 'left', '2010-01-04T08:00:00+00:00')"
    )
    raw.executemany(
        "INSERT INTO training_session (id, date, status, started_at, finished_at, notes) "
        "VALUES (?, date('2010-01-04', '+' || ? || ' days'), 'done', "
        "'2010-01-04T08:00:00+00:00', '2010-01-04T08:40:00+00:00', ?)",
        [(n + 1, n, f"session {n}") for n in range(SESSIONS)],
    )
    per_session = SETS // SESSIONS
    raw.executemany(
        "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, "
        "load_kg, load_band, pain, sharp, stopped_early, technique_ok, logged_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1, '2010-01-04T08:10:00+00:00')",
        [
            (
                n // per_session + 1,
                ("clamshell", "copenhagen-plank", "single-leg-glute-bridge")[n % 3],
                1 + n % 4,
                ("left", "right")[n % 2],
                n % per_session + 1,
                8 + n % 9,
                None if n % 5 else 2.5 * (n % 7),
                "red" if n % 5 == 1 else None,
                n % 6,
            )
            for n in range(SETS)
        ],
    )
    raw.commit()
    columns = {table: _columns(raw, table) for table in TABLES}
    raw.close()
    return OldDatabase(path, columns, _digest(path, columns), SETS)


@dataclass(frozen=True)
class Timing:
    backup_appeared: float  # seconds after the start
    ended: float


def _wait_for_backup(db: Path, child: subprocess.Popen, started: float) -> float | None:
    """Poll (every 2 ms) until a backup file appears; None if the process ended first."""
    while child.poll() is None:
        if _backups(db):
            return time.monotonic() - started
        time.sleep(0.002)
        if time.monotonic() - started > 120:
            raise AssertionError("trainer neither backed up the database nor ended in 120 s")
    return None


@pytest.fixture(scope="module")
def timing(old_database: OldDatabase, tmp_path_factory) -> Timing:
    """One uninterrupted run on a copy: when the backup started and when the process ended."""
    db = tmp_path_factory.mktemp("calibrate") / "trainer.db"
    shutil.copy(old_database.path, db)
    started = time.monotonic()
    child = _start(db)
    appeared = _wait_for_backup(db, child, started)
    out, err = child.communicate(timeout=120)
    ended = time.monotonic() - started
    assert child.returncode == 0, err
    assert appeared is not None, "the calibration run made no backup"
    assert _one(db, "SELECT version_num FROM alembic_version") == SCHEMA_REVISION
    assert _digest(db, old_database.columns) == old_database.digest
    return Timing(appeared, ended)


def _kill_during_migration(db: Path, point: float | None, timing: Timing) -> str:
    """Start trainer on `db` and SIGKILL it at `point`; returns where it was when killed."""
    window = max(timing.ended - timing.backup_appeared, 0.05)
    started = time.monotonic()
    child = _start(db)
    try:
        appeared = _wait_for_backup(db, child, started)
        if appeared is not None and point is not None:
            time.sleep(point * window)
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    if child.returncode == 0:
        return "finished"  # the migration won the race: nothing was interrupted
    assert child.returncode == -signal.SIGKILL, child.stderr
    return "killed"


def _check_restarted(db: Path, old: OldDatabase) -> None:
    """Start again: trainer succeeds, the file is at head, whole, and holds every old row."""
    restarted = subprocess.run(
        [sys.executable, "-m", "trainer", "settings"],
        capture_output=True, text=True, env=_env(db), cwd=REPO, timeout=120,
    )
    assert restarted.returncode == 0, restarted.stderr
    assert "Traceback" not in restarted.stderr
    assert _one(db, "SELECT version_num FROM alembic_version") == SCHEMA_REVISION
    assert _one(db, "PRAGMA integrity_check") == "ok"
    connection = _connect_ro(db)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        # The migrated schema is complete: the columns and tables of the later revisions exist.
        assert "import_key" in _columns(connection, "logged_set")
        assert "rrule" in _columns(connection, "plan")
    finally:
        connection.close()
    assert _one(db, "SELECT count(*) FROM logged_set") == old.sets
    assert _digest(db, old.columns) == old.digest


def _complete_backups(db: Path, old: OldDatabase) -> list[Path]:
    """Backup files that are whole copies of the old database (what a person would restore)."""
    complete = []
    for backup in _backups(db):
        try:
            if (
                _one(backup, "PRAGMA integrity_check") == "ok"
                and _one(backup, "SELECT version_num FROM alembic_version") == OLD_REVISION
                and _digest(backup, old.columns) == old.digest
            ):
                complete.append(backup)
        except sqlite3.DatabaseError:
            continue  # a copy cut off by the kill: not one to restore
    return complete


def test_a_kill_at_any_point_of_a_migration_loses_nothing(old_database, timing, tmp_path):
    interrupted = 0
    for n, point in enumerate(KILL_POINTS):
        db = tmp_path / f"run{n}" / "trainer.db"
        db.parent.mkdir(mode=0o700)
        shutil.copy(old_database.path, db)
        outcome = _kill_during_migration(db, point, timing)

        # Right after the kill, before anything touches the file again: it is whole, and it is
        # either still entirely the old database (the migration's transaction never committed)
        # or entirely migrated, never something in between.
        assert _one(db, "PRAGMA integrity_check") == "ok", f"kill point {point}"
        revision = _one(db, "SELECT version_num FROM alembic_version")
        assert revision in (OLD_REVISION, SCHEMA_REVISION), f"kill point {point}: {revision}"
        assert _digest(db, old_database.columns) == old_database.digest, f"kill point {point}"
        if outcome == "killed" and revision == OLD_REVISION and _backups(db):
            interrupted += 1  # killed after the backup began, before the migration committed
        print(f"kill point {point}: {outcome}, revision {revision}, backups {len(_backups(db))}")

        _check_restarted(db, old_database)
        # The old file is kept whole beside the migrated one, to restore if ever needed.
        assert _complete_backups(db, old_database), f"kill point {point}: no complete backup"

    # The kill points are spread over the calibrated window: at least one must have landed
    # inside the backup-and-migration stretch, or this test proved nothing.
    assert interrupted >= 1, f"no kill interrupted the migration (timing {timing})"


def test_repeated_kills_then_a_restore_from_the_backup(old_database, timing, tmp_path):
    """Killed again and again on the same file, then started to the end; the backup it left,
    copied back over the database, opens and migrates to the same data."""
    db = tmp_path / "trainer.db"
    shutil.copy(old_database.path, db)
    for point in (0.15, None):
        _kill_during_migration(db, point, timing)
        assert _one(db, "PRAGMA integrity_check") == "ok"
        assert _digest(db, old_database.columns) == old_database.digest
    _check_restarted(db, old_database)

    complete = _complete_backups(db, old_database)
    assert complete, "no complete backup of the old database was kept"
    restored = tmp_path / "restored" / "trainer.db"
    restored.parent.mkdir(mode=0o700)
    shutil.copy(complete[0], restored)
    _check_restarted(restored, old_database)
