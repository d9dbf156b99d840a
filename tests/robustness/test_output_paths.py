"""Issue 18.1: no output path can destroy the database or a device node.

`report --output`, `export --output` and `plan export --ics` onto the database in use, its
journal files or a backup of it (directly or through a link), or onto anything that is not a
regular file, is refused with one line and exit 2; the database is untouched.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def used_db(run_cli, db_path):
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "12", "--pain", "1").code == 0
    return db_path


COMMANDS = [
    ("report", "--output"),
    ("report", "--format", "html", "--output"),
    ("export", "--format", "json", "--output"),
    ("export", "--format", "csv", "--output"),
    ("plan", "export", "--ics"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("which", ["database", "wal", "backup", "link"])
def test_writing_onto_the_database_is_refused(run_cli, used_db, tmp_path, command, which):
    if command[0] == "plan":
        assert run_cli("plan", "set", "--days", "mon,wed,fri").code == 0
    target = {
        "database": used_db,
        "wal": used_db.with_name(used_db.name + "-wal"),
        "backup": used_db.with_name(used_db.name + ".backup-0009-20261201T000000"),
        "link": tmp_path / "innocent-looking.html",
    }[which]
    if which == "backup":
        target.write_bytes(used_db.read_bytes())
    if which == "link":
        os.symlink(used_db, target)
    before = _digest(used_db)
    kept = target.read_bytes() if target.exists() else None
    result = run_cli(*command, str(target))
    assert result.code == 2, result
    assert "database" in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert _digest(used_db) == before
    if kept is not None:
        assert target.read_bytes() == kept
    with sqlite3.connect(used_db) as connection:
        assert connection.execute("SELECT count(*) FROM logged_set").fetchone() == (1,)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_fifo_or_device_is_not_replaced(run_cli, used_db, tmp_path, command):
    if command[0] == "plan":
        assert run_cli("plan", "set", "--days", "mon,wed,fri").code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run_cli(*command, str(fifo))
    assert result.code == 2 and "not a regular file" in result.err
    assert fifo.is_fifo()  # still the pipe, not replaced by a file
    if os.path.exists("/dev/full"):
        result = run_cli(*command, "/dev/full")
        assert result.code == 2 and "not a regular file" in result.err
        assert not os.path.isfile("/dev/full")
