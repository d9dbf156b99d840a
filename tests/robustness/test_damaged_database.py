"""Issue 18.7: damage noticed before anything is written.

A database with a table dropped is refused untouched (it used to take a set and fail later), and
a database its owner made read-only (0400) is refused even for root, for whom access() says yes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_dropped_table_is_refused_untouched(run_cli, db_path):
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "12").code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TABLE morning_check")
    connection.close()
    before = _digest(db_path)
    result = run_cli("log", "clamshell", "--side", "right", "--reps", "12")
    assert result.code == 2 and "morning_check is missing" in result.err and "Traceback" not in result.err
    assert _digest(db_path) == before


def test_a_read_only_database_is_refused_even_for_root(run_cli, db_path):
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "12").code == 0
    os.chmod(db_path, 0o400)
    try:
        before = _digest(db_path)
        result = run_cli("log", "clamshell", "--side", "right", "--reps", "12")
        assert result.code == 2 and "read-only" in result.err
        assert _digest(db_path) == before
    finally:
        os.chmod(db_path, 0o600)
