"""Personal health data stays private and on the machine.

- The database, the backup written before a migration, and the data directory trainer creates are
  readable by their owner only (0600 / 0700), whatever the umask (the tests use umask 0, the
  worst case: every mode then comes from trainer itself).
- Every file trainer writes for the person (JSON and CSV exports, the report, the calendar) is
  0600, new or overwritten.
- No network: with every network socket, connection and name lookup made to fail (and recorded),
  the main flows of the CLI (log, suggest, chart, report, export, import, ...) and of the app
  (a session logged by keyboard, charts, history, calendar, the summary) all still work, and
  nothing even tried to reach the network.
"""

from __future__ import annotations

import io
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest
from conftest import CATALOG, MIGRATIONS, REPO

from trainer.cli import main as cli_main
from trainer.store import migrate
from trainer.store.database_file import create_private_file as _create_private_file


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _trainer_with_umask_0(db: Path, *args: str) -> subprocess.CompletedProcess:
    """The real program in a process whose umask is 0."""
    launcher = (
        "import os, runpy, sys; os.umask(0); sys.argv[0] = 'trainer'; "
        "runpy.run_module('trainer', run_name='__main__')"
    )
    return subprocess.run(
        [sys.executable, "-c", launcher, *args],
        capture_output=True, text=True, cwd=REPO, timeout=120,
        env={**os.environ, "TRAINER_DB": str(db), "TRAINER_CATALOG": str(CATALOG)},
    )


@pytest.fixture
def umask_0():
    """Umask 0 for in-process runs, restored afterwards."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


# --- the database, its backups and its directory ---------------------------------------------


def test_a_new_database_and_its_directory_are_private(tmp_path):
    db = tmp_path / "home" / "trainer-data" / "trainer.db"
    done = _trainer_with_umask_0(db, "log", "clamshell", "--side", "left", "--reps", "12")
    assert done.returncode == 0, done.stderr
    assert _mode(db.parent) == 0o700
    assert _mode(db) == 0o600
    # Nothing else beside it readable by others (WAL and shared memory, if left, included).
    for path in db.parent.iterdir():
        assert _mode(path) & 0o077 == 0, path


def test_a_migrated_database_and_its_backup_are_private(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / "trainer.db"
    _create_private_file(db)
    migrate(db, MIGRATIONS, to="0001")
    db.chmod(0o644)  # as an old copy might have been left
    done = _trainer_with_umask_0(db, "history")
    assert done.returncode == 0, done.stderr
    backups = list(folder.glob("trainer.db.backup-*"))
    assert len(backups) == 1
    assert _mode(backups[0]) == 0o600
    assert _mode(db) == 0o600
    for path in folder.iterdir():
        assert _mode(path) & 0o077 == 0, path


# --- exports ---------------------------------------------------------------------------------


EXPORTS = [
    pytest.param(("export", "--format", "json", "--output", "{out}"), id="export-json"),
    pytest.param(("export", "--format", "csv", "--output", "{out}"), id="export-csv"),
    pytest.param(("report", "--output", "{out}"), id="report-md"),
    pytest.param(("report", "--format", "html", "--output", "{out}"), id="report-html"),
    pytest.param(("plan", "export", "--ics", "{out}"), id="plan-ics"),
]


@pytest.mark.parametrize("command", EXPORTS)
def test_exports_are_private_new_or_overwritten(run_cli, tmp_path, umask_0, command):
    assert run_cli("plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-02").code == 0
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "12,10", "--pain", "3").code == 0
    new = tmp_path / "new-file"
    existing = tmp_path / "existing-file"
    existing.write_text("an older export\n")
    existing.chmod(0o644)
    for target in (new, existing):
        result = run_cli(*(part.format(out=target) for part in command))
        assert result.code == 0, result.err
        assert target.read_text() != "an older export\n"
    assert (_mode(new), _mode(existing)) == (0o600, 0o600)


# --- no network ------------------------------------------------------------------------------


class NetworkUsed(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Make every network socket, connection and name lookup fail, and record each attempt.

    Local (AF_UNIX) sockets stay allowed: asyncio's event loop wakes itself through a socket pair.
    """
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str):
        attempts.append(what)
        raise NetworkUsed(f"network access attempted: {what}")

    class GuardedSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family not in (socket.AF_UNIX, getattr(socket, "AF_NETLINK", None)):
                refuse(f"socket(family={family})")
            super().__init__(family, type, proto, fileno)

    real_connect, real_connect_ex = real_socket.connect, real_socket.connect_ex

    def connect(self, address):
        if self.family != socket.AF_UNIX:
            refuse(f"connect({address!r})")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family != socket.AF_UNIX:
            refuse(f"connect_ex({address!r})")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(real_socket, "connect", connect)
    monkeypatch.setattr(real_socket, "connect_ex", connect_ex)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, lambda *a, _name=name, **k: refuse(f"{_name}{a!r}"))

    # The guard itself works: a connection and a lookup fail and are recorded.
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    assert len(attempts) == 3
    attempts.clear()
    return attempts


def test_the_cli_works_without_network(run_cli, db_path, tmp_path, no_network, clock):
    outputs = tmp_path / "out"
    outputs.mkdir()
    steps = [
        ("plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-02", "--side", "left"),
        ("settings", "--dumbbells", "4,6,8", "--bands", "yellow,red,green"),
        ("symptoms", "--none"),
        ("log", "clamshell", "--side", "left", "--reps", "12,12,10", "--pain", "2", "--date", "2026-11-23"),
        ("log", "clamshell", "--side", "right", "--reps", "15,15,15", "--date", "2026-11-23"),
        ("log", "frog-stretch", "--side", "both", "--hold", "30,45", "--date", "2026-11-23"),
        ("log", "step-up", "--side", "left", "--reps", "10", "--load", "8kg", "--date", "2026-11-23"),
        ("morning", "--side", "both", "--pain", "1", "--soreness", "2"),
        ("log", "clamshell", "--side", "left", "--reps", "13,12", "--pain", "1"),
        ("assess", "record", "--test", "single-leg-bridge-test", "--side", "left", "--value", "18"),
        ("assess", "show",),
        ("suggest",),
        ("suggest", "--json"),
        ("history", "--json"),
        ("plan", "show"),
        ("catalog", "--json"),
        ("chart", "balance", "--exercise", "clamshell"),
        ("chart", "sides", "--exercise", "clamshell"),
        ("chart", "pain"),
        ("chart", "adherence"),
        ("report", "--format", "html", "--output", str(outputs / "report.html")),
        ("report", "--output", str(outputs / "report.md")),
        ("export", "--format", "json", "--output", str(outputs / "all.json")),
        ("export", "--format", "csv", "--output", str(outputs / "sets.csv")),
        ("plan", "export", "--ics", str(outputs / "plan.ics")),
    ]
    for step in steps:
        result = run_cli(*step)
        assert result.code == 0, (step, result.err)
        assert "Traceback" not in result.err

    # The export restores into another database, also without network.
    other = tmp_path / "restored" / "trainer.db"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(["import", str(outputs / "all.json"), "--db", str(other)], clock=clock)
    assert code == 0, err.getvalue()

    def count(path):
        return sqlite3.connect(path).execute("SELECT count(*) FROM logged_set").fetchone()[0]

    assert count(other) == count(db_path) == 11
    assert no_network == []


async def test_the_app_works_without_network(services, clock, db_path, no_network):
    from textual.widgets import Static

    from trainer.ui.app import TrainerApp
    from trainer.ui.screens.calendar import CalendarScreen
    from trainer.ui.screens.charts import ChartsScreen
    from trainer.ui.screens.exercise import ExerciseScreen
    from trainer.ui.screens.history import HistoryScreen
    from trainer.ui.screens.summary import SummaryScreen
    from trainer.ui.screens.today import TodayScreen

    # A Mon/Wed/Fri plan (the fixed clock's today is Wednesday) and this week's checklist answered.
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.record_symptoms([])
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        for _ in range(3):
            await pilot.press("enter")  # log the set as prescribed
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        for key, screen_type in (("g", ChartsScreen), ("h", HistoryScreen), ("c", CalendarScreen)):
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, screen_type), key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen), key
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session finished" in str(app.screen.query_one("#summary-text", Static).content)
    connection = sqlite3.connect(db_path)
    logged = connection.execute("SELECT count(*) FROM logged_set").fetchone()[0]
    connection.close()
    assert logged == 3
    assert no_network == []


def test_the_default_data_folder_is_made_private_even_if_it_existed(tmp_path: Path):
    """With no --db or TRAINER_DB the database lives in the per-user data folder; trainer makes
    that folder 0700 even when another program created it 0755 first."""
    data_home = tmp_path / "xdg"
    folder = data_home / "trainer"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("TRAINER_DB", "TRAINER_CATALOG")}
    env["XDG_DATA_HOME"] = str(data_home)
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "log", "clamshell", "--side", "left", "--reps", "12"],
        capture_output=True, text=True, cwd=REPO, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(folder) == 0o700
    assert _mode(folder / "trainer.db") == 0o600


def test_a_folder_chosen_with_trainer_db_keeps_its_mode(tmp_path: Path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    result = _trainer_with_umask_0(shared / "trainer.db", "log", "clamshell", "--side", "left", "--reps", "12")
    assert result.returncode == 0, result.stderr
    assert _mode(shared) == 0o755
    assert _mode(shared / "trainer.db") == 0o600
