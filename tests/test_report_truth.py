"""Issue 16.5: the report, the charts and `suggest` tell only what the data say.

Through the real CLI on a real database: pain that was never written down is "not recorded",
never 0; sets done with both sides at once never make an exercise "100 %, even"; the report a
physiotherapist reads has no command-line words.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from trainer.core.model import Side

STRONG_HEAD = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"


def _strong_weeks(tmp_path, *names_and_sides):
    """Three weeks of Monday/Wednesday/Friday sets from Strong, without any pain (Strong has none)."""
    rows, day = [], date(2026, 11, 2)
    while day < date(2026, 11, 21):
        if day.weekday() in (0, 2, 4):
            for name, note in names_and_sides:
                for order in (1, 2):
                    rows.append(f'{day} 18:00:00,"Hips",30m,"{name}",{order},0,12,0,0,"{note}","",')
        day += timedelta(days=1)
    path = tmp_path / "strong.csv"
    path.write_text("\n".join([STRONG_HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def test_imported_sets_without_pain_read_as_not_recorded(run_cli, tmp_path):
    path = _strong_weeks(tmp_path, ("Clamshell", "left"), ("Clamshell", "right"))
    assert run_cli("import", str(path), "--weight-unit", "kg").code == 0
    report = run_cli("report").out
    section = report.split("## Pain per side", 1)[1].split("\n## ", 1)[0]
    assert "0.0" not in section, section
    assert "Pain was not recorded" in section
    chart = json.loads(run_cli("chart", "pain", "--json").out)
    assert all(points == [] for points in chart["series"].values()), chart
    assert "Pain was not recorded on any of these 9 training days" in chart["message"], chart


def test_recorded_and_unrecorded_pain_mix_without_zeros(run_cli, services, tmp_path):
    path = _strong_weeks(tmp_path, ("Clamshell", "left"), ("Clamshell", "right"))
    assert run_cli("import", str(path), "--weight-unit", "kg").code == 0
    services.log("clamshell", Side.LEFT, reps=[12, 12], pain=3, on=date(2026, 11, 23))
    services.log("clamshell", Side.RIGHT, reps=[12, 12], pain=1, on=date(2026, 11, 23))
    report = run_cli("report").out
    assert "left out here, not counted as 0" in report
    assert "| Mon 23 Nov 2026 | 3.0 | 1.0 |" in report
    assert "| Mon 2 Nov 2026 |" not in report.split("## Pain per side", 1)[1].split("\n## ", 1)[0]


def test_both_sides_sets_never_make_an_exercise_even(run_cli, services):
    """A double-leg bridge logged for both sides at once, day after day: the data say nothing
    about left against right, so no symmetry index and no "even"."""
    day = date(2026, 11, 2)
    while day < date(2026, 11, 25):
        if day.weekday() in (0, 2, 4):
            services.log("single-leg-glute-bridge", Side.BOTH, reps=[12, 12], level=1, pain=0, on=day)
        day += timedelta(days=1)
    advice = json.loads(run_cli("suggest", "--json").out)
    bridge = next(e for e in advice["exercises"] if e["exercise"] == "single-leg-glute-bridge")
    assert bridge["lsi"] is None and bridge["weaker_side"] is None
    report = run_cli("report").out
    rows = [line for line in report.splitlines() if line.startswith("| Single-leg glute bridge |") and "%" in line]
    assert rows == [], rows


def test_the_report_has_no_command_line_words(run_cli, services):
    """Reasons and referrals say what to do in words; the commands are for the terminal faces."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    for day in (date(2026, 11, 16), date(2026, 11, 23)):
        services.log("step-up", Side.RIGHT, reps=[10], sharp=True, pain=5, on=day)
    services.log("clamshell", Side.LEFT, reps=[12, 12], pain=1, on=date(2026, 11, 23))
    services.record_symptoms(["night_or_rest_pain"])
    report = run_cli("report").out
    # The words, not the charts' code blocks or the tables' rules.
    prose = "\n".join(
        part for n, part in enumerate(report.split("```")) if n % 2 == 0
    ).replace("---|", "")
    assert "`" not in prose and "--" not in prose, prose
    assert "trainer settings" not in prose and "trainer morning" not in prose
    assert "night_or_rest_pain" not in prose
    assert "wakes you most nights" in prose
