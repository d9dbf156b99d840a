"""The choice after pain on one side (issue 15.4) is kept in a JSON backup and restored."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import redirect_stderr, redirect_stdout

from trainer.cli import main as cli_main
from trainer.core.model import Side


def test_a_backup_keeps_the_choice_after_pain(run_cli, services, clock, tmp_path):
    services.log("clamshell", Side.LEFT, reps=[12], pain=7)
    services.record_pain_choice("clamshell", Side.LEFT, True)
    backup = tmp_path / "backup.json"
    assert run_cli("export", "--format", "json", "--output", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["pain_stop_choices"] == [
        {"date": "2026-11-25", "exercise": "clamshell", "side": "left", "carry_on": True}
    ]
    other = tmp_path / "other.db"
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = cli_main(["import", str(backup), "--json", "--db", str(other)], clock=clock)
    assert code == 0, out.getvalue()
    assert json.loads(out.getvalue())["restored"]["pain_stop_choices"] == 1
    with sqlite3.connect(other) as connection:
        rows = connection.execute("SELECT date, exercise_id, side, carry_on FROM pain_stop_choice").fetchall()
    assert rows == [("2026-11-25", "clamshell", "left", 1)]


def test_a_backup_with_a_bad_choice_is_refused_whole(run_cli, services, tmp_path):
    services.log("clamshell", Side.LEFT, reps=[12], pain=7)
    backup = tmp_path / "backup.json"
    assert run_cli("export", "--format", "json", "--output", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["pain_stop_choices"] = [{"date": "2026-11-25", "exercise": "clamshell", "side": "both", "carry_on": True}]
    backup.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(backup))
    assert result.code == 2 and "pain_stop_choices item 1" in result.err and "left or right" in result.err
