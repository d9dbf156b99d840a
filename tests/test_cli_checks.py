"""`morning`, `symptoms` and `settings` through the real entry point: good input, bad input
(exit 2, one message, nothing written)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import MIGRATIONS, NOW

from trainer.core.model import MorningCheck, Settings, Side, SymptomAnswers
from trainer.core.symptoms import CHECKLIST
from trainer.store import open_store

TODAY = NOW.date()
CATALOGUE_BANDS = ["yellow", "red", "green", "blue", "black"]


def _stored(db_path: Path) -> tuple[list[MorningCheck], Settings, list[SymptomAnswers]]:
    """Everything these commands write, read back through the repository."""
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        return store.morning_checks(), store.settings(), store.symptom_answers()
    finally:
        store.close()


def _ok(run_cli, *args: str):
    result = run_cli(*args)
    assert result.code == 0, result.err
    assert result.err == ""
    return result


# --- morning -----------------------------------------------------------------------------------


def test_morning_records_one_side_and_confirms_it(run_cli, db_path: Path):
    result = _ok(run_cli, "morning", "--side", "left", "--pain", "2", "--soreness", "3")
    assert "2026-11-25" in result.out and "left" in result.out
    assert "pain 2/10" in result.out and "soreness 3/10" in result.out
    checks, _, _ = _stored(db_path)
    assert checks == [MorningCheck(TODAY, Side.LEFT, pain=2, soreness=3)]


def test_morning_both_sides_is_one_entry_per_side(run_cli, db_path: Path):
    result = _ok(
        run_cli, "morning", "--side", "both", "--pain", "1", "--date", "yesterday", "--json"
    )
    assert json.loads(result.out) == {
        "date": "2026-11-24", "side": "both", "pain": 1, "soreness": None
    }
    checks, _, _ = _stored(db_path)
    assert checks == [
        MorningCheck(date(2026, 11, 24), Side.LEFT, pain=1),
        MorningCheck(date(2026, 11, 24), Side.RIGHT, pain=1),
    ]


def test_morning_again_for_the_same_date_and_side_corrects_it(run_cli, db_path: Path):
    _ok(run_cli, "morning", "--side", "both", "--pain", "5", "--soreness", "6")
    _ok(run_cli, "morning", "--side", "right", "--pain", "1")
    checks, _, _ = _stored(db_path)
    assert checks == [
        MorningCheck(TODAY, Side.LEFT, pain=5, soreness=6),
        MorningCheck(TODAY, Side.RIGHT, pain=1, soreness=None),
    ]


def test_morning_accepts_the_ends_of_the_scale(run_cli, db_path: Path):
    _ok(run_cli, "morning", "--side", "left", "--pain", "0", "--soreness", "10")
    _ok(run_cli, "morning", "--side", "right", "--pain", "10", "--soreness", "0")
    checks, _, _ = _stored(db_path)
    assert [(c.pain, c.soreness) for c in checks] == [(0, 10), (10, 0)]


# --- symptoms ----------------------------------------------------------------------------------


def test_symptoms_list_shows_every_id_and_question_without_a_database(run_cli, db_path: Path):
    result = _ok(run_cli, "symptoms", "--list")
    for symptom in CHECKLIST:
        assert symptom.id in result.out and symptom.question in result.out
    assert "trainer symptoms --none" in result.out
    listed = json.loads(_ok(run_cli, "symptoms", "--list", "--json").out)
    assert listed == [
        {"id": s.id, "question": s.question, "urgency": s.urgency.value} for s in CHECKLIST
    ]
    assert {item["urgency"] for item in listed} == {"emergency", "gp_this_week"}
    assert not db_path.exists()


def test_an_emergency_symptom_says_stop_and_seek_emergency_care_now(run_cli, db_path: Path):
    result = _ok(run_cli, "symptoms", "--yes", "weight_loss,saddle_numbness")
    assert "saddle_numbness" in result.out and "weight_loss" in result.out
    assert "Stop exercising now" in result.out
    assert "emergency department or call your emergency number now" in result.out
    assert "GP" not in result.out  # the most urgent advice only
    _, _, answers = _stored(db_path)
    assert answers == [SymptomAnswers(TODAY, frozenset({"weight_loss", "saddle_numbness"}))]


def test_a_gp_symptom_says_see_your_gp_this_week(run_cli):
    result = _ok(run_cli, "symptoms", "--yes", "night_or_rest_pain")
    assert "see your GP this week" in result.out and "before progressing" in result.out
    assert "emergency" not in result.out
    data = json.loads(_ok(run_cli, "symptoms", "--yes", "Weight-Loss", "--json").out)
    assert data["yes"] == ["weight_loss"] and data["urgency"] == "gp_this_week"
    assert "GP this week" in data["advice"]


def test_symptoms_none_is_recorded_as_a_later_answer(run_cli, db_path: Path):
    _ok(run_cli, "symptoms", "--yes", "sudden_worsening", "--date", "2026-11-20")
    result = _ok(run_cli, "symptoms", "--none")
    assert "none of the red-flag symptoms" in result.out
    assert "Stop" not in result.out and "GP" not in result.out
    data = json.loads(_ok(run_cli, "symptoms", "--none", "--json").out)
    # The JSON keys are a contract: later keys extend it ("mistaken", the training block).
    assert data == {
        "date": "2026-11-25", "yes": [], "urgency": None, "advice": None, "mistaken": False,
        "training_blocked": False, "blocked_since": None, "how_to_lift": None,
    }
    _, _, answers = _stored(db_path)
    assert answers == [
        SymptomAnswers(date(2026, 11, 20), frozenset({"sudden_worsening"})),
        SymptomAnswers(TODAY, frozenset()),
        SymptomAnswers(TODAY, frozenset()),
    ]


# --- settings ----------------------------------------------------------------------------------


DEFAULTS_JSON = {
    "baseline_pain_left": None,  # not recorded (6.9.8)
    "baseline_pain_right": None,
    "involved_side": None,
    "dumbbells_kg": [],
    "bands": CATALOGUE_BANDS,
    "seen_professional": None,
    # What the engine uses: estimated from the first week's mornings, 0 until there is one.
    "usual_pain_left": {"value": 0, "estimated": True},
    "usual_pain_right": {"value": 0, "estimated": True},
}


def test_settings_without_options_show_the_defaults(run_cli, db_path: Path):
    assert json.loads(_ok(run_cli, "settings", "--json").out) == DEFAULTS_JSON
    text = _ok(run_cli, "settings").out
    assert "unknown" in text and "the catalogue's" in text and "not recorded" in text
    _, settings, _ = _stored(db_path)
    assert settings == Settings()


def test_settings_change_only_what_is_given(run_cli, db_path: Path):
    first = _ok(
        run_cli, "settings", "--baseline-pain-left", "2", "--involved-side", "Left",
        "--dumbbells", "12,6,8kg,6,2.5", "--bands", "green,red,black", "--json",
    )
    expected = DEFAULTS_JSON | {
        "baseline_pain_left": 2,
        "usual_pain_left": {"value": 2, "estimated": False},
        "involved_side": "left",
        "dumbbells_kg": [2.5, 6, 8, 12],  # ascending, the repeated 6 once
        "bands": ["green", "red", "black"],  # the person's order is kept
    }
    assert json.loads(first.out) == expected
    second = _ok(
        run_cli, "settings", "--baseline-pain-right", "1", "--seen-professional", "2026-11-01"
    )
    assert "Saved" in second.out and "2026-11-01" in second.out
    assert "green, red, black" in second.out
    assert json.loads(_ok(run_cli, "settings", "--json").out) == expected | {
        "baseline_pain_right": 1, "seen_professional": "2026-11-01",
        "usual_pain_right": {"value": 1, "estimated": False},
    }
    _ok(run_cli, "settings", "--involved-side", "unknown", "--dumbbells", "none")
    _, settings, _ = _stored(db_path)
    assert settings.involved_side is None and settings.dumbbells_kg == ()
    assert settings.bands == ("green", "red", "black") and settings.baseline_pain_left == 2


def test_settings_take_the_global_options_before_the_command(run_cli, db_path: Path):
    result = run_cli("--db", str(db_path), "settings", "--baseline-pain-left", "3", db=False)
    assert result.code == 0, result.err
    _, settings, _ = _stored(db_path)
    assert settings.baseline_pain_left == 3


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["morning", "--side", "left", "--pain", "11"], "pain 11 is outside the scale 0-10"),
        (["morning", "--side", "left", "--pain", "-1"], "0-10"),
        (["morning", "--side", "left", "--pain", "2", "--soreness", "-1"], "soreness -1"),
        (["morning", "--side", "left", "--pain", "2", "--soreness", "11"], "soreness 11"),
        (["morning", "--side", "middle", "--pain", "2"], "left, right, both"),
        (["morning", "--side", "left", "--pain", "2", "--date", "2026-11-26"], "future"),
        (["morning", "--side", "left", "--pain", "2", "--date", "26/11/2026"], "YYYY-MM-DD"),
        (["morning", "--side", "left"], "--pain"),
        (["morning", "--pain", "2"], "--side"),
        (["morning", "--side", "left", "--pain", "two"], "whole number"),
        (["symptoms", "--yes", "saddle_numb"], "did you mean saddle_numbness?"),
        (["symptoms", "--yes", "weight_loss,fever"], "did you mean fever_hot_swollen_hip?"),
        (["symptoms", "--yes", "xyz"], "unknown symptom id 'xyz'"),
        (["symptoms", "--yes", "weight_loss,,sudden_worsening"], "comma"),
        (["symptoms", "--yes", "weight_loss", "--none"], "not allowed with"),
        (["symptoms", "--none", "--list"], "not allowed with"),
        (["symptoms"], "one of the arguments --yes --none --mistake --list is required"),
        (["symptoms", "--none", "--date", "2026-11-26"], "future"),
        (["symptoms", "--list", "--date", "2026-11-20"], "--date goes with --yes or --none"),
        (["settings", "--bands", "yellow,pink"], "unknown band colour 'pink'"),
        (["settings", "--bands", "red,green,red"], "'red' is listed twice"),
        (["settings", "--bands", ""], "--bands needs band colours"),
        (["settings", "--dumbbells", "6,-2"], "-2 kg is not a positive weight"),
        (["settings", "--dumbbells", "-2"], "not a positive weight"),
        (["settings", "--dumbbells", "0"], "not a positive weight"),
        (["settings", "--dumbbells", "301"], "more than the 300 kg"),
        (["settings", "--dumbbells", "heavy"], "'heavy' is not a weight in kg"),
        (["settings", "--dumbbells", "6,,8"], "--dumbbells needs weights"),
        (["settings", "--involved-side", "both"], "left, right, unknown"),
        (["settings", "--baseline-pain-left", "11"], "left baseline pain 11"),
        (["settings", "--baseline-pain-right", "-1"], "right baseline pain -1"),
        (["settings", "--baseline-pain-left", "x"], "whole number"),
        (["settings", "--seen-professional", "2026-11-26"], "future"),
        (["settings", "--seen-professional", "last year"], "YYYY-MM-DD"),
        # One bad value among good ones: none of them is saved.
        (["settings", "--baseline-pain-left", "4", "--bands", "pink"], "pink"),
    ],
)
def test_bad_input_is_refused_with_exit_2_and_nothing_written(
    run_cli, db_path: Path, args, message
):
    _ok(run_cli, "morning", "--side", "left", "--pain", "1")
    _ok(run_cli, "settings", "--dumbbells", "8", "--bands", "red")
    _ok(run_cli, "symptoms", "--none")
    before = _stored(db_path)
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert _stored(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["morning", "--side", "left", "--pain", "11"],
        ["symptoms", "--yes", "saddle_numb"],
        ["settings", "--bands", "pink"],
        ["settings", "--dumbbells", "-2"],
    ],
)
def test_bad_input_is_refused_before_the_database_is_opened(run_cli, db_path: Path, args):
    result = run_cli(*args)
    assert result.code == 2 and result.err.count("\n") == 1
    assert not db_path.exists()


# --- an emergency answer stops training until it is lifted (6.9.13) ---------------------------
def test_an_emergency_answer_stands_until_a_visit_or_a_mistake(run_cli):
    import json as _json

    assert run_cli("symptoms", "--yes", "saddle_numbness").code == 0
    later = run_cli("symptoms", "--none", "--json")
    assert later.code == 0
    data = _json.loads(later.out)
    assert data["training_blocked"] is True and data["blocked_since"] == TODAY.isoformat()
    text = run_cli("symptoms", "--none").out
    assert "Training is stopped" in text and "--seen-professional" in text
    marked = run_cli("symptoms", "--mistake", "--json")
    assert marked.code == 0
    data = _json.loads(marked.out)
    assert data["mistaken"] is True and data["training_blocked"] is False
    again = run_cli("symptoms", "--mistake")
    assert again.code == 2 and again.out == ""
    assert again.err.count("\n") == 1 and "nothing to mark" in again.err


def test_a_visit_lifts_an_emergency_answer(run_cli):
    import json as _json

    assert run_cli("symptoms", "--yes", "fever_hot_swollen_hip").code == 0
    assert run_cli("settings", "--seen-professional", "today").code == 0
    data = _json.loads(run_cli("symptoms", "--none", "--json").out)
    assert data["training_blocked"] is False


def test_mistake_takes_no_date(run_cli):
    result = run_cli("symptoms", "--mistake", "--date", "today")
    assert result.code == 2 and "--mistake" in result.err
