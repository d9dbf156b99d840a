"""Issue 18.3: a file that holds more than a person can have done is refused whole, with the row
that broke the bound; the import summary states the bounds."""

from __future__ import annotations

import json

STRONG_HEAD = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"


def test_one_row_repeated_thousands_of_times_is_refused(run_cli, tmp_path):
    row = '2026-11-16 18:00:00,"Rehab",30m,"Clamshell",1,0,12,0,0,"left","",'
    path = tmp_path / "strong.csv"
    path.write_text("\n".join([STRONG_HEAD] + [row] * 5000) + "\n", encoding="utf-8")
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code == 2 and "more than 20 sets of clamshell on the left side" in result.err
    assert "row 22" in result.err  # the 21st set of that side: the first beyond the bound
    assert json.loads(run_cli("export", "--format", "json").out)["sets"] == []


def test_one_set_repeated_in_a_backup_is_refused(run_cli, services, tmp_path):
    from trainer.core.model import Side

    services.log("clamshell", Side.LEFT, reps=[12], pain=0)
    data = json.loads(run_cli("export", "--format", "json").out)
    one = data["sets"][0]
    data["sets"] = [dict(one, set=n, logged_at=one["logged_at"]) for n in range(1, 400)]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "other.db"
    result = run_cli("import", str(path), "--db", str(other), db=False)
    assert result.code == 2 and "more than 20 sets" in result.err


def test_a_name_of_a_megabyte_is_refused(run_cli, tmp_path):
    path = tmp_path / "strong.csv"
    name = "A" * 300
    path.write_text(f'{STRONG_HEAD}\n2026-11-16 18:00:00,"Rehab",30m,"{name}",1,0,12,0,0,"","",\n', encoding="utf-8")
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code == 2 and "300 characters" in result.err


def test_the_summary_states_the_bounds(run_cli, tmp_path):
    path = tmp_path / "strong.csv"
    path.write_text(f'{STRONG_HEAD}\n2026-11-16 18:00:00,"Rehab",30m,"Clam",1,0,12,0,0,"","",\n', encoding="utf-8")
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code == 0 and "limits: at most 20 sets of one exercise and side a day" in result.out
