"""`trainer plan set|show|export` end to end: the real CLI, a real database, the real catalogue.

The clock is fixed at Wed 2026-11-25 (see conftest); `_run_on` runs the CLI on another day against
the same database, to see a change of days take effect.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from conftest import CATALOG

from trainer.cli import main as cli_main
from trainer.core.catalog import parse_catalog
from trainer.core.clock import FixedClock
from trainer.core.composition import compose_week

CAT = parse_catalog(CATALOG.read_text(encoding="utf-8"), source=str(CATALOG))
ALL_IDS = {ex.id for ex in CAT.exercises}
GROUP_ORDER = {ex.id: ex.group.order for ex in CAT.exercises}
THREE_30 = compose_week(CAT.exercises, 3, 30).sessions  # the week's rotation at 30 minutes


def _ok(result) -> str:
    assert result.code == 0, result.err
    return result.out


def _show(run_cli, *extra: str) -> dict:
    return json.loads(_ok(run_cli("plan", "show", "--json", *extra)))


def _log(run_cli, *days: str) -> None:
    for day in days:
        _ok(run_cli("log", "clamshell", "--side", "left", "--reps", "12", "--date", day))


def _dates(data: dict) -> list[str]:
    return [s["date"] for s in data["sessions"]]


def _run_on(db_path: Path, day: str, *args: str) -> tuple[int, str, str]:
    """The CLI on another day (09:30 UTC), same database; run_cli has cleared the env variables."""
    clock = FixedClock(datetime.fromisoformat(f"{day}T09:30:00").replace(tzinfo=UTC))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main([*args, "--db", str(db_path)], clock=clock)
    return code, out.getvalue(), err.getvalue()


# --- set and show -----------------------------------------------------------------------------


def test_plan_set_then_show_json(run_cli):
    saved = json.loads(
        _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--minutes", "30", "--side", "left", "--json"))
    )
    assert saved == {
        "plan": {
            "days": ["mon", "wed", "fri"],
            "start": "2026-11-25",
            "effective_from": "2026-11-25",
            "side": "left",
            "minutes": 30,
            "rrule": "DTSTART:20261125T000000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
        }
    }
    data = _show(run_cli)
    assert set(data) == {"plan", "sessions", "blocked", "missed", "adherence"}
    assert data["plan"] == saved["plan"]
    # Two weeks from today: the plan begins on Wednesday, so that is the week's first session.
    assert _dates(data) == ["2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07"]
    rotation = [0, 1, 0, 1, 2, 0]
    for session, n in zip(data["sessions"], rotation, strict=True):
        assert set(session) == {
            "date", "minutes", "exercises", "first_side", "first_sides", "skipped", "one_side_only"
        }
        assert session["minutes"] == 30 and session["first_side"] == "left"
        assert session["exercises"] == list(THREE_30[n])
        assert session["skipped"] == [] and session["one_side_only"] == {}
        assert set(session["first_sides"]) == set(session["exercises"])
        orders = [GROUP_ORDER[i] for i in session["exercises"]]
        assert orders == sorted(orders)  # warm-up first ... cool-down last
    assert data["missed"] == []
    assert data["adherence"] == {
        "this_week": {"week_start": "2026-11-23", "planned": 2, "done": 0},
        "streak_weeks": 0,
        "rate": 0.0,
        "weeks": [{"week_start": "2026-11-23", "planned": 2, "done": 0, "met": False}],
    }


def test_show_from_and_weeks(run_cli):
    _ok(run_cli("plan", "set", "--days", "tue,thu,sat,sun", "--start", "2026-11-02"))
    one = _show(run_cli, "--from", "2026-12-01", "--weeks", "1")
    assert _dates(one) == ["2026-12-01", "2026-12-03", "2026-12-05", "2026-12-06"]
    three = _show(run_cli, "--weeks", "3")  # from today, Wednesday, to Tuesday 15 Dec
    assert _dates(three)[0] == "2026-11-26" and _dates(three)[-1] == "2026-12-15"
    assert len(three["sessions"]) == 12
    # A start before the plan lists from the plan's first day.
    early = _show(run_cli, "--from", "2026-10-26", "--weeks", "2")
    assert _dates(early) == ["2026-11-03", "2026-11-05", "2026-11-07", "2026-11-08"]
    # Without --minutes every session holds the whole catalogue.
    assert all(set(s["exercises"]) == ALL_IDS and s["minutes"] is None for s in one["sessions"])
    assert _dates(_show(run_cli, "--from", "today", "--weeks", "1")) == [
        "2026-11-26",
        "2026-11-28",
        "2026-11-29",
        "2026-12-01",
    ]


def test_the_text_lists_sessions_missed_days_and_the_streak(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-11-09", "--minutes", "30"))
    _log(run_cli, "2026-11-09", "2026-11-13")  # 2 of 3
    _log(run_cli, "2026-11-16", "2026-11-20", "2026-11-21")  # 3 of 3 with Saturday's extra day
    out = _ok(run_cli("plan", "show"))
    assert "Plan: Mon, Wed, Fri, 30 minutes a session, since Mon 9 Nov." in out
    assert "This week: 0 of 3 sessions done. Streak: 1 week meeting the plan." in out
    assert "Missed: Wed 11 Nov, Wed 18 Nov, Mon 23 Nov (they stay missed)." in out
    # Monday's session is not piled onto today: Wednesday keeps the week's second session.
    names = ", ".join(CAT.get(i).name for i in THREE_30[1])
    assert "Coming sessions:\n  Wed 25 Nov (30 min): " + names + "\n" in out


def test_logging_on_planned_days_moves_done_and_the_streak(run_cli):
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-02"))
    _log(run_cli, "2026-11-02", "2026-11-04", "2026-11-06")  # met
    _log(run_cli, "2026-11-09", "2026-11-11")  # 2 of 3: broken
    _log(run_cli, "2026-11-16", "2026-11-18", "2026-11-20")  # met
    _log(run_cli, "2026-11-23", "2026-11-24")  # Tuesday is an extra day
    before = _show(run_cli)["adherence"]
    assert before["this_week"] == {"week_start": "2026-11-23", "planned": 3, "done": 2}
    assert before["streak_weeks"] == 1
    assert [(w["week_start"], w["planned"], w["done"], w["met"]) for w in before["weeks"]] == [
        ("2026-11-02", 3, 3, True),
        ("2026-11-09", 3, 2, False),
        ("2026-11-16", 3, 3, True),
        ("2026-11-23", 3, 2, False),
    ]
    # Friday is not due yet: (3 + 2 + 3 + 2) / (3 + 3 + 3 + 2).
    assert before["rate"] == round(10 / 11, 3)

    _log(run_cli, "2026-11-25")  # today
    data = _show(run_cli)
    after = data["adherence"]
    assert after["this_week"] == {"week_start": "2026-11-23", "planned": 3, "done": 3}
    assert after["weeks"][-1]["met"] is True
    assert after["streak_weeks"] == 2
    assert after["rate"] == round(10 / 11, 3)  # done beyond what is due does not count
    assert data["missed"] == ["2026-11-13"]  # the last 14 days only
    out = _ok(run_cli("plan", "show"))
    assert "This week: 3 of 3 sessions done. Streak: 2 weeks meeting the plan." in out
    assert "Missed: Fri 13 Nov (they stay missed)." in out


# --- a change of days -------------------------------------------------------------------------


def test_a_change_of_days_takes_effect_next_week_and_keeps_history(run_cli, db_path):
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--start", "2026-11-02", "--minutes", "30"))
    changed = json.loads(_ok(run_cli("plan", "set", "--days", "tue,thu,sat", "--minutes", "30", "--json")))["plan"]
    assert changed["effective_from"] == "2026-11-30"
    assert changed["rrule"] == "DTSTART:20261130T000000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA"

    data = _show(run_cli, "--from", "2026-11-23", "--weeks", "2")
    assert _dates(data) == ["2026-11-23", "2026-11-25", "2026-11-27", "2026-12-01", "2026-12-03", "2026-12-05"]
    assert data["plan"]["days"] == ["mon", "wed", "fri"]  # still in force this week
    assert data["missed"] == ["2026-11-11", "2026-11-13", "2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23"]
    assert [w["planned"] for w in data["adherence"]["weeks"]] == [3, 3, 3, 3]

    # Two weeks later the new days are in force, and the weeks before keep the old ones.
    code, out, err = _run_on(db_path, "2026-12-09", "plan", "show", "--json")
    assert code == 0, err
    later = json.loads(out)
    assert later["plan"]["days"] == ["tue", "thu", "sat"]
    assert [(w["week_start"], w["planned"]) for w in later["adherence"]["weeks"]] == [
        ("2026-11-02", 3), ("2026-11-09", 3), ("2026-11-16", 3), ("2026-11-23", 3),
        ("2026-11-30", 3), ("2026-12-07", 3),
    ]
    # The last 14 days: Wed 25 and Fri 27 Nov under the old days, then the new ones.
    assert later["missed"] == ["2026-11-25", "2026-11-27", "2026-12-01", "2026-12-03", "2026-12-05", "2026-12-08"]
    assert _dates(later)[:3] == ["2026-12-10", "2026-12-12", "2026-12-15"]


def test_two_changes_for_the_same_week_the_later_wins(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-11-02"))
    _ok(run_cli("plan", "set", "--days", "tue,thu,sat"))
    _ok(run_cli("plan", "set", "--days", "monday,tuesday,thursday,friday"))
    assert _dates(_show(run_cli, "--from", "2026-11-30", "--weeks", "1")) == [
        "2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04"
    ]
    assert _dates(_show(run_cli, "--from", "2026-11-23", "--weeks", "1")) == [
        "2026-11-23", "2026-11-25", "2026-11-27"
    ]


def test_the_side_is_kept_and_saved_to_the_settings(run_cli):
    _ok(run_cli("plan", "set", "--side", "right"))
    settings = json.loads(_ok(run_cli("settings", "--json")))
    assert settings["involved_side"] == "right"
    kept = json.loads(_ok(run_cli("plan", "set", "--days", "tue,thu,sat", "--json")))["plan"]
    assert kept["side"] == "right"
    unknown = json.loads(_ok(run_cli("plan", "set", "--side", "unknown", "--json")))["plan"]
    assert unknown["side"] == "unknown"


def test_the_change_message_says_it_counts_from_next_week(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-11-02"))
    out = _ok(run_cli("plan", "set", "--days", "tue,thu,sat"))
    assert "from next week (Mon 30 Nov)" in out


def test_changing_days_of_a_plan_not_begun_keeps_its_start(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-12-07"))
    _ok(run_cli("plan", "set", "--days", "tue,thu,sat"))
    assert _dates(_show(run_cli, "--weeks", "3"))[0] >= "2026-12-07"


def test_a_plan_starting_later_is_not_called_no_plan(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-12-07"))
    out = _ok(run_cli("plan", "show"))
    assert "Mon 7 Dec" in out
    assert "No plan yet" not in out


# --- no plan ------------------------------------------------------------------------------------


def test_show_without_a_plan_prints_a_hint(run_cli):
    out = _ok(run_cli("plan", "show"))
    assert "No plan yet" in out and "trainer plan set" in out
    assert _show(run_cli) == {
        "plan": None,
        "sessions": [],
        "blocked": [],
        "missed": [],
        "adherence": {"this_week": None, "streak_weeks": 0, "rate": None, "weeks": []},
    }


# --- export -------------------------------------------------------------------------------------


def _events(path: Path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_export_writes_one_all_day_event_per_session(run_cli, tmp_path):
    _ok(run_cli("plan", "set", "--minutes", "30", "--side", "left"))
    target = tmp_path / "sessions.ics"
    out = _ok(run_cli("plan", "export", "--ics", str(target), "--weeks", "2"))
    assert out.strip() == f"Wrote 6 sessions (2 weeks) to {target}."
    shown = _show(run_cli)
    events = _events(target)
    assert [e.decoded("dtstart") for e in events] == [date.fromisoformat(d) for d in _dates(shown)]
    for event, session in zip(events, shown["sessions"], strict=True):
        start = event.decoded("dtstart")
        assert type(start) is date  # a DATE value, not a date-time
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert (event.decoded("dtend") - start).days == 1
        assert str(event["SUMMARY"]) == "Hip training (30 minutes)"
        description = str(event["DESCRIPTION"])
        names = [CAT.get(i).name for i in session["exercises"]]
        assert description.splitlines()[1:-1] == [f"- {n}" for n in names]
        assert "left side" in description
    assert b"DTSTART;VALUE=DATE:20261125" in target.read_bytes()


def test_export_uids_are_stable(run_cli, tmp_path):
    _ok(run_cli("plan", "set", "--days", "tue,thu,sat,sun"))
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    _ok(run_cli("plan", "export", "--ics", str(first), "--weeks", "2"))
    _ok(run_cli("plan", "export", "--ics", str(second), "--weeks", "2"))
    uids = [str(e["UID"]) for e in _events(first)]
    assert uids == [str(e["UID"]) for e in _events(second)]
    assert len(uids) == len(set(uids)) == 8
    # A longer export keeps the same events and adds the later ones.
    _ok(run_cli("plan", "export", "--ics", str(second), "--weeks", "4"))
    longer = [str(e["UID"]) for e in _events(second)]
    assert longer[:8] == uids and len(longer) == 16


def test_export_defaults_to_eight_weeks_and_overwrites(run_cli, tmp_path):
    _ok(run_cli("plan", "set"))
    target = tmp_path / "sessions.ics"
    target.write_text("old")
    _ok(run_cli("plan", "export", "--ics", str(target)))
    events = _events(target)
    assert len(events) == 24
    assert events[0].decoded("dtstart") == date(2026, 11, 25)
    assert events[-1].decoded("dtstart") == date(2027, 1, 18)  # 8 weeks: up to Tue 19 Jan
    assert str(events[0]["SUMMARY"]) == "Hip training (full session)"


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "set", "--days", "mon,wed"), "3 or 4 sessions"),
        (("plan", "set", "--days", "mon,tue,wed,thu,fri"), "3 or 4 sessions"),
        (("plan", "set", "--days", "mon,funday,fri"), "not a weekday"),
        (("plan", "set", "--days", "mon,mon,fri"), "twice"),
        (("plan", "set", "--minutes", "5"), "--minutes 5 is outside 10-120"),
        (("plan", "set", "--minutes", "500"), "--minutes 500 is outside 10-120"),
        (("plan", "set", "--minutes", "half"), "'half' is not a whole number"),
        (("plan", "set", "--side", "middle"), "--side 'middle'"),
        (("plan", "set", "--start", "notadate"), "cannot read date 'notadate'"),
        (("plan", "show", "--weeks", "0"), "--weeks 0 is outside 1-104"),
        (("plan", "show", "--weeks", "500"), "--weeks 500 is outside 1-104"),
        (("plan", "show", "--from", "someday"), "cannot read date 'someday'"),
        (("plan", "export", "--ics", "{tmp}/out.ics", "--weeks", "0"), "--weeks 0 is outside"),
        (("plan", "export", "--ics", "{tmp}/out.ics", "--weeks", "500"), "--weeks 500 is outside"),
        (("plan", "export", "--ics", "{tmp}/missing/out.ics"), "does not exist"),
        (("plan", "export", "--ics", "{tmp}"), "is a directory"),
        (("plan", "export"), "--ics"),
        (("plan", "move"), "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(run_cli, db_path, tmp_path, args, message):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    result = run_cli(*(a.replace("{tmp}", str(out_dir)) for a in args))
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    assert not db_path.exists()
    assert list(out_dir.iterdir()) == []


def test_a_refused_change_leaves_the_plan_as_it_was(run_cli):
    _ok(run_cli("plan", "set", "--start", "2026-11-02", "--minutes", "30"))
    before = _show(run_cli)
    for args in (("--days", "mon,wed"), ("--minutes", "500"), ("--side", "middle")):
        assert run_cli("plan", "set", *args).code == 2
    assert _show(run_cli) == before


# --- the sessions as the engine's advice leaves them (rules 6.9.13) ------------------------------


def test_an_emergency_answer_leaves_no_session_until_the_visit(run_cli):
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--minutes", "30", "--side", "left"))
    _ok(run_cli("symptoms", "--yes", "fever_hot_swollen_hip"))
    data = _show(run_cli)
    assert data["sessions"] == []
    assert data["blocked"] == ["2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07"]
    out = _ok(run_cli("plan", "show"))
    assert "  Wed 25 Nov: no session, training is stopped (see below)." in out
    assert "Clamshell" not in out and "--seen-professional" in out
    # Answering the checklist again does not lift it; recording the visit does.
    _ok(run_cli("symptoms", "--none"))
    assert _show(run_cli)["sessions"] == []
    _ok(run_cli("settings", "--seen-professional", "2026-11-25"))
    data = _show(run_cli)
    assert data["blocked"] == [] and len(data["sessions"]) == 6


def _sharp_twice(run_cli, *sides: str) -> None:
    for side in sides:
        for day, reps in (("2026-11-16", "10"), ("2026-11-23", "8")):
            _ok(run_cli("log", "step-up", "--side", side, "--reps", reps, "--sharp", "--pain", "5", "--date", day))


def test_an_exercise_skipped_on_one_side_is_listed_for_the_other_only(run_cli):
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--minutes", "30", "--side", "left"))
    _sharp_twice(run_cli, "right")
    with_step_up = [s for s in _show(run_cli)["sessions"] if "step-up" in s["exercises"]]
    assert with_step_up, "the rotation puts the step-up in two weeks' sessions"
    for session in with_step_up:
        assert session["skipped"] == [] and session["one_side_only"] == {"step-up": "left"}
    assert "Step-up (left side only)" in _ok(run_cli("plan", "show"))


def test_an_exercise_skipped_on_every_side_is_left_out(run_cli):
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--minutes", "30", "--side", "left"))
    _sharp_twice(run_cli, "left", "right")
    sessions = _show(run_cli)["sessions"]
    planned = [s for s in sessions if "step-up" in s["skipped"]]
    assert planned, "the rotation puts the step-up in two weeks' sessions"
    assert all("step-up" not in s["exercises"] for s in sessions)
    assert "skipped until a professional has checked it: Step-up" in _ok(run_cli("plan", "show"))
    # The suggestion agrees: no dose on either side.
    advice = json.loads(_ok(run_cli("suggest", "--json")))
    step_up = next(e for e in advice["exercises"] if e["exercise"] == "step-up")
    assert all(side["prescription"] is None for side in step_up["sides"])


def test_the_side_named_first_follows_the_session_order(run_cli):
    """With a named involved side and no symmetry data, every exercise starts on that side."""
    _ok(run_cli("plan", "set", "--days", "mon,wed,fri", "--minutes", "30", "--side", "right"))
    for session in _show(run_cli)["sessions"]:
        assert session["first_side"] == "right"
        assert set(session["first_sides"].values()) <= {"right", None}
