"""The self-assessment, scored by hand: symmetry per test, the weaker side, what it changes.

Pure tests of trainer.core.assessment on hand-made tests and results (ties, one side missing, a
painful test), plus the `[[assessment]]` section of the real catalog.toml and its mistakes.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from trainer.core.assessment import (
    PAIN_STOP_MIN,
    REASSESS_DAYS,
    AssessmentResult,
    AssessmentTest,
    Focus,
    first_results,
    latest_results,
    outcome_of,
    reassessment_due,
    summarise,
)
from trainer.core.assessment import (
    TestKind as Kind,
)
from trainer.core.catalog import parse_catalog
from trainer.core.errors import CatalogError, EntryError
from trainer.core.model import Side

CATALOG_PATH = Path(__file__).parents[2] / "catalog.toml"
REAL_TEXT = CATALOG_PATH.read_text(encoding="utf-8")

L, R = Side.LEFT, Side.RIGHT
DAY = date(2026, 11, 20)
TODAY = date(2026, 11, 25)

# -- hand-made tests, shaped like the catalogue's --------------------------------------------

BRIDGE = AssessmentTest(
    id="bridge", name="Single-leg bridge", kind=Kind.COUNT, focus=Focus.STRENGTH,
    steps=("Lift.",), unit="reps", max_value=100, poor_below=20, good_above=30,
)
STANCE = AssessmentTest(
    id="stance", name="Single-leg stance", kind=Kind.SECONDS, focus=Focus.GLUTEUS_MEDIUS,
    steps=("Stand.",), unit="s", max_value=30,
)
DROP = AssessmentTest(
    id="drop", name="Pelvis drop", kind=Kind.YES_NO, focus=Focus.GLUTEUS_MEDIUS,
    steps=("Look.",),
)
FLEXOR = AssessmentTest(
    id="flexor", name="Hip-flexor tightness", kind=Kind.YES_NO, focus=Focus.MOBILITY,
    steps=("Hug a knee.",),
)
TESTS = (BRIDGE, STANCE, DROP, FLEXOR)


def res(test: AssessmentTest, side: Side, value: int, pain: int | None = None, on: date = DAY):
    return AssessmentResult(on, test.id, side, value, pain)


def both(test: AssessmentTest, left: int, right: int, on: date = DAY, pain=(None, None)):
    return [res(test, L, left, pain[0], on), res(test, R, right, pain[1], on)]


def outcome(test: AssessmentTest, results):
    return outcome_of(test, latest_results(results))


# -- one test: symmetry index and weaker side ---------------------------------------------------


def test_the_symmetry_index_is_weaker_over_stronger_and_names_the_weaker_side():
    o = outcome(BRIDGE, both(BRIDGE, 18, 26))
    assert o.lsi == pytest.approx(69.2, abs=0.05)
    assert o.weaker is L
    assert o.stopped_for_pain == ()
    assert o.value_text(L) == "18 reps" and o.value_text(R) == "26 reps"
    mirrored = outcome(BRIDGE, both(BRIDGE, 26, 18))
    assert mirrored.lsi == pytest.approx(o.lsi) and mirrored.weaker is R


def test_equal_sides_are_fully_symmetric_with_no_weaker_side():
    o = outcome(STANCE, both(STANCE, 30, 30))
    assert o.lsi == pytest.approx(100.0)
    assert o.weaker is None


def test_zero_on_both_sides_gives_no_index_and_no_weaker_side():
    o = outcome(STANCE, both(STANCE, 0, 0))
    assert o.lsi is None and o.weaker is None


def test_one_side_missing_gives_no_index_and_no_weaker_side():
    o = outcome(BRIDGE, [res(BRIDGE, L, 18)])
    assert o.left is not None and o.right is None
    assert o.lsi is None and o.weaker is None
    assert o.value_text(R) == "-"
    summary = summarise(TESTS, [res(BRIDGE, L, 18)])
    assert summary.overall_weaker is None
    assert summary.assessed_on == DAY


def test_a_sign_on_one_side_points_at_that_side():
    o = outcome(DROP, both(DROP, 1, 0))
    assert o.weaker is L and o.lsi is None
    assert o.value_text(L) == "yes" and o.value_text(R) == "no"
    assert outcome(DROP, both(DROP, 0, 1)).weaker is R


@pytest.mark.parametrize("left, right", [(1, 1), (0, 0)])
def test_a_sign_on_both_sides_or_neither_points_at_no_side(left, right):
    o = outcome(DROP, both(DROP, left, right))
    assert o.weaker is None and o.lsi is None


# -- pain during a test -------------------------------------------------------------------------


def test_pain_of_six_stops_the_test_and_asks_for_a_referral():
    results = both(BRIDGE, 18, 26, pain=(PAIN_STOP_MIN, 2))
    o = outcome(BRIDGE, results)
    assert o.stopped_for_pain == (L,)
    assert o.lsi is None and o.weaker is None
    summary = summarise(TESTS, results)
    assert summary.overall_weaker is None
    assert summary.referral is not None
    assert "Single-leg bridge (left)" in summary.referral
    assert "physiotherapist" in summary.referral
    assert "18 vs 26" not in summary.summary


def test_pain_of_six_on_both_sides_names_both():
    summary = summarise(TESTS, both(STANCE, 10, 20, pain=(7, 9)))
    assert summary.outcomes[1].stopped_for_pain == (L, R)
    assert "Single-leg stance (left)" in summary.referral
    assert "Single-leg stance (right)" in summary.referral


def test_pain_of_five_does_not_stop_the_test():
    results = both(BRIDGE, 18, 26, pain=(5, 5))
    o = outcome(BRIDGE, results)
    assert o.stopped_for_pain == ()
    assert o.lsi == pytest.approx(69.2, abs=0.05) and o.weaker is L
    assert summarise(TESTS, results).referral is None


# -- the whole assessment -----------------------------------------------------------------------


def test_left_weaker_overall_with_a_plain_summary_and_what_it_changes():
    results = both(BRIDGE, 18, 26) + both(STANCE, 12, 25) + both(DROP, 1, 0) + both(FLEXOR, 0, 0)
    summary = summarise(TESTS, results)
    assert summary.overall_weaker is L
    assert summary.summary.startswith("The left side is weaker")
    assert "18 vs 26" in summary.summary
    assert "12 vs 25" in summary.summary
    assert "yes on the left" in summary.summary
    assert summary.gluteus_medius_first is True
    assert summary.mobility_first is False
    assert summary.referral is None
    assert summary.assessed_on == DAY
    assert [o.test.id for o in summary.outcomes] == ["bridge", "stance", "drop", "flexor"]


def test_one_test_each_way_is_a_tie_overall():
    results = both(BRIDGE, 18, 26) + both(STANCE, 25, 12)
    summary = summarise(TESTS, results)
    assert [o.weaker for o in summary.outcomes[:2]] == [L, R]
    assert summary.overall_weaker is None
    assert summary.summary == "Neither side comes out weaker overall in the latest assessment."


def test_the_majority_of_tests_decides_the_overall_side():
    results = both(BRIDGE, 18, 26) + both(STANCE, 25, 12) + both(DROP, 0, 1)
    summary = summarise(TESTS, results)
    assert summary.overall_weaker is R
    assert "12 vs 25" in summary.summary  # right, then left: the weaker side's value first
    assert "18 vs 26" not in summary.summary


def test_no_results_at_all():
    summary = summarise(TESTS, [])
    assert summary.overall_weaker is None
    assert summary.assessed_on is None
    assert summary.summary == "No assessment recorded yet."
    assert summary.referral is None
    assert not summary.gluteus_medius_first and not summary.mobility_first
    assert all(o.left is None and o.right is None for o in summary.outcomes)


def test_a_pelvis_drop_puts_gluteus_medius_work_first():
    assert summarise(TESTS, [res(DROP, R, 1)]).gluteus_medius_first is True
    assert summarise(TESTS, both(DROP, 1, 1)).gluteus_medius_first is True
    assert summarise(TESTS, both(DROP, 0, 0)).gluteus_medius_first is False
    # A weak stance is a gluteus medius test but not the pelvis-drop sign.
    assert summarise(TESTS, both(STANCE, 5, 30)).gluteus_medius_first is False


def test_tight_hip_flexors_put_mobility_first():
    assert summarise(TESTS, [res(FLEXOR, L, 1)]).mobility_first is True
    assert summarise(TESTS, both(FLEXOR, 1, 1)).mobility_first is True
    assert summarise(TESTS, both(FLEXOR, 0, 0)).mobility_first is False
    assert summarise(TESTS, both(FLEXOR, 1, 0)).gluteus_medius_first is False


def test_the_summary_scores_the_latest_results():
    earlier = DAY - timedelta(days=28)
    results = both(BRIDGE, 10, 26, on=earlier) + both(BRIDGE, 26, 24)
    summary = summarise(TESTS, results)
    assert summary.outcomes[0].weaker is R
    assert summary.assessed_on == DAY


# -- reference bands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, band",
    [(0, "poor"), (19, "poor"), (20, "average"), (25, "average"), (30, "average"), (31, "good")],
)
def test_bridge_bands(value, band):
    assert BRIDGE.band(value) == band


def test_bands_of_signs_and_of_tests_without_bands():
    assert DROP.band(1) == "sign present"
    assert DROP.band(0) == "no sign"
    assert STANCE.band(12) is None


# -- reading a recorded value -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("yes", 1), ("Y", 1), (" YES ", 1), ("true", 1), ("1", 1), (1, 1),
     ("no", 0), ("N", 0), ("false", 0), ("0", 0), (0, 0)],
)
def test_yes_no_words(text, value):
    assert DROP.check_value(text) == value


@pytest.mark.parametrize("text", ["maybe", "", "2", "yes please", "-1"])
def test_a_sign_refuses_other_answers(text):
    with pytest.raises(EntryError, match="drop is answered yes or no"):
        DROP.check_value(text)


@pytest.mark.parametrize("text, value", [("0", 0), ("18", 18), (" 30 ", 30), (25, 25)])
def test_numbers_in_range(text, value):
    assert STANCE.check_value(text) == value


def test_a_value_above_the_maximum_is_refused():
    with pytest.raises(EntryError, match="31 s is more than 30"):
        STANCE.check_value("31")
    assert BRIDGE.check_value("100") == 100
    with pytest.raises(EntryError, match="more than 100"):
        BRIDGE.check_value(101)


@pytest.mark.parametrize("text", ["-1", "12.5", "ten", "", "yes", "1e2", "+3"])
def test_a_measured_test_refuses_non_numbers(text):
    with pytest.raises(EntryError, match="bridge needs a whole number of reps"):
        BRIDGE.check_value(text)


def test_a_superscript_digit_is_an_entry_error_not_a_crash():
    with pytest.raises(EntryError):
        BRIDGE.check_value("²")


# -- choosing the results -----------------------------------------------------------------------


def test_latest_results_keep_the_latest_of_each_test_and_side():
    old = res(BRIDGE, L, 10, on=DAY - timedelta(days=28))
    new = res(BRIDGE, L, 20)
    right = res(BRIDGE, R, 22, on=DAY - timedelta(days=28))
    picked = latest_results([new, old, right])
    assert picked == {("bridge", L): new, ("bridge", R): right}


def test_a_repeat_on_the_same_day_replaces_the_first():
    first, correction = res(BRIDGE, L, 10), res(BRIDGE, L, 18)
    assert latest_results([first, correction])[("bridge", L)] == correction


def test_latest_results_can_stop_at_a_date():
    old, new = res(BRIDGE, L, 10, on=DAY - timedelta(days=1)), res(BRIDGE, L, 20)
    assert latest_results([old, new], on_or_before=DAY - timedelta(days=1)) == {("bridge", L): old}
    assert latest_results([new], on_or_before=DAY - timedelta(days=1)) == {}


def test_first_results_keep_the_earliest_of_each_test_and_side():
    early = DAY - timedelta(days=28)
    results = [res(BRIDGE, L, 20), res(BRIDGE, L, 10, on=early), res(STANCE, R, 5)]
    first = first_results(results)
    assert first == {("bridge", L): results[1], ("stance", R): results[2]}
    assert first_results([]) == {}


# -- the four-weekly reminder -------------------------------------------------------------------


def test_reassessment_is_due_after_four_weeks():
    assert REASSESS_DAYS == 28
    assert reassessment_due([], TODAY) is True
    assert reassessment_due([res(BRIDGE, L, 20, on=TODAY - timedelta(days=27))], TODAY) is False
    assert reassessment_due([res(BRIDGE, L, 20, on=TODAY - timedelta(days=28))], TODAY) is True
    assert reassessment_due([res(BRIDGE, L, 20, on=TODAY)], TODAY) is False


def test_the_reminder_counts_from_the_last_assessment():
    results = [
        res(BRIDGE, L, 20, on=TODAY - timedelta(days=60)),
        res(BRIDGE, L, 22, on=TODAY - timedelta(days=27)),
    ]
    assert reassessment_due(results, TODAY) is False


# -- the catalogue's [[assessment]] section -----------------------------------------------------

REAL_IDS = [
    "single-leg-bridge-test", "single-leg-stance", "side-lying-abduction-hold",
    "pelvis-drop", "hip-flexor-tightness",
]


def test_the_real_catalogue_has_the_five_tests():
    tests = parse_catalog(REAL_TEXT).assessments
    assert [t.id for t in tests] == REAL_IDS
    kinds = {t.id: t.kind for t in tests}
    assert kinds == {
        "single-leg-bridge-test": Kind.COUNT,
        "single-leg-stance": Kind.SECONDS,
        "side-lying-abduction-hold": Kind.SECONDS,
        "pelvis-drop": Kind.YES_NO,
        "hip-flexor-tightness": Kind.YES_NO,
    }
    bridge = tests[0]
    assert (bridge.poor_below, bridge.good_above, bridge.unit) == (20, 30, "reps")
    assert tests[1].max_value == 30
    assert {t.id: t.focus for t in tests}["pelvis-drop"] is Focus.GLUTEUS_MEDIUS
    assert {t.id: t.focus for t in tests}["hip-flexor-tightness"] is Focus.MOBILITY
    assert all(t.steps for t in tests)


def test_the_real_tests_score_the_issue_example():
    tests = parse_catalog(REAL_TEXT).assessments
    results = [
        AssessmentResult(DAY, "single-leg-bridge-test", L, 18),
        AssessmentResult(DAY, "single-leg-bridge-test", R, 26),
        AssessmentResult(DAY, "pelvis-drop", L, 1),
        AssessmentResult(DAY, "pelvis-drop", R, 0),
    ]
    summary = summarise(tests, results)
    assert summary.overall_weaker is L
    assert "18 vs 26" in summary.summary
    assert summary.gluteus_medius_first and not summary.mobility_first


def _section(test_id: str) -> tuple[int, int]:
    """The span of the `[[assessment]]` table whose id is `test_id` in the real text."""
    start = REAL_TEXT.index(f'[[assessment]]\nid = "{test_id}"')
    end = REAL_TEXT.find("[[assessment]]", start + 1)
    return start, len(REAL_TEXT) if end == -1 else end


def _mutate(test_id: str, old: str, new: str) -> str:
    start, end = _section(test_id)
    section = REAL_TEXT[start:end]
    assert old in section, old
    return REAL_TEXT[:start] + section.replace(old, new, 1) + REAL_TEXT[end:]


def _error(text: str) -> str:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text)
    return str(caught.value)


@pytest.mark.parametrize(
    "test_id, old, new, field",
    [
        ("single-leg-stance", 'unit = "s"\n', 'unit = "s"\nrepeat = 2\n', "repeat"),
        ("single-leg-bridge-test", 'kind = "count"', 'kind = "reps"', "kind"),
        ("single-leg-bridge-test", "max = 100\n", "", "max"),
        ("side-lying-abduction-hold", "max = 300\n", "", "max"),
        ("single-leg-bridge-test", "poor_below = 20", "poor_below = 35", "poor_below"),
        ("pelvis-drop", 'focus = "gluteus-medius"', 'focus = "balance"', "focus"),
        ("single-leg-stance", "max = 30", "max = 0", "max"),
        ("hip-flexor-tightness", "steps = [", "steps = []\nold_steps = [", "old_steps"),
    ],
)
def test_a_bad_assessment_names_its_id_and_field(test_id, old, new, field):
    message = _error(_mutate(test_id, old, new))
    assert f"assessment '{test_id}'" in message
    assert f"'{field}'" in message


def test_a_kind_not_allowed_lists_the_kinds():
    message = _error(_mutate("single-leg-bridge-test", 'kind = "count"', 'kind = "reps"'))
    assert "count, seconds, yes-no" in message


def test_poor_below_above_good_above_names_both_fields():
    message = _error(_mutate("single-leg-bridge-test", "poor_below = 20", "poor_below = 35"))
    assert "'poor_below' (35)" in message and "'good_above' (30)" in message


def test_a_yes_no_test_needs_no_max():
    tests = parse_catalog(REAL_TEXT).assessments
    assert {t.id: t.max_value for t in tests}["pelvis-drop"] == 1


def test_a_duplicate_assessment_id_is_refused():
    text = _mutate("single-leg-stance", 'id = "single-leg-stance"', 'id = "single-leg-bridge-test"')
    message = _error(text)
    assert "assessment 'single-leg-bridge-test'" in message
    assert re.search(r"'id' duplicates", message)


def test_a_catalogue_without_assessments_has_none():
    start = REAL_TEXT.index("[[assessment]]")
    assert parse_catalog(REAL_TEXT[:start]).assessments == ()
