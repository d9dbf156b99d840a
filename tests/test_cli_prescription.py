"""`trainer prescription template|load|show` through the real entry point (issue 19): the template
loads as written, a bad file is one line and exit 2 with nothing changed, `show` and `--json`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from trainer.core.prescription import TEMPLATE


def _rows(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return connection.execute("SELECT count(*) FROM prescription").fetchone()[0] if "prescription" in tables else 0


def test_the_physio_writes_the_template_and_the_patient_loads_it(run_cli, tmp_path, db_path):
    written = run_cli("prescription", "template", "--output", str(tmp_path / "rx.toml"))
    assert written.code == 0, written.err
    assert (tmp_path / "rx.toml").read_text() == TEMPLATE
    assert (tmp_path / "rx.toml").stat().st_mode & 0o077 == 0
    shown = run_cli("prescription", "template", db=False)
    assert shown.out == TEMPLATE
    loaded = run_cli("prescription", "load", str(tmp_path / "rx.toml"))
    assert loaded.code == 0, loaded.err
    assert "in force from Wed 25 Nov 2026" in loaded.out
    assert "Clamshell (clamshell): left from level 2; right from level 1; 3 x 12-15 reps" in loaded.out
    assert "Side-lying leg raise (side-lying-leg-raise): 10-12 reps; the right side only" in loaded.out
    assert _rows(db_path) == 1
    show = run_cli("prescription", "show")
    assert show.code == 0
    assert show.out.startswith("Prescription from Sam Rivera, physiotherapist, written Tue 01 Dec 2026")
    data = json.loads(run_cli("prescription", "show", "--json").out)
    assert data["in_force"]["starts_on"] == "2026-11-25"
    assert [e["id"] for e in data["in_force"]["exercises"]][:2] == ["clamshell", "single-leg-glute-bridge"]
    assert len(data["prescriptions"]) == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("sets = 3", "sets = 30"), "line 13: exercise 'clamshell': field 'sets' is 30"),
        (('id = "clamshell"', 'id = "clamshel"'), "exercise 'clamshel': field 'id': not in the catalogue"),
        (("schema = 1", "schema = 2"), "field 'schema' is 2"),
    ],
)
def test_a_bad_file_is_one_line_exit_2_and_nothing_changes(run_cli, tmp_path, db_path, change, words):
    bad = tmp_path / "rx.toml"
    bad.write_text(TEMPLATE.replace(*change))
    result = run_cli("prescription", "load", str(bad))
    assert result.code == 2
    assert result.err.startswith(f"trainer: error: {bad}")
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert _rows(db_path) == 0


def test_wrong_input_is_refused_in_one_line(run_cli, tmp_path, db_path):
    (tmp_path / "rx.toml").write_text(TEMPLATE)
    for args in (
        ("prescription", "load", str(tmp_path / "missing.toml")),
        ("prescription", "load", str(tmp_path / "rx.toml"), "--from", "someday"),
        ("prescription", "load", str(tmp_path)),
    ):
        result = run_cli(*args)
        assert result.code == 2, args
        assert len(result.err.strip().splitlines()) == 1, result.err
    assert _rows(db_path) == 0


def test_show_without_a_prescription_says_the_whole_programme_runs(run_cli, tmp_path):
    result = run_cli("prescription", "show")
    assert result.code == 0
    assert "whole programme" in result.out
    assert json.loads(run_cli("prescription", "show", "--json").out) == {"in_force": None, "prescriptions": []}
    (tmp_path / "rx.toml").write_text(TEMPLATE)
    run_cli("prescription", "load", str(tmp_path / "rx.toml"), "--from", "2026-12-07")
    later = run_cli("prescription", "show")
    assert "One applies from Mon 07 Dec 2026" in later.out


def test_suggest_and_plan_follow_the_loaded_prescription(run_cli, tmp_path):
    (tmp_path / "rx.toml").write_text(TEMPLATE)
    assert run_cli("plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-23").code == 0
    before = json.loads(run_cli("suggest", "--json").out)
    assert "dead-bug" in {e["exercise"] for e in before["exercises"]}
    assert run_cli("prescription", "load", str(tmp_path / "rx.toml")).code == 0
    after = json.loads(run_cli("suggest", "--json").out)
    ids = {e["exercise"] for e in after["exercises"]}
    assert ids == {"clamshell", "single-leg-glute-bridge", "copenhagen-plank", "side-lying-leg-raise",
                   "kneeling-hip-flexor-stretch"}
