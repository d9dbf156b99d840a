"""The rules of when the app asks (core.checks), which exercises today holds (core.today) and the
assessment's look-ups (core.assessment), moved out of the services facade (issue 17.2)."""

from datetime import date

import pytest

from trainer.core.assessment import AssessmentResult, find_test, involved_side_or_weaker
from trainer.core.checks import (
    MORNING_CHECK_WINDOW_DAYS,
    morning_check_due,
    morning_check_window,
    symptom_checklist_due,
)
from trainer.core.errors import EntryError
from trainer.core.model import MorningCheck, Side, SymptomAnswers
from trainer.core.plan import PlannedSession
from trainer.core.today import exercises_for_today
from trainer.paths import catalog_path
from trainer.services import load_catalogue

TODAY = date(2026, 12, 5)
CATALOGUE = load_catalogue(catalog_path(None))


def test_the_morning_window_is_the_two_days_before_today():
    assert MORNING_CHECK_WINDOW_DAYS == 2
    assert morning_check_window(TODAY) == (date(2026, 12, 3), date(2026, 12, 4))


def test_the_latest_training_day_is_due_until_a_morning_follows_it():
    trained = [date(2026, 12, 3), date(2026, 12, 4)]
    assert morning_check_due([], []) is None
    assert morning_check_due(trained, []) == date(2026, 12, 4)
    # A morning after the earlier day does not answer for the later one.
    assert morning_check_due(trained, [MorningCheck(date(2026, 12, 4), Side.LEFT, pain=1)]) == date(2026, 12, 4)
    assert morning_check_due(trained, [MorningCheck(date(2026, 12, 5), Side.BOTH, pain=1)]) is None


def test_the_checklist_is_due_weekly():
    assert symptom_checklist_due(None, TODAY)
    assert not symptom_checklist_due(SymptomAnswers(date(2026, 11, 29), frozenset()), TODAY)
    assert symptom_checklist_due(SymptomAnswers(date(2026, 11, 28), frozenset()), TODAY)
    assert not symptom_checklist_due(SymptomAnswers(date(2026, 11, 28), frozenset()), TODAY, every_days=8)


def test_today_holds_the_plan_or_the_next_session_and_what_was_logged():
    plank = PlannedSession(TODAY, 30, ("dead-bug",))
    clamshell = PlannedSession(date(2026, 12, 7), 30, ("clamshell",))
    assert exercises_for_today(CATALOGUE, plank, clamshell, False, []) == ("dead-bug",)
    assert exercises_for_today(CATALOGUE, None, clamshell, False, []) == ()
    assert exercises_for_today(CATALOGUE, None, clamshell, True, []) == ("clamshell",)
    everything = exercises_for_today(CATALOGUE, None, None, True, [])
    assert set(everything) == {ex.id for ex in CATALOGUE.exercises}
    # Logged today belongs to today, once, and an id the catalogue lost is left out.
    logged = exercises_for_today(CATALOGUE, plank, None, True, ["clamshell", "clamshell", "gone"])
    assert sorted(logged) == ["clamshell", "dead-bug"]


def test_an_unknown_test_names_the_closest():
    first = CATALOGUE.assessments[0]
    assert find_test(CATALOGUE.assessments, first.id) is first
    with pytest.raises(EntryError, match=f"did you mean {first.id}"):
        find_test(CATALOGUE.assessments, first.id[:-1] + "x")


def test_the_named_side_wins_over_the_assessment():
    tests = CATALOGUE.assessments
    test = tests[0]
    results = [
        AssessmentResult(TODAY, test.id, Side.LEFT, 1 if test.kind.value != "yes-no" else 0, None),
        AssessmentResult(TODAY, test.id, Side.RIGHT, 30 if test.kind.value != "yes-no" else 1, None),
    ]
    assert involved_side_or_weaker(Side.RIGHT, tests, results, TODAY) is Side.RIGHT
    assert involved_side_or_weaker(None, (), results, TODAY) is None
    assert involved_side_or_weaker(None, tests, [], TODAY) is None
    # Results after `on` do not count yet.
    assert involved_side_or_weaker(None, tests, results, date(2026, 12, 1)) is None
