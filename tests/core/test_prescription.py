"""The prescription file (issue 19): the example loads, every kind of mistake is named with its
file, line, exercise id and field, and a prescription becomes what trainer runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trainer.core.model import Load, Side, SideSession
from trainer.core.plan import PlannedSession
from trainer.core.prescription import (
    TEMPLATE,
    LoadedPrescription,
    PhysioPrescription,
    PrescribedExercise,
    PrescriptionError,
    in_force,
    parse_prescription,
    prescribed_catalogue,
    prescription_from_json,
    prescription_json,
    within_prescription,
    within_weekly_limits,
)
from trainer.paths import catalog_path
from trainer.services import load_catalogue

CATALOGUE = load_catalogue(catalog_path(None))
SOURCE = "rx.toml"


def parse(text: str) -> PhysioPrescription:
    return parse_prescription(text, CATALOGUE, source=SOURCE)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_template_is_a_complete_valid_prescription():
    rx = parse(TEMPLATE)
    assert rx.written_by.startswith("Sam Rivera")
    assert (rx.written_on, rx.review_on) == (date(2026, 12, 1), date(2027, 1, 12))
    clamshell = rx.get("clamshell")
    assert clamshell is not None
    assert (clamshell.start_left, clamshell.start_right, clamshell.sets, clamshell.amount) == (2, 1, 3, (12, 15))
    assert rx.get("copenhagen-plank").pain_limit == 3
    assert rx.get("copenhagen-plank").per_week == 2
    assert rx.get("side-lying-leg-raise").sides is Side.RIGHT
    assert rx.get("kneeling-hip-flexor-stretch").amount == (30, 45)
    assert rx.get("single-leg-glute-bridge").max_level == 2
    assert rx.get("dead-bug") is None  # not listed: not done


def test_the_documented_example_is_the_template():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "prescription-format.md").read_text()
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    assert example == TEMPLATE


MISTAKES = [
    # (what is changed, from, to, the line holding, the words of the message)
    ("unknown exercise", 'id = "clamshell"', 'id = "clamshel"', 'id = "clamshel"', "exercise 'clamshel': field 'id'"),
    ("sets out of range", "sets = 3", "sets = 30", "sets = 30", "exercise 'clamshell': field 'sets' is 30"),
    ("sets as text", "sets = 3", 'sets = "3"', 'sets = "3"', "field 'sets' must be a whole number"),
    ("level past the ladder", "max_level = 2", "max_level = 9", "max_level = 9", "field 'max_level' is 9"),
    ("start above the cap", "level = 1\nmax_level = 2", "level = 3\nmax_level = 2", "level = 3", "field 'level' is 3"),
    ("reps on a hold", "hold_s = [30, 45]", "reps = 3", "reps = 3", "field 'reps' does not fit"),
    ("range upside down", "reps = [12, 15]", "reps = [15, 12]", "reps = [15, 12]", "field 'reps' is [15, 12]"),
    ("pain limit not stricter", "pain_limit = 3 ", "pain_limit = 7 ", "pain_limit = 7", "field 'pain_limit' is 7"),
    ("no sessions a week", "per_week = 2", "per_week = 0", "per_week = 0", "field 'per_week' is 0"),
    ("unknown side", 'sides = "right"', 'sides = "up"', 'sides = "up"', "field 'sides' is 'up'"),
    ("unknown field", "sets = 3", "set = 3", "set = 3", "unknown field 'set'"),
    ("review before writing", "review_on = 2027-01-12", "review_on = 2025-01-12", "review_on", "field 'review_on'"),
    ("date as words", "written_on = 2026-12-01", 'written_on = "yesterday"', "written_on", "field 'written_on'"),
    (
        "no author",
        'written_by = "Sam Rivera, physiotherapist"',
        'written_by = " "',
        "written_by",
        "'written_by' is empty",
    ),
    (
        "a control character",
        'note = "Keep the heels',
        'note = "\\u001b[2JKeep the heels',
        "\\u001b[2J",
        "control character",
    ),
]


@pytest.mark.parametrize(("what", "old", "new", "at", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_kind_of_mistake_is_named_at_its_line(what, old, new, at, words):
    assert old in TEMPLATE, what
    text = TEMPLATE.replace(old, new, 1)
    with pytest.raises(PrescriptionError) as error:
        parse(text)
    message = str(error.value)
    assert message.startswith(f"{SOURCE}, line {line_of(text, at)}: "), message
    assert words in message


def test_an_exercise_listed_twice_is_named_at_its_second_entry():
    text = TEMPLATE + '\n[[exercise]]\nid = "clamshell"\n'
    with pytest.raises(PrescriptionError, match=rf"line {len(text.splitlines())}: exercise 'clamshell': listed twice"):
        parse(text)


def test_a_syntax_error_names_its_line():
    text = TEMPLATE.replace('[[exercise]]\nid = "clamshell"', '[[exercise]\nid = "clamshell"')
    with pytest.raises(PrescriptionError, match=rf"{SOURCE}, line {line_of(text, '[[exercise]')}: TOML syntax error"):
        parse(text)


def test_a_file_without_exercises_is_refused():
    head = TEMPLATE.split("[[exercise]]")[0]
    with pytest.raises(PrescriptionError, match="no \\[\\[exercise\\]\\]"):
        parse(head)


def test_the_prescribed_catalogue_holds_only_the_prescription_capped_and_dosed():
    rx = parse(TEMPLATE)
    programme = prescribed_catalogue(CATALOGUE, rx)
    assert {e.id for e in programme.exercises} == set(rx.exercise_ids)
    bridge = programme.get("single-leg-glute-bridge")
    assert [level.number for level in bridge.levels] == [1, 2]
    clamshell = programme.get("clamshell")
    assert {(level.sets, level.min, level.max) for level in clamshell.levels} == {(3, 12, 15)}
    stretch = programme.get("kneeling-hip-flexor-stretch")
    assert {(level.min, level.max) for level in stretch.levels} == {(30, 45)}
    # A catalogue order is kept, and the catalogue itself is not changed.
    assert len(CATALOGUE.get("single-leg-glute-bridge").levels) > 2


def test_sessions_above_the_cap_count_at_the_cap():
    rx = parse(TEMPLATE)
    high = SideSession(
        date(2026, 11, 2), "single-leg-glute-bridge", Side.LEFT, 4, Load(), (12, 12), 0, False, False, True
    )
    other = replace(high, exercise_id="clamshell", level=2)
    assert [s.level for s in within_prescription((high, other), rx)] == [2, 2]


def test_weekly_limits_keep_sessions_spread_over_the_week():
    rx = parse(TEMPLATE)
    week = [PlannedSession(date(2026, 12, d), 30, ("clamshell", "copenhagen-plank")) for d in (7, 9, 11)]
    limited = within_weekly_limits(week, rx)
    assert [("copenhagen-plank" in s.exercises) for s in limited] == [True, False, True]
    assert all("clamshell" in s.exercises for s in limited)


def test_the_stored_form_reads_back_the_same():
    rx = parse(TEMPLATE)
    assert prescription_from_json(prescription_json(rx)) == rx


def test_the_latest_prescription_started_is_in_force():
    rx = parse(TEMPLATE)
    first = LoadedPrescription(1, date(2026, 12, 1), "a", rx)
    second = LoadedPrescription(2, date(2026, 12, 10), "b", replace(rx, note="second"))
    assert in_force([first, second], date(2026, 11, 30)) is None
    assert in_force([first, second], date(2026, 12, 9)) is first
    assert in_force([first, second], date(2026, 12, 10)) is second


def test_one_side_only_trains_that_side():
    item = PrescribedExercise("side-lying-leg-raise", sides=Side.RIGHT)
    assert item.trains(Side.RIGHT) and not item.trains(Side.LEFT)
    assert PrescribedExercise("clamshell").trains(Side.LEFT)
