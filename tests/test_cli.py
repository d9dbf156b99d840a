"""The real command line: good input, bad input (exit 2, one line, nothing written)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CATALOG, REPO

EXPECTED_IDS = {
    "leg-swings", "hip-circles", "kneeling-hip-flexor-stretch", "couch-stretch", "clamshell",
    "side-lying-leg-raise", "banded-lateral-walk", "single-leg-glute-bridge", "copenhagen-plank",
    "cossack-squat", "butterfly-stretch", "frog-stretch", "bird-dog", "dead-bug",
    "single-leg-romanian-deadlift", "step-up",
}


def _history(run_cli) -> list[dict]:
    result = run_cli("history", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_catalog_json_lists_every_exercise_with_its_ladder(run_cli):
    result = run_cli("catalog", "--json", db=False)
    assert result.code == 0
    data = json.loads(result.out)
    assert {ex["id"] for ex in data["exercises"]} == EXPECTED_IDS
    assert data["groups"] == [
        "warm-up", "mobility", "activation", "strength", "core", "integration", "cool-down"
    ]
    bridge = next(ex for ex in data["exercises"] if ex["id"] == "single-leg-glute-bridge")
    assert [lvl["level"] for lvl in bridge["levels"]] == [1, 2, 3, 4, 5]
    assert bridge["entry_level"] == 3
    assert bridge["levels"][0]["sided"] == "both"
    assert bridge["levels"][4]["loads"] == ["weight"]
    for exercise in data["exercises"]:
        assert exercise["levels"], exercise["id"]
        assert sum(lvl["entry"] for lvl in exercise["levels"]) == 1
        assert exercise["steps"] and exercise["cues"]


def test_catalog_text_groups_exercises_in_session_order(run_cli):
    result = run_cli("catalog", db=False)
    assert result.code == 0
    out = result.out
    positions = [
        out.index(h) for h in ("WARM-UP", "MOBILITY", "ACTIVATION", "STRENGTH", "CORE", "INTEGRATION", "COOL-DOWN")
    ]
    assert positions == sorted(positions)
    assert "copenhagen-plank" in out and "* 1" in out


def test_catalog_does_not_need_a_database(run_cli, db_path: Path):
    assert run_cli("catalog", db=False).code == 0
    assert not db_path.exists()


def test_logged_sets_appear_in_history(run_cli):
    result = run_cli("log", "clamshell", "--side", "left", "--reps", "15,15,12", "--pain", "2")
    assert result.code == 0, result.err
    assert "Clamshell" in result.out and "set 3: 12 reps" in result.out
    sets = _history(run_cli)
    assert [s["reps"] for s in sets] == [12, 15, 15]  # newest first
    newest = sets[0]
    for key in ("date", "exercise", "level", "side", "set", "reps", "hold_s", "load", "pain", "sharp"):
        assert key in newest
    assert newest == newest | {
        "date": "2026-11-25", "exercise": "clamshell", "level": 1, "side": "left", "set": 3,
        "hold_s": None, "load": "bw", "pain": 2, "sharp": False,
    }


def test_log_json_hold_load_flags_and_date(run_cli):
    result = run_cli(
        "log", "side-lying-leg-raise", "--side", "right", "--reps", "10", "--level", "2",
        "--load", "1.5kg", "--pain", "4", "--sharp", "--stopped", "--poor-technique",
        "--date", "2026-11-23", "--json",
    )
    assert result.code == 0, result.err
    logged = json.loads(result.out)["logged"]
    assert logged[0] | {} == logged[0] and logged[0]["load"] == "1.5kg"
    assert (logged[0]["sharp"], logged[0]["stopped"], logged[0]["technique_ok"]) == (True, True, False)
    held = run_cli("log", "frog-stretch", "--side", "both", "--hold", "30,45", "--json")
    assert [s["hold_s"] for s in json.loads(held.out)["logged"]] == [30, 45]
    assert [s["date"] for s in _history(run_cli)] == ["2026-11-25", "2026-11-25", "2026-11-23"]


def test_level_and_load_default_to_what_the_side_did_last(run_cli):
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "12", "--level", "2", "--load", "red-band").code == 0
    assert run_cli("log", "clamshell", "--side", "left", "--reps", "13").code == 0
    assert run_cli("log", "clamshell", "--side", "right", "--reps", "11").code == 0
    newest, middle = _history(run_cli)[:2]
    assert (middle["level"], middle["load"]) == (2, "red-band")
    assert (newest["side"], newest["level"], newest["load"]) == ("right", 1, "bw")


def test_history_since_and_text(run_cli):
    run_cli("log", "clamshell", "--side", "left", "--reps", "12", "--date", "2026-11-20")
    run_cli("log", "clamshell", "--side", "left", "--reps", "14", "--date", "2026-11-24")
    result = run_cli("history", "--since", "2026-11-21")
    assert result.code == 0
    assert "2026-11-24" in result.out and "2026-11-20" not in result.out
    assert "14 reps" in result.out


def test_history_of_an_empty_database_says_so(run_cli):
    result = run_cli("history")
    assert result.code == 0 and "No sets logged yet" in result.out
    assert json.loads(run_cli("history", "--json").out) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["log", "clamshells", "--side", "left", "--reps", "12"], "did you mean clamshell"),
        (["log", "frog-stretch", "--side", "both", "--reps", "12"], "--hold"),
        (["log", "clamshell", "--side", "left", "--hold", "30"], "--reps"),
        (["log", "clamshell", "--side", "left", "--reps", "-3"], "negative"),
        (["log", "clamshell", "--side", "left", "--reps", "201"], "200"),
        (["log", "frog-stretch", "--side", "both", "--hold", "601"], "600"),
        (["log", "clamshell", "--side", "left", "--reps", "12,x"], "not a whole number"),
        (["log", "clamshell", "--side", "left", "--reps", "12,,12"], "comma"),
        (["log", "clamshell", "--side", "left", "--reps", "0"], "--stopped"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--pain", "11"], "0-10"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--pain", "-1"], "0-10"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--date", "2026-11-26"], "future"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--date", "26/11/2026"], "YYYY-MM-DD"),
        (["log", "clamshell", "--side", "middle", "--reps", "12"], "left, right, both"),
        (["log", "clamshell", "--side", "both", "--reps", "12"], "per side"),
        (["log", "frog-stretch", "--side", "left", "--hold", "30"], "both sides"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--level", "9"], "levels 1-2"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--load", "8kg"], "does not fit"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--level", "2", "--load", "pink-band"], "yellow"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--level", "2", "--load", "heavy"], "8kg"),
        (["log", "step-up", "--side", "left", "--reps", "12", "--load", "900kg"], "out of range"),
        (["log", "clamshell", "--side", "left"], "--reps"),
        (["log", "clamshell", "--side", "left", "--reps", "1", "--hold", "2"], "not allowed with"),
        (["log", "clamshell", "--side", "left", "--reps", "12", "--level", "two"], "whole number"),
        (["history", "--since", "last week"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_refused_with_exit_2_and_nothing_written(run_cli, args, message):
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert _history(run_cli) == []


def test_broken_catalogue_names_file_and_line_and_exits_2(run_cli, tmp_path: Path, db_path: Path):
    broken = tmp_path / "my-catalog.toml"
    text = CATALOG.read_text().replace('id = "clamshell"', 'id = "clamshell', 1)
    broken.write_text(text)
    line = next(n for n, text_line in enumerate(text.splitlines(), 1) if text_line.startswith('id = "clamshell'))
    result = run_cli("--catalog", str(broken), "log", "clamshell", "--side", "left", "--reps", "12")
    assert result.code == 2
    assert str(broken) in result.err and f"line {line}" in result.err
    assert "Traceback" not in result.err
    assert not db_path.exists()  # the catalogue is checked before the database is opened


def test_catalogue_from_environment_variable(run_cli, tmp_path: Path, monkeypatch):
    own = tmp_path / "physio.toml"
    own.write_text(CATALOG.read_text().replace('name = "Clamshell"', 'name = "Clam (physio)"', 1))
    monkeypatch.setenv("TRAINER_CATALOG", str(own))
    result = run_cli("catalog", "--json", db=False)
    names = {ex["id"]: ex["name"] for ex in json.loads(result.out)["exercises"]}
    assert names["clamshell"] == "Clam (physio)"
    bad = tmp_path / "bad.toml"
    bad.write_text(CATALOG.read_text().replace("min = 10", "min = 16", 1))
    monkeypatch.setenv("TRAINER_CATALOG", str(bad))
    result = run_cli("catalog", db=False)
    assert result.code == 2 and "'min' (16) is greater than field 'max' (15)" in result.err


def test_missing_catalogue_file(run_cli, tmp_path: Path):
    result = run_cli("--catalog", str(tmp_path / "nope.toml"), "catalog", db=False)
    assert result.code == 2 and "does not exist" in result.err


def test_foreign_database_is_refused(run_cli, tmp_path: Path):
    foreign = tmp_path / "photos.db"
    foreign.write_bytes(b"not a database at all")
    result = run_cli("--db", str(foreign), "history", db=False)
    assert result.code == 2 and "not a trainer database" in result.err
    assert foreign.read_bytes() == b"not a database at all"


def test_global_options_work_before_the_command_and_from_the_environment(
    run_cli, db_path: Path, monkeypatch
):
    assert run_cli("--db", str(db_path), "log", "clamshell", "--side", "left", "--reps", "9", db=False).code == 0
    monkeypatch.setenv("TRAINER_DB", str(db_path))
    result = run_cli("history", "--json", db=False)
    assert [s["reps"] for s in json.loads(result.out)] == [9]


def _run_process(*args: str, env_db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRAINER_DB": str(env_db)}
    env.pop("TRAINER_CATALOG", None)
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
    )


def test_console_entry_point_in_a_real_process(db_path: Path):
    ok = _run_process("log", "bird-dog", "--side", "left", "--reps", "10,10", env_db=db_path)
    assert ok.returncode == 0, ok.stderr
    bad = _run_process("log", "bird-dog", "--side", "left", "--reps", "10", "--pain", "12", env_db=db_path)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr
    listed = _run_process("history", "--json", env_db=db_path)
    assert [s["reps"] for s in json.loads(listed.stdout)] == [10, 10]


# Every command that does not draw, in the order a person might run them (each must succeed).
NON_DRAWING = [
    ["catalog"],
    ["plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-02"],
    ["log", "clamshell", "--side", "left", "--reps", "15,15", "--pain", "1", "--date", "2026-11-23"],
    ["log", "clamshell", "--side", "right", "--reps", "14,14", "--date", "2026-11-23", "--json"],
    ["morning", "--side", "left", "--pain", "0", "--soreness", "2", "--date", "2026-11-24"],
    ["symptoms", "--list"],
    ["symptoms", "--none"],
    ["history"],
    ["history", "--json"],
    ["suggest"],
    ["suggest", "--json"],
    ["assess", "tests"],
    ["assess", "record", "--test", "single-leg-bridge-test", "--side", "left", "--value", "20"],
    ["assess", "show", "--json"],
    ["plan", "show"],
    ["plan", "export", "--ics", "{dir}/plan.ics"],
    ["settings"],
    ["settings", "--baseline-pain-left", "1", "--json"],
    ["export", "--format", "csv"],
    ["export", "--format", "json", "--output", "{dir}/backup.json"],
    ["import", "{dir}/backup.json"],
]


def test_commands_that_do_not_draw_load_neither_textual_nor_plotext(db_path: Path, tmp_path: Path):
    """Scripts call these often: they must not pay for loading the app or the charting library."""
    code = (
        "import json, sys; from trainer.cli import main\n"
        "for argv in json.loads(sys.argv[1]):\n"
        "    argv = [a.replace('{dir}', sys.argv[2]) for a in argv]\n"
        "    code = main([*argv, '--db', sys.argv[3]])\n"
        "    loaded = sorted(m for m in ('textual', 'plotext') if m in sys.modules)\n"
        "    print(json.dumps([argv[:2], code, loaded]), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(NON_DRAWING), str(tmp_path), str(db_path)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stderr.splitlines() if line.startswith("[")]
    assert len(results) == len(NON_DRAWING), out.stderr
    for command, code_, loaded in results:
        assert code_ == 0, (command, out.stderr)
        assert loaded == [], f"{' '.join(command)} loaded {loaded}"
