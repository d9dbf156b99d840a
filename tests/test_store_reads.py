"""The store's quick reads (plain SQL, partial reads) against the same facts worked out from the
whole history, on a real SQLite file with a varied random history: both-side sets, pain left
unrecorded, sharp pain, several levels a day, days with one side only."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.conftest import NOW
from trainer.core.model import Load, SetEntry, Side, side_sessions_from
from trainer.core.session import describe_sides, summarise
from trainer.store import SessionStatus

TODAY = NOW.date()
EXERCISES = ("clamshell", "side-lying-leg-raise", "frog-stretch", "copenhagen-plank")


@pytest.fixture
def varied(services):
    """About a year of sessions on random days (with seed), logged through the services."""
    rng = random.Random(7)
    for offset in sorted(rng.sample(range(1, 400), 90), reverse=True):
        day = TODAY - timedelta(days=offset)
        for exercise_id in rng.sample(EXERCISES, rng.randint(1, 3)):
            exercise = services.catalogue.get(exercise_id)
            sides = [Side.BOTH] if exercise_id == "frog-stretch" else rng.choice(
                [[Side.LEFT, Side.RIGHT], [Side.LEFT], [Side.RIGHT], [Side.BOTH]]
            )
            for side in sides:
                level = rng.choice([1, 2]) if len(exercise.levels) > 1 else 1
                pain, sharp = rng.choice([None, 0, 2, 4, 7]), rng.random() < 0.05
                if side is Side.BOTH and exercise_id != "frog-stretch":
                    # As an import from another app stores a set without a side.
                    entry = SetEntry(exercise_id, level, Side.BOTH, 10, None, Load(), pain, sharp)
                    services.store.log_set(day, entry, NOW, SessionStatus.DONE)
                    continue
                counts = {"holds": [30, 35]} if exercise.counts_seconds else {"reps": [12, rng.randint(5, 15)]}
                services.log(exercise_id, side, level=level, load=Load(), on=day, pain=pain, sharp=sharp, **counts)
    # And today's sets, which the "before today" reads must leave out.
    services.log("clamshell", Side.LEFT, reps=[15], level=1, load=Load())
    return services


def test_day_totals_match_the_summary_of_each_days_sets(varied):
    everything = varied.history()
    for totals in varied.history_days():
        sets = [s for s in everything if s.date == totals.date]
        summary = summarise(sets)
        left, right = summary.sides
        assert (totals.sets, totals.exercises) == (summary.sets, summary.exercises)
        assert (totals.sets_left, totals.sets_right) == (left.sets, right.sets)
        assert (totals.pain_left, totals.pain_right) == (left.pain_max, right.pain_max)
        assert (totals.sharp_left, totals.sharp_right) == (left.sharp, right.sharp)
    assert [t.date for t in varied.history_days()] == sorted({s.date for s in everything}, reverse=True)


def test_the_last_day_of_each_side_is_found_without_reading_everything(varied):
    everything = varied.history()
    earlier = [s for s in everything if s.date < TODAY]
    found = varied.store.last_sets_before(TODAY)
    for exercise_id in EXERCISES:
        mine = [s for s in earlier if s.exercise_id == exercise_id]
        assert describe_sides([s for s in found if s.exercise_id == exercise_id]) == describe_sides(mine)


def test_one_exercises_side_sessions_equal_those_of_the_whole_history(varied):
    everything = side_sessions_from(varied.history())
    for exercise_id in EXERCISES:
        assert varied.side_sessions(exercise_id) == [s for s in everything if s.exercise_id == exercise_id]


def test_trained_dates_and_day_pains_agree_with_the_history(varied):
    everything = varied.history()
    assert varied.store.trained_dates() == {s.date for s in everything}
    week = varied.store.trained_dates(TODAY - timedelta(days=7), TODAY)
    assert week == {s.date for s in everything if s.date >= TODAY - timedelta(days=7)}
    worst: dict[tuple[date, Side], int] = {}
    for s in side_sessions_from(everything):
        # 6.9.6: a both-sides set's pain is not a side's own pain.
        worst[(s.date, s.side)] = max(worst.get((s.date, s.side), 0), s.own_side_pain)
    assert {(d.date, d.side): d.pain for d in varied.side_day_pain()} == worst


def test_a_days_sets_come_in_logging_order(varied):
    day = varied.history_days()[3].date
    sets = varied.sets_on(day)
    assert sets and all(s.date == day for s in sets)
    assert [s.id for s in sets] == sorted(s.id for s in varied.history() if s.date == day)
