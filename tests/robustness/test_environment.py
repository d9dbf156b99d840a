"""A hostile environment, with the real program in real processes: a read-only database file or
data directory, a full disk, a data directory that does not exist yet, and a database written by
a newer trainer.

Each must end in one clear line on stderr and exit code 2 (never a traceback), and nothing may be
lost: the database's rows are all there, the file is not replaced, a previous export survives.

How the environment is made, unprivileged and without mounting anything:
- every command runs through a small launcher that sets the umask, the file-size limit and, when
  the tests run as root, drops the two capabilities that let root ignore file modes (from the
  bounding set, before exec'ing trainer), so a read-only file is read-only for it as for anyone;
- a full disk is RLIMIT_FSIZE with SIGXFSZ ignored: a write past the limit fails with EFBIG, as
  a write to a full disk fails with ENOSPC. While a database is open in another connection its
  shared-memory file already exists, so trainer can read at a tiny limit and only its writes fail
  (as with the app open in one terminal and the CLI run in another).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CATALOG, MIGRATIONS, REPO

from trainer.core.model import Side
from trainer.services import build_services
from trainer.store import SCHEMA_REVISION, migrate
from trainer.store.database_file import create_private_file as _create_private_file

# Runs `python -m trainer ARGS` after setting up the process: TRAINER_TEST_UMASK (octal),
# TRAINER_TEST_FSIZE (bytes; SIGXFSZ ignored so the write fails with EFBIG instead of killing the
# process) and, as root with TRAINER_TEST_NO_DAC=1, no CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH.
_LAUNCHER = r"""
import ctypes, os, resource, signal, sys
if os.environ.get("TRAINER_TEST_NO_DAC") == "1" and os.geteuid() == 0:
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP; the probe fixture checks it took
if "TRAINER_TEST_UMASK" in os.environ:
    os.umask(int(os.environ["TRAINER_TEST_UMASK"], 8))
if "TRAINER_TEST_FSIZE" in os.environ:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(os.environ["TRAINER_TEST_FSIZE"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


def trainer(
    db: Path | None,
    *args: str,
    umask: int = 0o022,
    fsize: int | None = None,
    no_dac: bool = True,
    env: dict[str, str] | None = None,
) -> Result:
    environment = {**os.environ, "TRAINER_CATALOG": str(CATALOG), "TRAINER_TEST_UMASK": f"{umask:o}"}
    environment.pop("TRAINER_DB", None)
    if db is not None:
        environment["TRAINER_DB"] = str(db)
    if fsize is not None:
        environment["TRAINER_TEST_FSIZE"] = str(fsize)
    if no_dac:
        environment["TRAINER_TEST_NO_DAC"] = "1"
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, "-m", "trainer", *args],
        capture_output=True, text=True, env=environment, cwd=REPO, timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(result: Result, *words: str) -> str:
    """Exit code 2, no traceback, and exactly one line on stderr, naming what it is about."""
    assert "Traceback" not in result.err, result.err
    assert result.code == 2, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    line = lines[0]
    assert line.startswith("trainer: error: "), line
    for word in words:
        assert word.lower() in line.lower(), (word, line)
    return line


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_digest(db: Path) -> tuple[int, str]:
    """The number of logged sets and a checksum of every row of every table."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        for table in tables:
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr((table, row)).encode())
        count = connection.execute("SELECT count(*) FROM logged_set").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return count, digest.hexdigest()
    finally:
        connection.close()


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture(scope="module")
def permissions_apply(tmp_path_factory) -> None:
    """Skip when this machine cannot make a file read-only for the process under test."""
    probe = tmp_path_factory.mktemp("probe") / "read-only"
    probe.write_text("x")
    probe.chmod(0o400)
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, "-c", f"open({str(probe)!r}, 'a')"],
        capture_output=True, text=True, env={**os.environ, "TRAINER_TEST_NO_DAC": "1"},
    )
    if "PermissionError" not in done.stderr:
        pytest.skip("file modes do not bind here (root without a way to drop CAP_DAC_OVERRIDE)")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    yield folder
    folder.chmod(0o700)  # let pytest clean up after the read-only tests


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory) -> Path:
    """A database with a plan and six logged sets, written through the real services and closed
    cleanly (no WAL beside it); each test gets its own copy."""
    db = tmp_path_factory.mktemp("template") / "trainer.db"
    services = build_services(str(db), str(CATALOG))
    services.set_plan((0, 2, 4))
    services.log("clamshell", Side.LEFT, reps=[12, 11, 10], pain=2)
    services.log("clamshell", Side.RIGHT, reps=[15, 15, 14], pain=1)
    services.close()
    assert not Path(f"{db}-wal").exists()
    return db


@pytest.fixture
def filled_db(filled_template: Path, data_dir: Path) -> Path:
    db = data_dir / "trainer.db"
    shutil.copy(filled_template, db)
    return db


def old_database(db: Path, journal_mode: str = "wal") -> None:
    """A database at revision 0001 holding one plan, one session and one set."""
    _create_private_file(db)
    migrate(db, MIGRATIONS, to="0001")
    raw = sqlite3.connect(db)
    raw.execute(
        "INSERT INTO plan (weekdays, start_date, involved_side, created_at) "
        "VALUES ('mon,wed,fri', '2026-01-05', 'left', '2026-01-05T08:00:00+00:00')"
    )
    raw.execute("INSERT INTO training_session (date, status, notes) VALUES ('2026-01-05', 'done', '')")
    raw.execute(
        "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, pain, "
        "sharp, stopped_early, technique_ok, logged_at) VALUES "
        "(1, 'clamshell', 1, 'left', 1, 14, 2, 0, 0, 1, '2026-01-05T08:10:00+00:00')"
    )
    raw.commit()
    raw.execute(f"PRAGMA journal_mode = {journal_mode}")
    raw.close()


class HeldOpen:
    """Another connection keeping the database open (its WAL and shared memory exist)."""

    def __init__(self, db: Path) -> None:
        self.connection = sqlite3.connect(db)
        self.connection.execute("SELECT count(*) FROM logged_set").fetchone()

    def __enter__(self) -> HeldOpen:
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()


APP = ()  # no command: the app (it must stop before Textual starts)
LOG = ("log", "clamshell", "--side", "left", "--reps", "9")
HISTORY = ("history",)


# --- read-only -------------------------------------------------------------------------------


def test_a_read_only_database_file_is_refused_and_left_alone(filled_db, permissions_apply):
    before = rows_digest(filled_db)
    filled_db.chmod(0o400)
    result = trainer(filled_db, *LOG)
    try:
        assert stat.S_IMODE(filled_db.stat().st_mode) == 0o400, "trainer changed the file's mode"
        assert rows_digest(filled_db) == before
        assert_one_line_error(result, str(filled_db))
    finally:
        filled_db.chmod(0o600)


@pytest.mark.parametrize("command", [LOG, APP], ids=["log", "app"])
def test_a_read_only_data_directory_is_a_clear_error(filled_db, data_dir, permissions_apply, command):
    before, files, inode = file_digest(filled_db), listing(data_dir), filled_db.stat().st_ino
    data_dir.chmod(0o500)
    result = trainer(filled_db, *command)
    data_dir.chmod(0o700)
    assert_one_line_error(result, str(filled_db))
    assert file_digest(filled_db) == before and filled_db.stat().st_ino == inode
    assert listing(data_dir) == files


def test_a_new_database_in_a_read_only_directory_is_a_clear_error(data_dir, permissions_apply):
    data_dir.chmod(0o500)
    result = trainer(data_dir / "trainer.db", *LOG)
    data_dir.chmod(0o700)
    assert_one_line_error(result, "cannot create", str(data_dir / "trainer.db"))
    assert listing(data_dir) == set()


def test_a_database_to_migrate_in_a_read_only_directory_is_a_clear_error(data_dir, permissions_apply):
    db = data_dir / "trainer.db"
    # In rollback-journal mode (as after `sqlite3 trainer.db .backup` or a restore with another
    # tool) the file can be read in a read-only folder, so trainer gets as far as the backup.
    old_database(db, journal_mode="delete")
    before = file_digest(db)
    data_dir.chmod(0o500)
    result = trainer(db, *HISTORY)
    data_dir.chmod(0o700)
    assert file_digest(db) == before
    assert listing(data_dir) == {"trainer.db"}
    assert_one_line_error(result, str(db))


# --- a full disk -----------------------------------------------------------------------------

TINY = 1024  # bytes: less than one WAL frame (a page of 4096 bytes and its header)


def test_a_full_disk_while_logging_keeps_every_set(filled_db):
    before = rows_digest(filled_db)
    with HeldOpen(filled_db):
        result = trainer(filled_db, *LOG, fsize=TINY)
        assert result.code != 0, "the write past the size limit should have failed"
        assert rows_digest(filled_db) == before
    assert rows_digest(filled_db) == before
    # With space again, trainer carries on with the same file.
    assert trainer(filled_db, *LOG).code == 0
    assert rows_digest(filled_db)[0] == before[0] + 1


@pytest.mark.parametrize(
    "command",
    [LOG, ("settings", "--baseline-pain-left", "2")],
    ids=["log", "settings"],
)
def test_a_full_disk_while_writing_is_a_one_line_error(filled_db, command):
    with HeldOpen(filled_db):
        result = trainer(filled_db, *command, fsize=TINY)
    assert_one_line_error(result, str(filled_db))


def test_a_full_disk_while_creating_the_database_is_a_one_line_error(data_dir):
    db = data_dir / "trainer.db"
    result = trainer(db, *LOG, fsize=TINY)
    assert_one_line_error(result, str(db))


def _full_disk_during_backup(data_dir: Path) -> tuple[Path, str, Result]:
    db = data_dir / "trainer.db"
    old_database(db)
    before = file_digest(db)
    with HeldOpen(db):
        result = trainer(db, *HISTORY, fsize=TINY)
    return db, before, result


def test_a_full_disk_during_the_backup_before_a_migration_loses_nothing(data_dir):
    db, before, result = _full_disk_during_backup(data_dir)
    assert result.code != 0
    assert file_digest(db) == before
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    connection.close()
    # With space again the migration runs and keeps the set.
    again = trainer(db, "history", "--json")
    assert again.code == 0, again.err
    assert '"reps": 14' in again.out


def test_a_full_disk_during_the_backup_before_a_migration_is_a_one_line_error(data_dir):
    db, _before, result = _full_disk_during_backup(data_dir)
    assert [p.name for p in data_dir.glob("trainer.db.backup-*")] == []
    assert_one_line_error(result, str(db))




@pytest.mark.parametrize(
    "command",
    [
        ("export", "--format", "json", "--output", "{out}"),
        ("export", "--format", "csv", "--output", "{out}"),
        pytest.param(("report", "--output", "{out}")),
        pytest.param(("plan", "export", "--ics", "{out}")),
    ],
    ids=["export-json", "export-csv", "report", "plan-ics"],
)
def test_an_export_to_a_full_disk_keeps_the_previous_file(filled_db, tmp_path, command):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    target = out_dir / "previous"
    target.write_text("the previous export\n")
    target.chmod(0o600)
    with HeldOpen(filled_db):
        result = trainer(filled_db, *(a.format(out=target) for a in command), fsize=64)
    assert target.read_text() == "the previous export\n"
    assert listing(out_dir) == {"previous"}, "a temporary file was left behind"
    assert_one_line_error(result, "cannot write", str(target))


# --- a missing data directory ----------------------------------------------------------------


def test_a_missing_data_directory_is_created_private(tmp_path):
    db = tmp_path / "new" / "trainer" / "trainer.db"
    # umask 0: the modes must come from trainer, not from a careful umask.
    result = trainer(db, *LOG, umask=0)
    assert result.code == 0, result.err
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert rows_digest(db)[0] == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG data directory: Linux")
def test_a_missing_default_data_directory_is_created_private(tmp_path):
    home = tmp_path / "xdg-data"  # does not exist yet
    result = trainer(None, *LOG, umask=0, env={"XDG_DATA_HOME": str(home)})
    assert result.code == 0, result.err
    folder = home / "trainer"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "trainer.db").stat().st_mode) == 0o600


def test_a_data_directory_that_cannot_be_created_is_a_clear_error(tmp_path, permissions_apply):
    parent = tmp_path / "locked"
    parent.mkdir(mode=0o500)
    db = parent / "missing" / "trainer.db"
    result = trainer(db, *LOG)
    parent.chmod(0o700)
    assert_one_line_error(result, "cannot create", str(db))
    assert listing(parent) == set()


# --- a database from a newer trainer ---------------------------------------------------------


@pytest.mark.parametrize("command", [LOG, APP], ids=["log", "app"])
def test_a_database_from_a_newer_trainer_is_refused_and_untouched(filled_db, data_dir, command):
    connection = sqlite3.connect(filled_db)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    assert SCHEMA_REVISION != "0099"
    before, inode, mtime = file_digest(filled_db), filled_db.stat().st_ino, filled_db.stat().st_mtime_ns
    result = trainer(filled_db, *command)
    assert_one_line_error(result, "newer version", str(filled_db))
    assert file_digest(filled_db) == before
    assert (filled_db.stat().st_ino, filled_db.stat().st_mtime_ns) == (inode, mtime)
    assert not list(data_dir.glob("*.backup-*"))
