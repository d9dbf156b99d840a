"""Crash safety and concurrency with the real program in real processes.

- The TUI runs under a pseudo-terminal, logs sets by keyboard, and is killed with SIGKILL: every
  set logged before the kill is in the file, the session is still in progress (so the next start
  resumes it), and SQLite's integrity check passes.
- Two processes log 500 sets each into one database at the same time: all 1,000 arrive and
  neither process sees an error (WAL, a busy timeout and BEGIN IMMEDIATE in the store).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from conftest import CATALOG, REPO


def _env(db: Path) -> dict[str, str]:
    env = {**os.environ, "TRAINER_DB": str(db), "TRAINER_CATALOG": str(CATALOG)}
    env.pop("NO_COLOR", None)
    return env


def _trainer(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True, text=True, env=_env(db), cwd=REPO, timeout=120,
    )


def _count(db: Path, sql: str = "SELECT count(*) FROM logged_set") -> int:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_killing_the_app_mid_session_loses_no_set(tmp_path: Path):
    db = tmp_path / "trainer.db"
    # A plan (no onboarding) and this week's checklist answered (no dialog over the screen).
    assert _trainer(db, "plan", "set", "--days", "mon,wed,fri").returncode == 0
    assert _trainer(db, "symptoms", "--none").returncode == 0

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "trainer"],
        stdin=slave, stdout=slave, stderr=slave, env={**_env(db), "TERM": "xterm-256color"},
        cwd=REPO, start_new_session=True,
    )
    os.close(slave)
    try:
        # Drain the terminal output so the app never blocks on a full pty buffer.
        def drain() -> None:
            try:
                while True:
                    ready, _, _ = select.select([master], [], [], 0)
                    if not ready:
                        return
                    os.read(master, 65536)
            except OSError:
                return

        time.sleep(3)
        drain()
        os.write(master, b"x")  # an extra session, should today be a rest day
        time.sleep(1)
        os.write(master, b"n")  # start the session: the exercise screen opens
        time.sleep(2)
        drain()
        for _ in range(4):
            os.write(master, b"\r")  # log a set as prescribed
            time.sleep(0.8)
            drain()
        assert _wait_for(lambda: _count(db) >= 4, 15), "the sets were not committed while running"
        logged = _count(db)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        os.close(master)

    assert child.returncode == -signal.SIGKILL
    assert _count(db) == logged >= 4
    assert _count(db, "PRAGMA integrity_check") == "ok"
    assert _count(db, "SELECT status FROM training_session") == "in_progress"
    # The next start finds everything: the history holds the sets logged before the kill.
    history = json.loads(_trainer(db, "history", "--json").stdout)
    assert len(history) == logged


_LOGGER = """
import sys
from trainer.core.model import Side
from trainer.services import build_services
services = build_services()
side = Side(sys.argv[1])
for n in range(500):
    services.log_one_set("clamshell", side, 10 + n % 5, level=1, load="bw", pain=0)
services.close()
print("done")
"""


def test_two_processes_logging_at_once_lose_nothing(tmp_path: Path):
    db = tmp_path / "trainer.db"
    assert _trainer(db, "history").returncode == 0  # create and migrate first
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _LOGGER, side],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(db), cwd=REPO,
        )
        for side in ("left", "right")
    ]
    results = [w.communicate(timeout=240) for w in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "done" and "Traceback" not in err
    assert _count(db) == 1000
    assert _count(db, "SELECT count(DISTINCT set_number) FROM logged_set WHERE side = 'left'") == 500
    assert _count(db, "PRAGMA integrity_check") == "ok"
