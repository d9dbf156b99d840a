"""`trainer assess record|show|tests` end to end: the real CLI, a real database, the real catalogue.

The clock is fixed at Wed 2026-11-25 (see conftest). Bad input exits with code 2, prints one line
on stderr and stores nothing.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from trainer.core.model import Side

IDS = [
    "single-leg-bridge-test", "single-leg-stance", "side-lying-abduction-hold",
    "pelvis-drop", "hip-flexor-tightness",
]
BRIDGE, STANCE, DROP, FLEXOR = IDS[0], IDS[1], IDS[3], IDS[4]
FIRST_DAY, LATER_DAY = "2026-10-28", "2026-11-23"


def _record(run_cli, test: str, side: str, value: str, *extra: str) -> str:
    result = run_cli("assess", "record", "--test", test, "--side", side, "--value", value, *extra)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def _show(run_cli) -> dict:
    result = run_cli("assess", "show", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _test(data: dict, test_id: str) -> dict:
    return next(t for t in data["tests"] if t["test"] == test_id)


def _two_assessments(run_cli) -> None:
    """The issue's example four weeks ago, and a better bridge with the drop gone this week."""
    for side, bridge, drop in (("left", "18", "yes"), ("right", "26", "no")):
        _record(run_cli, BRIDGE, side, bridge, "--date", FIRST_DAY)
        _record(run_cli, DROP, side, drop, "--date", FIRST_DAY)
    for side, bridge, drop in (("left", "24", "no"), ("right", "27", "no")):
        _record(run_cli, BRIDGE, side, bridge, "--date", LATER_DAY)
        _record(run_cli, DROP, side, drop, "--date", LATER_DAY)


# -- the tests ----------------------------------------------------------------------------------


def test_the_tests_list_ids_and_instructions(run_cli):
    result = run_cli("assess", "tests")
    assert result.code == 0, result.err
    for test_id in IDS:
        assert f"\n{test_id}: " in result.out
    assert "single-leg-bridge-test: Single-leg bridge to fatigue (count, up to 100 reps)" in result.out
    assert "pelvis-drop: Pelvis drop standing on one leg (yes or no)" in result.out
    assert "  1. Lie on your back with one heel" in result.out
    assert "Take care:" in result.out


def test_the_tests_as_json(run_cli):
    result = run_cli("assess", "tests", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [t["id"] for t in data] == IDS
    bridge = data[0]
    assert {k: bridge[k] for k in ("kind", "unit", "max", "poor_below", "good_above", "focus")} == {
        "kind": "count", "unit": "reps", "max": 100, "poor_below": 20, "good_above": 30,
        "focus": "strength",
    }
    assert data[3]["kind"] == "yes-no" and data[4]["focus"] == "mobility"
    assert all(t["steps"] for t in data)


# -- record and show ----------------------------------------------------------------------------


def test_record_says_what_was_stored(run_cli):
    out = _record(run_cli, BRIDGE, "left", "18", "--date", FIRST_DAY)
    assert out.strip() == "Recorded Single-leg bridge to fatigue, left: 18 reps on 2026-10-28."
    out = _record(run_cli, DROP, "right", "Yes")
    assert "Pelvis drop standing on one leg, right: yes on 2026-11-25" in out
    result = run_cli("assess", "record", "--test", STANCE, "--side", "left", "--value", "30",
                     "--pain", "2", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "recorded": {"date": "2026-11-25", "test": STANCE, "side": "left", "value": 30, "pain": 2}
    }


def test_show_before_any_assessment(run_cli):
    result = run_cli("assess", "show")
    assert result.code == 0, result.err
    assert "No assessment yet" in result.out and "trainer assess tests" in result.out
    data = _show(run_cli)
    assert data["assessed_on"] is None and data["weaker_side"] is None
    assert data["summary"] == "No assessment recorded yet."
    assert data["first"]["assessed_on"] is None
    assert [t["test"] for t in data["tests"]] == IDS


def test_show_json_gives_the_latest_and_the_first(run_cli):
    _two_assessments(run_cli)
    data = _show(run_cli)
    assert set(data) == {
        "assessed_on", "weaker_side", "summary", "gluteus_medius_first", "mobility_first",
        "referral", "tests", "first",
    }
    assert data["assessed_on"] == LATER_DAY
    assert data["weaker_side"] == "left"
    assert "24 vs 27" in data["summary"]
    assert data["gluteus_medius_first"] is False  # the drop has gone
    assert data["mobility_first"] is False
    assert data["referral"] is None
    bridge = _test(data, BRIDGE)
    assert bridge == {
        "test": BRIDGE, "left": 24, "right": 27, "lsi": 88.9, "weaker_side": "left",
        "stopped_for_pain": [],
    }
    assert _test(data, DROP)["weaker_side"] is None
    assert _test(data, STANCE)["left"] is None and _test(data, STANCE)["lsi"] is None

    first = data["first"]
    assert first["assessed_on"] == FIRST_DAY
    first_bridge = _test(first, BRIDGE)
    assert (first_bridge["left"], first_bridge["right"]) == (18, 26)
    assert first_bridge["lsi"] == 69.2 and first_bridge["weaker_side"] == "left"
    assert _test(first, DROP) == {
        "test": DROP, "left": 1, "right": 0, "lsi": None, "weaker_side": "left",
        "stopped_for_pain": [],
    }


def test_show_text_gives_the_change_since_the_first(run_cli):
    _two_assessments(run_cli)
    result = run_cli("assess", "show")
    assert result.code == 0, result.err
    out = result.out
    assert "Latest assessment: Mon 23 Nov 2026" in out
    assert "The left side is weaker" in out and "24 vs 27" in out
    bridge_line = next(line for line in out.splitlines() if "Single-leg bridge to fatigue:" in line)
    assert "left 24 reps, right 27 reps" in bridge_line
    assert "symmetry 89%" in bridge_line and "weaker: left" in bridge_line
    assert "(first: left 18 reps, right 26 reps)" in bridge_line
    drop_line = next(line for line in out.splitlines() if "Pelvis drop" in line)
    assert "(first: left yes, right no)" in drop_line
    assert "Single-leg stance" not in out  # not measured
    assert "time to repeat it" not in out  # two days ago


def test_the_issue_example_puts_gluteus_medius_first(run_cli):
    for side, bridge, drop in (("left", "18", "yes"), ("right", "26", "no")):
        _record(run_cli, BRIDGE, side, bridge)
        _record(run_cli, DROP, side, drop)
    data = _show(run_cli)
    assert data["weaker_side"] == "left"
    assert "18 vs 26" in data["summary"] and "yes on the left" in data["summary"]
    assert data["gluteus_medius_first"] is True
    out = run_cli("assess", "show").out
    assert "gluteus medius work comes first" in out
    assert "(first:" not in out  # the first assessment is this one


def test_tight_hip_flexors_put_mobility_first(run_cli):
    _record(run_cli, FLEXOR, "right", "y")
    _record(run_cli, FLEXOR, "left", "n")
    data = _show(run_cli)
    assert data["mobility_first"] is True and data["weaker_side"] == "right"
    assert "mobility (stretching) comes first" in run_cli("assess", "show").out


def test_a_correction_on_the_same_day_replaces_the_value(run_cli):
    _record(run_cli, BRIDGE, "left", "81")
    _record(run_cli, BRIDGE, "right", "26")
    _record(run_cli, BRIDGE, "left", "18")  # a typo corrected
    data = _show(run_cli)
    bridge = _test(data, BRIDGE)
    assert (bridge["left"], bridge["right"]) == (18, 26)
    assert _test(data["first"], BRIDGE)["left"] == 18
    assert data["weaker_side"] == "left"


def test_pain_of_six_stops_the_test_and_refers(run_cli):
    _record(run_cli, STANCE, "right", "25")
    out = _record(run_cli, STANCE, "left", "8", "--pain", "6")
    assert "Pain of 6/10 or more: stop this test" in out
    data = _show(run_cli)
    stance = _test(data, STANCE)
    assert stance["stopped_for_pain"] == ["left"]
    assert stance["lsi"] is None and stance["weaker_side"] is None
    assert "Single-leg stance (left)" in data["referral"]
    assert "Single-leg stance (left)" in run_cli("assess", "show").out


def test_pain_of_five_is_recorded_without_stopping(run_cli):
    out = _record(run_cli, STANCE, "left", "8", "--pain", "5")
    assert "stop this test" not in out
    _record(run_cli, STANCE, "right", "25")
    data = _show(run_cli)
    assert _test(data, STANCE)["stopped_for_pain"] == [] and data["referral"] is None
    assert _test(data, STANCE)["lsi"] == 32.0


# -- the four-weekly reminder -------------------------------------------------------------------


@pytest.mark.parametrize("day, due", [("2026-10-28", True), ("2026-10-29", False)])
def test_a_reminder_when_the_last_assessment_is_four_weeks_old(run_cli, services, day, due):
    _record(run_cli, BRIDGE, "left", "20", "--date", day)
    _record(run_cli, BRIDGE, "right", "22", "--date", day)
    out = run_cli("assess", "show").out
    assert ("It is four weeks or more since the last assessment" in out) is due
    assert services.assessment_due() is due


def test_with_no_assessment_one_is_due(services):
    assert services.assessment_due() is True


# -- bad input: exit 2, one line, nothing stored ------------------------------------------------


def _refused(run_cli, *args: str) -> str:
    before = _show(run_cli)
    result = run_cli("assess", "record", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("trainer: error: ")
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert _show(run_cli) == before
    return result.err


@pytest.fixture
def one_result(run_cli):
    _record(run_cli, BRIDGE, "left", "18", "--date", FIRST_DAY)


def test_an_unknown_test_suggests_the_closest(run_cli, one_result):
    err = _refused(run_cli, "--test", "single-leg-bridge", "--side", "left", "--value", "20")
    assert "unknown assessment test 'single-leg-bridge'" in err
    assert "did you mean single-leg-bridge-test?" in err


def test_an_unknown_test_far_from_any_lists_them(run_cli):
    err = _refused(run_cli, "--test", "xyzzy", "--side", "left", "--value", "1")
    assert "unknown assessment test 'xyzzy'" in err
    assert all(test_id in err for test_id in IDS)


@pytest.mark.parametrize(
    "test, value, words",
    [
        (STANCE, "31", "more than 30"),
        (BRIDGE, "101", "more than 100"),
        (BRIDGE, "-3", "needs a whole number of reps"),
        (BRIDGE, "12.5", "needs a whole number of reps"),
        (BRIDGE, "lots", "needs a whole number of reps"),
        (DROP, "maybe", "answered yes or no"),
        (FLEXOR, "2", "answered yes or no"),
    ],
)
def test_a_value_that_does_not_fit_the_test(run_cli, one_result, test, value, words):
    err = _refused(run_cli, "--test", test, "--side", "left", "--value", value)
    assert words in err


def test_both_sides_at_once_is_refused(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "both", "--value", "20")
    assert "--side left or --side right" in err


def test_a_side_that_is_not_a_side(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "middle", "--value", "20")
    assert "side 'middle'" in err


def test_pain_above_ten_is_refused(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "left", "--value", "20", "--pain", "11")
    assert "pain 11 is outside the scale 0-10" in err


def test_a_future_date_is_refused(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "left", "--value", "20", "--date", "2026-11-26")
    assert "2026-11-26 is in the future" in err


def test_an_unreadable_date_is_refused(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "left", "--value", "20", "--date", "26/11")
    assert "cannot read date '26/11'" in err


def test_a_missing_side_is_an_argparse_error(run_cli, one_result):
    before = _show(run_cli)
    result = run_cli("assess", "record", "--test", BRIDGE, "--value", "20")
    assert result.code == 2
    assert "--side" in result.err and "required" in result.err
    assert _show(run_cli) == before


def test_a_pain_that_is_not_a_number_is_an_argparse_error(run_cli, one_result):
    before = _show(run_cli)
    result = run_cli("assess", "record", "--test", BRIDGE, "--side", "left", "--value", "20",
                     "--pain", "bad")
    assert result.code == 2 and "'bad' is not a whole number" in result.err
    assert _show(run_cli) == before


def test_a_superscript_digit_is_refused_not_a_crash(run_cli, one_result):
    err = _refused(run_cli, "--test", BRIDGE, "--side", "left", "--value", "²")
    assert "needs a whole number" in err


# -- the involved side for the engine -----------------------------------------------------------


def _left_weaker(services, on: date = date(2026, 11, 20)) -> None:
    services.record_assessment(BRIDGE, Side.LEFT, "18", on=on)
    services.record_assessment(BRIDGE, Side.RIGHT, "26", on=on)
    services.record_assessment(DROP, Side.LEFT, "yes", on=on)
    services.record_assessment(DROP, Side.RIGHT, "no", on=on)


def test_with_no_side_named_the_assessment_names_the_involved_side(services):
    assert services.engine_history(date(2026, 11, 25))[0].settings.involved_side is None
    _left_weaker(services)
    assert services.engine_history(date(2026, 11, 25))[0].settings.involved_side is Side.LEFT
    # Only assessments up to the day of the suggestion count.
    assert services.engine_history(date(2026, 11, 19))[0].settings.involved_side is None
    # The stored settings are not changed: the assessment only stands in.
    assert services.settings().involved_side is None


def test_a_named_side_wins_over_the_assessment(services):
    _left_weaker(services)
    services.update_settings(involved_side="right")
    assert services.engine_history(date(2026, 11, 25))[0].settings.involved_side is Side.RIGHT


def test_a_tied_assessment_names_no_side(services):
    on = date(2026, 11, 20)
    services.record_assessment(BRIDGE, Side.LEFT, "18", on=on)
    services.record_assessment(BRIDGE, Side.RIGHT, "26", on=on)
    services.record_assessment(STANCE, Side.LEFT, "30", on=on)
    services.record_assessment(STANCE, Side.RIGHT, "12", on=on)
    assert services.engine_history(date(2026, 11, 25))[0].settings.involved_side is None


def test_a_painful_test_does_not_name_a_side(services):
    on = date(2026, 11, 20)
    services.record_assessment(BRIDGE, Side.LEFT, "18", pain=6, on=on)
    services.record_assessment(BRIDGE, Side.RIGHT, "26", on=on)
    assert services.engine_history(date(2026, 11, 25))[0].settings.involved_side is None


def test_the_suggestion_reads_the_side_from_the_assessment(services):
    """The engine's involved / uninvolved ratio appears once the assessment names a side."""
    for day in (date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 20)):
        services.log("clamshell", Side.LEFT, reps=[10, 10], on=day)
        services.log("clamshell", Side.RIGHT, reps=[15, 15], on=day)

    def clamshell():
        return next(a for a in services.suggest().exercises if a.exercise_id == "clamshell")

    before = clamshell()
    assert before.lsi is not None and before.involved_ratio is None
    _left_weaker(services, on=date(2026, 11, 21))
    after = clamshell()
    assert after.involved_ratio == pytest.approx(66.7, abs=0.05)
