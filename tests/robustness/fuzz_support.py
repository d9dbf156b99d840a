"""Shared pieces of the "bad input everywhere" tests (issue 9, part 4).

- `seed_template(path)` builds a small real database through the real services: a plan, settings,
  sets of several exercises and sides (reps, holds, loads, pain), morning checks, symptom answers
  and an assessment. Each example copies it (`fresh_db`), so an example that succeeds and writes
  does not leak into the next one.
- `run_trainer(...)` runs the real entry point `trainer.cli.main` in-process with a fixed clock,
  with the working directory, TRAINER_DB and TRAINER_CATALOG pointing into the example's tmp
  directory (so no stray argument can reach a user's files), and catches any exception that
  escapes it as a crash (with its traceback) instead of letting it end the test run.
- `db_checksum(path)` is a digest of the database's logical content, read through SQLite (WAL
  included) on a read-only connection.
- `examples(n)` is the number of hypothesis examples of a test: n, times TRAINER_FUZZ_SCALE.
- `assert_clean_outcome(result, ...)` is the contract every bad input must meet: exit code 0 or 2,
  no traceback, and on 2 one clear line on stderr.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from trainer.cli import main as cli_main
from trainer.core.clock import FixedClock
from trainer.core.model import Side

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "catalog.toml"
SAMPLES = Path("/work/shared/samples")
STRONG_FILE = SAMPLES / "strong-export-legacy-format.csv"
HEVY_FILE = SAMPLES / "hevy-export.csv"
FITNOTES_FILE = SAMPLES / "fitnotes-android-export.csv"
SAMPLE_FILES = (STRONG_FILE, HEVY_FILE, FITNOTES_FILE)

def examples(default: int) -> int:
    """Hypothesis examples per test: modest in the default run (the whole set stays well under
    40 s); TRAINER_FUZZ_SCALE=10 searches ten times as long, on demand."""
    return max(1, round(default * float(os.environ.get("TRAINER_FUZZ_SCALE", "1"))))


# The same fixed instant as tests/conftest.py (a Wednesday): dates in the tests never drift.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
CLOCK = FixedClock(NOW)


@dataclass
class Outcome:
    argv: list[str]
    code: int | None
    out: str
    err: str
    crash: str | None  # the traceback of an exception that escaped the entry point

    def describe(self) -> str:
        return (
            f"argv={self.argv!r}\ncode={self.code!r}\nstderr={self.err!r}\n"
            f"stdout={self.out[:400]!r}\ncrash:\n{self.crash or '-'}"
        )


@contextmanager
def _environment(workdir: Path, db: Path, catalog: Path | None) -> Iterator[None]:
    saved_env = {name: os.environ.get(name) for name in ("TRAINER_DB", "TRAINER_CATALOG")}
    saved_cwd = os.getcwd()
    os.environ["TRAINER_DB"] = str(db)
    if catalog is None:
        os.environ.pop("TRAINER_CATALOG", None)
    else:
        os.environ["TRAINER_CATALOG"] = str(catalog)
    os.chdir(workdir)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_trainer(
    argv: list[str],
    *,
    db: Path,
    workdir: Path,
    catalog: Path | None = CATALOG,
    env_catalog: Path | None = None,
    append_options: bool = True,
) -> Outcome:
    """Run `trainer ARGV --db DB [--catalog CATALOG]` in-process, in `workdir`.

    The options go last so they win over anything the generated arguments hold; TRAINER_DB is set
    to the same file in case the generated arguments end the options early. With `catalog=None`
    the catalogue comes from `env_catalog` through TRAINER_CATALOG (or the shipped one).
    """
    full = list(argv)
    if append_options:  # off only for tests of --db/--catalog values themselves
        full += ["--db", str(db)]
        if catalog is not None:
            full += ["--catalog", str(catalog)]
    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    crash = None
    with _environment(workdir, db, env_catalog), redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli_main(full, clock=CLOCK)
        except SystemExit as exit_:  # argparse: usage errors (2), --help and --version (0)
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # noqa: BLE001 - anything else is the bug these tests look for
            crash = traceback.format_exc()
    return Outcome(full, code, out.getvalue(), err.getvalue(), crash)


# A Python exception shown as it is: a class repr, a traceback line, an errno tuple.
_PYTHON_LEAK = re.compile(
    r"Traceback \(most recent call last\)|<class '|\b[A-Z]\w*(?:Error|Exception)\(|\[Errno \d+\]"
    r"|File \"[^\"]+\", line \d+"
)


def assert_clean_outcome(result: Outcome) -> None:
    """Exit code 0 or 2, never a traceback; on 2, one clear line on stderr."""
    assert result.crash is None, "the command crashed:\n" + result.describe()
    assert result.code in (0, 2), "unexpected exit code:\n" + result.describe()
    assert "Traceback" not in result.err, "a traceback on stderr:\n" + result.describe()
    if result.code == 2:
        message = result.err.rstrip("\n")
        assert message.strip(), "exit code 2 without a message:\n" + result.describe()
        assert "\n" not in message, "the message is more than one line:\n" + result.describe()
        assert message.startswith("trainer"), "not trainer's message form:\n" + result.describe()
        assert not _PYTHON_LEAK.search(message), (
            "the message shows a Python exception:\n" + result.describe()
        )


def error_message(result: Outcome) -> str:
    return result.err.strip()


# --- the database ------------------------------------------------------------------------------


def db_checksum(path: Path) -> str:
    """A digest of everything in the database, read through SQLite on a read-only connection."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for statement in connection.iterdump():
            digest.update(statement.encode("utf-8", "surrogatepass"))
            digest.update(b"\n")
        return digest.hexdigest()
    finally:
        connection.close()


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of an SQLite file (its WAL included), through SQLite's backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(target, 0o600)
    return target


def seed_template(path: Path) -> Path:
    """A small real history, written through the real services."""
    from trainer.services import build_services

    yesterday, last_week = date(2026, 11, 24), date(2026, 11, 18)
    services = build_services(str(path), str(CATALOG), CLOCK)
    try:
        services.update_settings(
            baseline_pain_left=1, baseline_pain_right=0, dumbbells_kg=[4, 6, 8],
            bands=["yellow", "red", "green"],
        )
        services.set_plan(
            weekdays=(0, 2, 4), start=date(2026, 11, 2), involved_side=Side.LEFT, minutes=30
        )
        services.log("clamshell", Side.LEFT, reps=[15, 12], level=2, load="red-band", pain=2,
                     on=last_week)
        services.log("clamshell", Side.RIGHT, reps=[15, 15], level=2, load="red-band",
                     on=last_week)
        services.log("couch-stretch", Side.LEFT, holds=[30, 45], pain=1, on=last_week)
        services.log("step-up", Side.RIGHT, reps=[10, 8], load="6kg", pain=4, sharp=True,
                     stopped=True, on=yesterday)
        services.log("bird-dog", Side.LEFT, reps=[10], on=yesterday)
        services.log("frog-stretch", Side.BOTH, holds=[40], on=yesterday)
        services.record_morning(Side.LEFT, 3, 2, on=yesterday)
        services.record_symptoms([], on=last_week)
        services.record_assessment("single-leg-bridge-test", Side.LEFT, "18", 1, last_week)
        services.record_assessment("single-leg-bridge-test", Side.RIGHT, "22", 0, last_week)
    finally:
        services.close()
    return path


@contextmanager
def quiet_cwd(workdir: Path) -> Iterator[None]:
    saved = os.getcwd()
    os.chdir(workdir)
    try:
        yield
    finally:
        os.chdir(saved)
