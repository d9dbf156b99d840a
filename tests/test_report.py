"""`trainer report`: the one page for a professional, in Markdown and HTML, through the real CLI."""

from __future__ import annotations

import re
import stat
from datetime import date, timedelta

import pytest

from trainer.core.model import Side


@pytest.fixture
def history(services):
    """Three weeks of clamshells and step-ups, the left side weaker and sorer, one sharp set."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.update_settings(involved_side="left", baseline_pain_left=1)
    day = date(2026, 11, 2)
    week = 0
    while day < date(2026, 11, 25):
        if day.weekday() in (0, 2, 4):
            week = (day - date(2026, 11, 2)).days // 7
            services.log("clamshell", Side.LEFT, reps=[10 + week, 10 + week], pain=4 - week, on=day)
            services.log("clamshell", Side.RIGHT, reps=[14, 14], pain=1, on=day)
            services.log("step-up", Side.LEFT, reps=[12, 12], load="8kg", pain=2, on=day)
            services.log("step-up", Side.RIGHT, reps=[12, 12], load="8kg", pain=0, on=day)
            services.record_morning(Side.BOTH, pain=1, soreness=2, on=day + timedelta(days=1))
        day += timedelta(days=1)
    services.log("step-up", Side.LEFT, reps=[6], load="8kg", pain=7, sharp=True, on=date(2026, 11, 23))
    return services


def test_markdown_report_covers_what_a_professional_asks(run_cli, history):
    result = run_cli("report")
    assert result.code == 0, result.err
    text = result.out
    assert text.startswith("# Hip training report")
    for heading in (
        "## Plan and adherence", "## Where each side stands", "## Left/right symmetry",
        "## Pain per side", "## Pain flags and referrals", "## Terms",
    ):
        assert heading in text
    assert "Training days: Mon, Wed, Fri; 30 minutes a session" in text
    assert "as the person reports it: left" in text
    assert "| Mon 16 Nov 2026 | 3 | 3 |" in text  # planned and done per week
    assert "| Clamshell | left | level 1 (Clamshell): 13, 13 reps, Mon 23 Nov 2026 |" in text
    # Clamshell symmetry: 10/14 at the start, about 12/14 now, the left side weaker.
    # (the symmetry table's row: the levels table's reasons may name a symmetry too)
    row = next(line for line in text.splitlines() if re.match(r"\| Clamshell \| \d+ % \|", line))
    start, now = (int(cell.strip(" %")) for cell in row.split("|")[2:4])
    assert start == 71 and now > start
    assert row.rstrip().endswith("| left |")
    # The left side's worst pain: 4 in the first week; 7 in the latest, with the sharp step-up.
    assert "Left: 4.0 in the first week, 7.0 in the latest (higher)." in text
    assert "Right: 1.0 in the first week, 1.0 in the latest (the same)." in text
    assert "| Mon 23 Nov 2026 | Step-up | left | sharp pain, pain 7/10 |" in text
    assert "Symmetry index = the weaker side's result divided by the stronger side's" in text


def test_html_report_to_a_private_file(run_cli, history, tmp_path):
    target = tmp_path / "report.html"
    result = run_cli("report", "--format", "html", "--output", str(target))
    assert result.code == 0, result.err
    assert str(target) in result.out
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "<h2>Left/right symmetry</h2>" in page and "<table>" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_report_since_a_date_and_on_an_empty_database(run_cli, history):
    later = run_cli("report", "--since", "2026-11-16").out
    assert "From Mon 16 Nov 2026" in later
    assert "| Mon 2 Nov 2026 |" not in later.split("## Pain per side")[1]


def test_report_of_a_new_person_says_what_is_missing(run_cli):
    text = run_cli("report").out
    assert "No training plan has been set." in text
    assert "Nothing logged yet." in text
    assert "No pain recorded yet." in text


def test_report_bad_output_path(run_cli, tmp_path):
    result = run_cli("report", "--output", str(tmp_path / "missing" / "r.md"))
    assert result.code == 2 and "does not exist" in result.err


def test_report_draws_the_charts_as_text(run_cli, history):
    text = run_cli("report").out
    charts = text.split("## Charts")[1].split("## Terms")[0]
    assert "Clamshell: balance of reps per set" in charts
    assert "90 % = balanced" in charts
    assert "Pain" in charts and "Sessions" in charts
    assert charts.count("```") % 2 == 0 and "\x1b[" not in charts  # plain text, no colour codes
    page = run_cli("report", "--format", "html").out
    # The HTML draws them as vector graphics (tests/test_report_vector.py).
    assert "<svg" in page and "90 % = balanced" in page


def test_report_compares_the_first_and_latest_assessment(run_cli, history):
    for day, left, right in (("2026-10-28", "18", "26"), ("2026-11-25", "23", "27")):
        for side, value in (("left", left), ("right", right)):
            assert run_cli(
                "assess", "record", "--test", "single-leg-bridge-test", "--side", side,
                "--value", value, "--date", day,
            ).code == 0
    text = run_cli("report").out
    section = text.split("## Self-assessment")[1].split("##")[0]
    assert "The left side is weaker" in section
    assert "| Single-leg bridge to fatigue | 18 reps | 26 reps | 23 reps | 27 reps | 85 % |" in section


def test_report_charts_each_measured_assessment_test_over_time(run_cli):
    for day, left, right in (("2026-10-28", "18", "26"), ("2026-11-25", "23", "27")):
        for side, value in (("left", left), ("right", right)):
            run_cli("assess", "record", "--test", "single-leg-bridge-test", "--side", side,
                    "--value", value, "--date", day)
    run_cli("assess", "record", "--test", "single-leg-stance", "--side", "left", "--value", "20")
    charts = run_cli("report").out.split("## Charts")[1]
    assert "Single-leg bridge to fatigue: left vs right (reps)" in charts
    assert "2 Nov" in charts and "23 Nov" in charts  # dates on the x axis
    assert "Single-leg stance: left vs right (s)" in charts
    assert "Only one assessment so far" in charts  # one date: said, not drawn


def test_the_next_dose_says_the_load_before_and_after(run_cli, history):
    """Issue 15.1: "Next" printed "REGRESS: level 3 -> level 3" for 32.5 kg -> 8 kg: it now says
    level, sets x reps and load before and after, in the suggestion's words."""
    text = run_cli("report").out
    row = next(line for line in text.splitlines() if line.startswith("| Step-up | left |"))
    nxt = row.split("|")[4]
    before, after = nxt.split(" -> ")
    assert "level " in before and "8 kg" in before and " x " in before
    assert "level " in after and " x " in after
    right = next(line for line in text.splitlines() if line.startswith("| Step-up | right |"))
    assert "8 kg" in right.split("|")[4]
