"""Issue 18.6-18.7: the last tracebacks for user errors, and empty values read as defaults.

Each gets one line on stderr and exit 2 (nothing written); a full stdout says that what the
command saved is saved.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BIG = "9" * 5000
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "clamshell", "--side", "left", "--reps", BIG],
        ["plan", "set", "--days", "mon,wed,fri", "--minutes", BIG],
        ["chart", "sides", "--width", BIG],
        ["plan", "show", "--weeks", BIG],
        ["assess", "record", "--test", "single-leg-bridge-test", "--side", "left", "--value", BIG],
        ["suggest", "--date", ""],
        ["report", "--since", ""],
        ["log", "clamshell", "--side", "left", "--reps", "12", "--date", ""],
        ["chart", "sides", "--width", "0"],
        ["chart", "pain", "--since", ""],
    ],
    ids=lambda argv: " ".join(a if len(a) < 12 else a[:8] + "..." for a in argv) or "''",
)
def test_one_line_and_exit_2(run_cli, db_path, argv):
    result = run_cli(*argv)
    assert result.code == 2, result
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1, result.err


def test_a_json_number_past_pythons_limit_is_a_message(run_cli, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text('{"format": "trainer-export", "version": ' + BIG + "}", encoding="utf-8")
    result = run_cli("import", str(backup))
    assert result.code == 2 and "far too long" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("argv", [["history"], ["log", "clamshell", "--side", "left", "--reps", "12"]])
def test_a_full_stdout_is_one_line_and_the_set_stays_saved(tmp_path, argv):
    db = tmp_path / "trainer.db"
    code = (
        "import sys; from trainer.cli import main; "
        f"sys.exit(main({argv!r} + ['--db', {str(db)!r}]))"
    )
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=120, check=False,
        )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "could not write the output" in result.stderr
    assert "Exception ignored" not in result.stderr
    if argv[0] == "log":
        check = subprocess.run(
            [sys.executable, "-m", "trainer", "history", "--json", "--db", str(db)],
            cwd=REPO, capture_output=True, text=True, timeout=120, check=True,
        )
        assert json.loads(check.stdout), "the set was saved before the output failed"


def test_a_catalogue_nested_hundreds_deep_is_one_line(run_cli, tmp_path):
    deep = tmp_path / "catalog.toml"
    deep.write_text("schema = 1\nx = " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    result = run_cli("catalog", "--catalog", str(deep))
    assert result.code == 2 and "nested too deeply" in result.err and "Traceback" not in result.err
