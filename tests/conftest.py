"""Shared fixtures: the real catalogue, a real SQLite file in a tmp dir, a fixed clock, the real CLI."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trainer.cli import main as cli_main
from trainer.core.clock import FixedClock
from trainer.services import Services, build_services

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog.toml"
MIGRATIONS = REPO / "migrations"
# A Wednesday, mid-morning UTC: fixed so dates in tests never drift.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trainer.db"


@pytest.fixture
def services(db_path: Path, clock: FixedClock):
    built: Services = build_services(str(db_path), str(CATALOG), clock)
    yield built
    built.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(db_path: Path, clock: FixedClock, monkeypatch):
    """Run the real entry point in-process against the tmp database, capturing its output."""
    monkeypatch.delenv("TRAINER_DB", raising=False)
    monkeypatch.delenv("TRAINER_CATALOG", raising=False)

    def run(*args: str, db: bool = True) -> CliResult:
        argv = [*args, "--db", str(db_path)] if db else list(args)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli_main(argv, clock=clock)
            except SystemExit as exit_:  # argparse's own errors and --help
                code = exit_.code if isinstance(exit_.code, int) else 1
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(autouse=True)
def _ui_checklist_answered(request):
    """UI tests start on an ordinary morning: this week's red-flag checklist is already answered,
    so its weekly dialog does not cover the screen under test (tests of it open it directly)."""
    if "ui" in request.node.path.parts and request.node.path.name != "test_dialogs_and_history.py":
        request.getfixturevalue("services").record_symptoms([])
