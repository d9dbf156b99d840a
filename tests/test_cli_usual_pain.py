"""The usual morning pain, recorded or estimated (progression rules 6.9.8; issue 14 item 9): the
real CLI entry point against a real SQLite file, a person logging day after day.

A person with a steady 1/10 on waking who never recorded a usual level was told every morning that
1/10 was "more than your usual 0/10" (PM-3) and every left exercise was made easier, session after
session. Not recorded is now told from a recorded 0: the usual level is then estimated from the
first week's mornings."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import CATALOG

from trainer.cli import main as cli_main
from trainer.core.clock import FixedClock

START = date(2026, 11, 2)  # a Monday


def cli(db: Path, day: date, *args: str) -> tuple[int, str, str]:
    """`trainer ARGS` as a person runs it on `day`."""
    out, err = io.StringIO(), io.StringIO()
    clock = FixedClock(datetime.combine(day, time(8, 0), tzinfo=UTC))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main([*args, "--db", str(db), "--catalog", str(CATALOG)], clock=clock)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def ok(db: Path, day: date, *args: str) -> str:
    code, out, err = cli(db, day, *args)
    assert code == 0, err
    return out


def pm3_reasons(data: dict) -> list[tuple[str, str, str]]:
    return [
        (advice["exercise"], side["side"], reason["text"])
        for advice in data["exercises"]
        for side in advice["sides"]
        for reason in side["reasons"]
        if reason["rule"] == "PM-3"
    ]


def training_days(weeks: int) -> list[date]:
    return [START + timedelta(days=7 * w + d) for w in range(weeks) for d in (0, 2, 4)]


def steady_weeks(db: Path, weeks: int, left_morning: int = 1) -> list[dict]:
    """Clamshells on both sides three days a week, `left_morning`/10 on the left and 0/10 on the
    right every morning after; each training day's `suggest --json`, before training."""
    suggestions = []
    for day in training_days(weeks):
        suggestions.append(json.loads(ok(db, day, "suggest", "--json")))
        for side in ("left", "right"):
            ok(db, day, "log", "clamshell", "--side", side, "--reps", "12,12", "--pain", "1")
        after = day + timedelta(days=1)
        ok(db, after, "morning", "--side", "left", "--pain", str(left_morning))
        ok(db, after, "morning", "--side", "right", "--pain", "0")
    return suggestions


def test_a_steady_one_on_waking_with_no_usual_level_recorded_is_not_made_easier(tmp_path: Path):
    db = tmp_path / "trainer.db"
    suggestions = steady_weeks(db, weeks=4)
    last = training_days(4)[-1] + timedelta(days=2)
    suggestions.append(json.loads(ok(db, last, "suggest", "--json")))
    for data in suggestions:
        assert pm3_reasons(data) == [], data["date"]
    clamshell = next(a for a in suggestions[-1]["exercises"] if a["exercise"] == "clamshell")
    left = next(s for s in clamshell["sides"] if s["side"] == "left")
    assert left["decision"] != "REGRESS"
    settings = json.loads(ok(db, last, "settings", "--json"))
    assert settings["baseline_pain_left"] is None and settings["baseline_pain_right"] is None
    assert settings["usual_pain_left"] == {"value": 1, "estimated": True}
    assert settings["usual_pain_right"] == {"value": 0, "estimated": True}
    text = ok(db, last, "settings")
    assert "not recorded (estimated 1/10 from your first week)" in text


def test_a_recorded_usual_zero_still_makes_the_next_session_easier(tmp_path: Path):
    db = tmp_path / "trainer.db"
    ok(db, START, "settings", "--baseline-pain-left", "0")
    suggestions = steady_weeks(db, weeks=1)
    data = json.loads(ok(db, START + timedelta(days=7), "suggest", "--json"))
    reasons = pm3_reasons(data)
    assert reasons and all(side == "left" for _, side, _ in reasons)
    assert all("more than your usual 0/10:" in text for _, _, text in reasons)
    assert all("estimated" not in text for _, _, text in reasons)
    assert pm3_reasons(suggestions[1])  # from the first morning on
    settings = json.loads(ok(db, START, "settings", "--json"))
    assert settings["usual_pain_left"] == {"value": 0, "estimated": False}


def test_more_than_the_estimated_usual_level_is_too_much_and_says_it_is_estimated(tmp_path: Path):
    db = tmp_path / "trainer.db"
    steady_weeks(db, weeks=2)  # the first week sets the estimate at 1/10
    day = START + timedelta(days=14)  # the third week's Monday
    ok(db, day, "log", "clamshell", "--side", "left", "--reps", "12,12", "--pain", "1")
    ok(db, day + timedelta(days=1), "morning", "--side", "left", "--pain", "3")
    (reason,) = {
        text for exercise, side, text in
        pm3_reasons(json.loads(ok(db, day + timedelta(days=2), "suggest", "--json")))
    }
    assert "hurt 3/10, more than your usual 1/10 (estimated from your first week's mornings; " \
        "record yours with `trainer settings --baseline-pain-left N`)" in reason


def test_none_clears_a_recorded_usual_level_and_a_bad_value_is_refused(tmp_path: Path):
    db = tmp_path / "trainer.db"
    ok(db, START, "settings", "--baseline-pain-left", "2", "--baseline-pain-right", "0")
    data = json.loads(ok(db, START, "settings", "--baseline-pain-left", "none", "--json"))
    assert data["baseline_pain_left"] is None and data["baseline_pain_right"] == 0
    assert data["usual_pain_left"] == {"value": 0, "estimated": True}  # no morning yet
    assert data["usual_pain_right"] == {"value": 0, "estimated": False}
    for bad in ("11", "-1", "lots"):
        code, _, err = cli(db, START, "settings", "--baseline-pain-left", bad)
        assert code == 2 and err.strip(), bad
    assert json.loads(ok(db, START, "settings", "--json"))["baseline_pain_left"] is None


@pytest.mark.parametrize("recorded", ["none", "2"])
def test_the_settings_json_keeps_its_keys(tmp_path: Path, recorded: str):
    db = tmp_path / "trainer.db"
    data = json.loads(ok(db, START, "settings", "--baseline-pain-right", recorded, "--json"))
    assert set(data) == {
        "baseline_pain_left", "baseline_pain_right", "involved_side", "dumbbells_kg", "bands",
        "seen_professional", "usual_pain_left", "usual_pain_right",
    }
