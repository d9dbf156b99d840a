"""`trainer report --since-prescription` and the report's "Prescription" section (issue 19.4, the
review): what the physiotherapist prescribed against what was done since, side by side, through
the real CLI on a real SQLite file (the conftest clock: Wednesday 25 Nov 2026)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest

from trainer.core.errors import EntryError
from trainer.core.model import Side
from trainer.core.prescription import TEMPLATE

TODAY = date(2026, 11, 25)
STARTS_ON = date(2026, 11, 9)  # a Monday, two weeks and a bit back
TRAINING_DAYS = [STARTS_ON + timedelta(days=n) for n in (0, 2, 4, 7, 9, 11, 14)]  # Mon/Wed/Fri to Mon 23 Nov
HEADER = ["Exercise", "Side", "Prescribed", "Sessions", "Sets", "Highest level", "Worst pain", "Next session"]


def _prescription(tmp_path, review_on: str = "2026-11-30"):
    text = TEMPLATE.replace("written_on = 2026-12-01", "written_on = 2026-11-06").replace(
        "review_on = 2027-01-12", f"review_on = {review_on}"
    )
    path = tmp_path / "prescription.toml"
    path.write_text(text)
    return path


@pytest.fixture
def trained(services, tmp_path):
    """A plan from 2 Nov (whole programme, Mon/Wed/Fri); clamshells before the prescription; the
    template's prescription from Mon 9 Nov, then: clamshells every training day, the Copenhagen
    plank three times with the left side twice above its pain limit of 3, the side-lying leg raise
    on the right (the prescribed side) and once on the left, a hip-flexor stretch without pain
    noted, a step-up (not prescribed) with sharp pain; the glute bridge never."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)
    services.log("clamshell", Side.LEFT, reps=[15, 15], level=1, pain=1, on=date(2026, 11, 4))
    services.log("clamshell", Side.RIGHT, reps=[15, 15], level=1, pain=8, sharp=True, on=date(2026, 11, 4))
    services.load_prescription(str(_prescription(tmp_path)), starts_on=STARTS_ON)
    for day in TRAINING_DAYS:
        services.log("clamshell", Side.LEFT, reps=[12, 12, 12], level=2, pain=1, on=day)
        right_level = 2 if day == TRAINING_DAYS[-1] else 1
        services.log("clamshell", Side.RIGHT, reps=[12, 12, 12], level=right_level, pain=2, on=day)
    for day, left_pain, left_reps in (
        (date(2026, 11, 11), 2, [8, 8]), (date(2026, 11, 18), 5, [6]), (date(2026, 11, 23), 4, [8, 8]),
    ):
        services.log("copenhagen-plank", Side.LEFT, reps=left_reps, level=1, load="bw", pain=left_pain, on=day)
        services.log("copenhagen-plank", Side.RIGHT, reps=[8, 8], level=1, load="bw", pain=1, on=day)
    for day in (date(2026, 11, 13), date(2026, 11, 20)):
        services.log("side-lying-leg-raise", Side.RIGHT, reps=[10, 10], level=1, pain=0, on=day)
    services.log("side-lying-leg-raise", Side.LEFT, reps=[10], level=1, pain=0, on=date(2026, 11, 13))
    services.log("kneeling-hip-flexor-stretch", Side.LEFT, holds=[30, 30], level=1, on=date(2026, 11, 9))
    services.log("kneeling-hip-flexor-stretch", Side.RIGHT, holds=[30, 30], level=1, on=date(2026, 11, 9))
    services.log("step-up", Side.LEFT, reps=[10], load="8kg", pain=7, sharp=True, on=date(2026, 11, 16))
    services.log("step-up", Side.RIGHT, reps=[10, 10], load="8kg", pain=0, on=date(2026, 11, 16))
    return services


def _section(report: str) -> str:
    return report.split("## Prescription\n", 1)[1].split("\n## ", 1)[0]


def _rows(section: str) -> dict[tuple[str, str], dict[str, str]]:
    """The table "prescribed against done", by exercise and side."""
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("| \n").split(" | ")]
    assert header == HEADER
    rows = {}
    for line in lines[1:]:
        cells = dict(zip(header, (cell.strip() for cell in line.strip("| \n").split(" | ")), strict=True))
        rows[(cells["Exercise"], cells["Side"])] = cells
    return rows


def test_the_report_since_the_prescription_sets_it_against_what_was_done(run_cli, trained):
    result = run_cli("report", "--since-prescription")
    assert result.code == 0, result.err
    report = result.out
    assert "From Mon 9 Nov 2026 to Wed 25 Nov 2026" in report
    # Right after the summary.
    assert report.index("## Summary") < report.index("## Prescription") < report.index("## Plan and adherence")
    section = _section(report)
    assert "Written by Sam Rivera, physiotherapist, on Fri 6 Nov 2026; in force since Mon 9 Nov 2026." in section
    assert "Review: Mon 30 Nov 2026 (review due in 5 days)." in section
    assert "Three sessions a week. Stop any exercise that gives sharp pain" in section

    rows = _rows(section)
    # One row per prescribed exercise and side it trains: the leg raise is prescribed for the right only.
    assert set(rows) == {
        ("Clamshell", "left"), ("Clamshell", "right"),
        ("Single-leg glute bridge", "left"), ("Single-leg glute bridge", "right"),
        ("Copenhagen plank", "left"), ("Copenhagen plank", "right"),
        ("Side-lying leg raise", "right"),
        ("Kneeling hip flexor stretch", "left"), ("Kneeling hip flexor stretch", "right"),
    }
    clam_left, clam_right = rows[("Clamshell", "left")], rows[("Clamshell", "right")]
    # The clamshells of 4 Nov were before the prescription: not counted.
    assert clam_left["Sessions"] == "7 of 8 planned" and clam_left["Sets"] == "21"
    assert clam_left["Highest level"] == "2" and clam_left["Worst pain"] == "1/10"
    assert clam_right["Highest level"] == "2" and clam_right["Worst pain"] == "2/10"
    assert clam_left["Prescribed"].startswith("start level 2, max level ")
    assert clam_right["Prescribed"].startswith("start level 1, max level ")
    assert "3 x 12-15 reps; every session" in clam_left["Prescribed"]

    plank_left, plank_right = rows[("Copenhagen plank", "left")], rows[("Copenhagen plank", "right")]
    assert "2 a week" in plank_left["Prescribed"] and "pain limit 3" in plank_left["Prescribed"]
    # per_week = 2 on Mon/Wed/Fri: two sessions in each full week, one planned up to today this week.
    assert plank_left["Sessions"] == "3 of 5 planned" and plank_left["Sets"] == "5"
    assert plank_left["Highest level"] == "1"
    assert plank_left["Worst pain"] == "5/10; 2 sessions above the limit of 3"
    assert plank_right["Worst pain"] == "1/10; none above the limit of 3"

    assert rows[("Side-lying leg raise", "right")]["Sessions"].startswith("2 of ")
    bridge = rows[("Single-leg glute bridge", "left")]
    assert bridge["Sessions"].startswith("not done yet")
    assert bridge["Worst pain"] == "not recorded" and bridge["Sets"] == "-"
    stretch = rows[("Kneeling hip flexor stretch", "left")]
    assert stretch["Sessions"].startswith("1 of ") and stretch["Worst pain"] == "not recorded"

    # The engine's decision for the next session, in the report's words.
    advice = {a.exercise_id: a for a in trained.suggest(TODAY + timedelta(days=1)).exercises}
    left_plank = next(d for d in advice["copenhagen-plank"].sides if d.side is Side.LEFT)
    assert plank_left["Next session"].startswith(left_plank.decision.value + ":")

    assert "Pain per side on the prescribed exercises: left worst 5/10, 2 sessions above a prescribed limit; " \
        "right worst 2/10, none above a prescribed limit." in section
    assert "Done but not prescribed: Step-up (left 1 session, right 1 session); Side-lying leg raise, " \
        "left side (prescribed for the right only; 1 session)." in section
    # The flags come from the flags section's own rule, since the start only (not 4 Nov's).
    assert 'Pain flags since Mon 9 Nov 2026, as listed under "Pain flags and referrals": ' \
        "Mon 16 Nov 2026, Step-up, left (sharp pain, pain 7/10)." in section
    flags = report.split("## Pain flags and referrals", 1)[1].split("\n## ", 1)[0]
    assert "| Mon 16 Nov 2026 | Step-up | left | sharp pain, pain 7/10 |" in flags
    assert "Wed 4 Nov 2026" not in report


def test_the_section_is_there_without_the_flag_and_counts_from_the_prescription(run_cli, trained):
    report = run_cli("report").out
    assert "From Wed 4 Nov 2026" in report  # the whole history
    rows = _rows(_section(report))
    assert rows[("Clamshell", "left")]["Sessions"] == "7 of 8 planned"  # 4 Nov is before the prescription
    assert rows[("Clamshell", "right")]["Worst pain"] == "2/10"  # not 4 Nov's 8


def test_the_html_and_pdf_reports_have_the_section(run_cli, trained, tmp_path):
    page = run_cli("report", "--since-prescription", "--format", "html").out
    assert page.index("<h2>Summary</h2>") < page.index("<h2>Prescription</h2>") < page.index(
        "<h2>Plan and adherence</h2>"
    )
    section = page.split("<h2>Prescription</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<th>Highest level</th>" in section
    assert "<td>Copenhagen plank</td><td>left</td>" in section
    assert "<td>5/10; 2 sessions above the limit of 3</td>" in section
    assert "<td>not done yet" in section and "Done but not prescribed: Step-up" in section
    assert "Review: Mon 30 Nov 2026 (review due in 5 days)." in section
    target = tmp_path / "review.pdf"
    result = run_cli("report", "--since-prescription", "--format", "pdf", "--output", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Prescription" in text and "not done" in text and "Done but not prescribed" in text


def test_a_review_date_gone_by_is_said_to_be_past(run_cli, services, tmp_path):
    services.load_prescription(str(_prescription(tmp_path, review_on="2026-11-20")), starts_on=STARTS_ON)
    section = _section(run_cli("report", "--since-prescription").out)
    assert "Review: Fri 20 Nov 2026 (past: the review was due 5 days ago)." in section
    rows = _rows(section)
    # No plan: the expected sessions are left out rather than guessed.
    assert rows[("Clamshell", "left")]["Sessions"] == "not done yet"


def test_a_review_far_off_is_only_its_date(run_cli, services, tmp_path):
    services.load_prescription(str(_prescription(tmp_path, review_on="2027-01-12")), starts_on=STARTS_ON)
    section = _section(run_cli("report").out)
    assert "Review: Tue 12 Jan 2027.\n" in section


def test_without_a_prescription_there_is_no_section(run_cli, services):
    services.log("clamshell", Side.LEFT, reps=[12], pain=1, on=date(2026, 11, 23))
    assert "## Prescription" not in run_cli("report").out


def test_since_prescription_without_one_in_force_is_refused_and_writes_nothing(run_cli, services, tmp_path):
    target = tmp_path / "report.md"
    result = run_cli("report", "--since-prescription", "--output", str(target))
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "no prescription is in force: load one with `trainer prescription load FILE`" in result.err
    assert not target.exists()
    # One that starts after today is not in force yet either.
    services.load_prescription(str(_prescription(tmp_path)), starts_on=TODAY + timedelta(days=3))
    result = run_cli("report", "--since-prescription", "--format", "pdf", "--output", str(target))
    assert result.code == 2 and "no prescription is in force" in result.err and not target.exists()


def test_since_and_since_prescription_together_are_refused(run_cli, trained, tmp_path):
    target = tmp_path / "report.html"
    result = run_cli("report", "--since", "2026-11-16", "--since-prescription", "--format", "html",
                     "--output", str(target))
    assert result.code == 2
    assert result.out == "" and result.err.count("\n") == 1
    assert "--since" in result.err and "--since-prescription" in result.err
    assert not target.exists()


def test_the_facade_gives_the_same_report(run_cli, trained):
    assert trained.report("md", since_prescription=True) == run_cli("report", "--since-prescription").out
    assert trained.report("md", since=STARTS_ON) == trained.report("md", since_prescription=True)
    with pytest.raises(EntryError, match="not both"):
        trained.report("md", since=STARTS_ON, since_prescription=True)
