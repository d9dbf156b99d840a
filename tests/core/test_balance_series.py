"""The series the charts draw (`trainer.core.balance`): left vs right, the symmetry index per day
and rolling, pain per side, weekly aggregation. Hand-made side-sessions, numbers worked out by hand.

Spec: design/progression-rules.md 4.1 (LSI = weaker / stronger x 100, or involved / uninvolved;
90 % = balanced), 6.2 (comparable days, LSI_roll over the last 3, session_pain).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trainer.core.balance import (
    BALANCED_LSI,
    LsiPoint,
    PainPoint,
    SidePoint,
    latest_balance,
    load_symmetry,
    lsi_series,
    metrics_for,
    pain_series,
    sessions_per_exercise,
    side_series,
    weekly,
)
from trainer.core.model import (
    BODYWEIGHT,
    DoseKind,
    Exercise,
    Group,
    Level,
    Load,
    LoadKind,
    Side,
    Sidedness,
    SideSession,
)

L, R = Side.LEFT, Side.RIGHT
D0 = date(2026, 11, 2)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def ss(
    n: int,
    side: Side,
    performed=(15, 15),
    *,
    exercise: str = "clamshell",
    level: int = 1,
    load: Load = BODYWEIGHT,
    pain: int = 0,
    sharp: bool = False,
    stopped: bool = False,
) -> SideSession:
    return SideSession(
        day(n), exercise, side, level, load, tuple(performed), pain, sharp, stopped, True
    )


def both(n: int, left=(15, 15), right=(15, 15), **kw) -> list[SideSession]:
    left_kw = {k[:-2]: v for k, v in kw.items() if k.endswith("_l")}
    right_kw = {k[:-2]: v for k, v in kw.items() if k.endswith("_r")}
    shared = {k: v for k, v in kw.items() if not k.endswith(("_l", "_r"))}
    return [ss(n, L, left, **shared, **left_kw), ss(n, R, right, **shared, **right_kw)]


# -- side_series -----------------------------------------------------------------------------------


def test_reps_are_the_best_set_of_the_day_per_side():
    sessions = [
        *both(0, left=(10, 12, 11), right=(15, 14)),
        *both(2, left=(13, 13), right=(15, 15)),
    ]
    assert side_series(sessions, "clamshell", "reps") == [
        SidePoint(day(0), 12.0, 15.0),
        SidePoint(day(2), 13.0, 15.0),
    ]


def test_hold_is_the_longest_hold_and_other_exercises_are_left_out():
    sessions = [
        ss(0, L, (30, 35), exercise="couch-stretch"),
        ss(0, R, (40, 38), exercise="couch-stretch"),
        ss(0, L, (12,)),  # clamshell: another exercise
    ]
    assert side_series(sessions, "couch-stretch", "hold") == [SidePoint(day(0), 35.0, 40.0)]


def test_a_day_with_one_side_only_has_none_for_the_other():
    sessions = [ss(0, L, (12,)), *both(2)]
    assert side_series(sessions, "clamshell", "reps") == [
        SidePoint(day(0), 12.0, None),
        SidePoint(day(2), 15.0, 15.0),
    ]


def test_load_is_the_kg_used_and_days_without_kg_are_left_out():
    sessions = [
        *both(0),  # body weight: no kg to chart
        ss(2, L, load=Load(kg=6)),
        ss(2, R, load=Load(kg=8)),
        ss(4, L, load=Load(band="red")),
        ss(4, R, load=Load(kg=8)),
    ]
    assert side_series(sessions, "clamshell", "load") == [
        SidePoint(day(2), 6.0, 8.0),
        SidePoint(day(4), None, 8.0),
    ]


def test_every_logged_day_counts_in_the_sides_series_even_when_not_comparable():
    sessions = both(0, left=(4,), right=(15,), stopped_l=True, pain_l=7)
    assert side_series(sessions, "clamshell", "reps") == [SidePoint(day(0), 4.0, 15.0)]


def test_an_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="metric"):
        side_series([], "clamshell", "volume")


def test_no_sessions_no_points():
    assert side_series([], "clamshell", "reps") == []


# -- lsi_series ------------------------------------------------------------------------------------


def test_each_comparable_day_has_its_lsi_and_the_rolling_one_starts_at_the_third():
    sessions = [
        *both(0, left=(12, 12), right=(15, 15)),  # 80
        *both(2, left=(15, 15), right=(10, 10)),  # 10/15 = 66.7, right weaker
        *both(4, left=(12, 12), right=(12, 12)),  # 100
        *both(6, left=(9, 9), right=(15, 15)),  # 60
    ]
    points = lsi_series(sessions, "clamshell")
    assert [p.date for p in points] == [day(0), day(2), day(4), day(6)]
    assert [p.session for p in points] == pytest.approx([80.0, 200 / 3, 100.0, 60.0])
    assert [p.weaker for p in points] == [L, R, None, L]
    assert points[0].rolling is None and points[1].rolling is None
    # Day 4: left 12 + 15 + 12 = 39, right 15 + 10 + 12 = 37: right weaker, 37/39.
    assert points[2].rolling == pytest.approx(37 / 39 * 100)
    # Day 6: the last three: left 15 + 12 + 9 = 36, right 10 + 12 + 15 = 37: 36/37.
    assert points[3].rolling == pytest.approx(36 / 37 * 100)


def test_days_that_are_not_comparable_have_no_point_and_do_not_count_in_the_rolling_index():
    sessions = [
        *both(0, left=(12, 12)),
        *both(2, left=(3, 3), stopped_l=True),  # stopped early: not comparable
        *both(4, left=(12, 12), pain_r=6),  # red pain: not comparable
        *both(6, left=(12, 12), sharp_l=True),  # sharp: not comparable
        *both(8, left=(12, 12), level_l=2),  # different levels
        ss(10, L, (12, 12)),  # one side only
        *both(12, left=(12, 12)),
        *both(14, left=(12, 12)),
    ]
    points = lsi_series(sessions, "clamshell")
    assert [p.date for p in points] == [day(0), day(12), day(14)]
    assert [p.session for p in points] == pytest.approx([80.0, 80.0, 80.0])
    assert [p.rolling for p in points][:2] == [None, None]
    assert points[2].rolling == pytest.approx(80.0)


def test_the_rolling_index_only_looks_back_28_days():
    sessions = [*both(0, left=(12, 12)), *both(20, left=(12, 12)), *both(29, left=(12, 12))]
    points = lsi_series(sessions, "clamshell")
    assert [p.rolling for p in points] == [None, None, None]  # day 0 is 29 days before day 29


def test_a_declared_involved_side_gives_involved_over_uninvolved():
    sessions = [s for n in (0, 2, 4) for s in both(n, left=(15, 15), right=(12, 12))]
    right_involved = lsi_series(sessions, "clamshell", involved=R)
    assert [p.session for p in right_involved] == pytest.approx([80.0] * 3)
    left_involved = lsi_series(sessions, "clamshell", involved=L)
    assert [p.session for p in left_involved] == pytest.approx([125.0] * 3)  # above 100: stronger
    assert left_involved[-1].rolling == pytest.approx(125.0)
    assert [p.weaker for p in left_involved] == [R, R, R]


def test_days_with_different_loads_have_no_reps_index():
    # 6.9.9 (issue 14.3): 10 kg against 8 kg compared as weight x reps read "symmetry 50 %";
    # different loads are not compared at all (the "load" metric compares the kilograms).
    sessions = both(0, left=(10, 10), right=(12, 12), load_l=Load(kg=10), load_r=Load(kg=8))
    assert lsi_series(sessions, "clamshell") == []
    (point,) = lsi_series(sessions, "clamshell", metric="load")
    assert point.session == pytest.approx(80.0)


def test_the_load_index_compares_kg_on_days_both_sides_lifted_kg():
    sessions = [
        *both(0, load_l=Load(kg=8), load_r=Load(kg=10)),  # 80
        *both(2, load_l=Load(kg=10), load_r=Load(kg=10)),  # 100
        *both(4),  # body weight: no kg index
        *both(6, load_l=Load(kg=9), load_r=Load(kg=10)),  # 90
    ]
    points = lsi_series(sessions, "clamshell", metric="load")
    assert [p.date for p in points] == [day(0), day(2), day(6)]
    assert [p.session for p in points] == pytest.approx([80.0, 100.0, 90.0])
    assert points[-1].rolling == pytest.approx(27 / 30 * 100)
    assert load_symmetry([]) is None


def test_balanced_is_the_90_percent_line():
    assert BALANCED_LSI == 90.0


def test_latest_balance_is_the_rolling_index_of_the_last_comparable_day():
    sessions = [
        *both(0, left=(9, 9)),
        *both(2, left=(12, 12)),
        *both(4, left=(12, 12)),
        *both(6, left=(12, 12)),
        *both(8, left=(2, 2), sharp_l=True),  # not comparable: the index stays at day 6
    ]
    now = latest_balance(sessions, "clamshell")
    assert now.lsi == pytest.approx(80.0)
    assert now.weaker_side is L and not now.balanced and now.sessions == 3
    assert latest_balance(sessions[:4], "clamshell") is None  # only two comparable days
    assert latest_balance([], "clamshell") is None


# -- pain_series -----------------------------------------------------------------------------------


def test_pain_is_the_worst_of_any_exercise_per_side_and_day():
    sessions = [
        ss(0, L, pain=2),
        ss(0, R, pain=1),
        ss(0, L, pain=5, exercise="bird-dog"),
        ss(2, R, pain=3),
    ]
    assert pain_series(sessions) == [PainPoint(day(0), 5, 1), PainPoint(day(2), None, 3)]
    assert pain_series(sessions, "clamshell") == [
        PainPoint(day(0), 2, 1),
        PainPoint(day(2), None, 3),
    ]
    assert pain_series([]) == []


# -- weekly ----------------------------------------------------------------------------------------


def test_weekly_means_are_dated_on_the_monday_and_skip_missing_values():
    points = [
        SidePoint(day(0), 10.0, 14.0),  # Mon 2 Nov
        SidePoint(day(2), 12.0, None),
        SidePoint(day(6), 14.0, 16.0),  # Sun 8 Nov: same week
        SidePoint(day(7), None, 15.0),  # Mon 9 Nov
    ]
    assert weekly(points) == [SidePoint(day(0), 12.0, 15.0), SidePoint(day(7), None, 15.0)]
    assert weekly(points, how="max") == [
        SidePoint(day(0), 14.0, 16.0),
        SidePoint(day(7), None, 15.0),
    ]
    assert all(type(p) is SidePoint for p in weekly(points))


def test_weekly_keeps_the_last_weaker_side_of_the_week_and_orders_by_date():
    points = [
        LsiPoint(day(9), 90.0, 85.0, R),
        LsiPoint(day(0), 80.0, None, L),
        LsiPoint(day(2), 70.0, None, R),
    ]
    first, second = weekly(points)
    assert first == LsiPoint(day(0), 75.0, None, R)
    assert second == LsiPoint(day(7), 90.0, 85.0, R)


def test_weekly_of_nothing_is_nothing_and_an_unknown_aggregate_is_refused():
    assert weekly([]) == []
    with pytest.raises(ValueError):
        weekly([SidePoint(day(0), 1.0, 1.0)], how="median")


def test_weekly_of_months_has_one_point_per_week():
    points = [SidePoint(day(n), float(n), float(n)) for n in range(0, 120, 2)]
    weeks = weekly(points)
    assert len(weeks) == 17  # Mon 2 Nov 2026 to Sun 28 Feb 2027: 17 weeks
    assert all(p.date.weekday() == 0 for p in weeks)
    assert weeks[0].left == pytest.approx(3.0)  # days 0, 2, 4, 6


# -- helpers the charts use ------------------------------------------------------------------------


def _exercise(dose: DoseKind, loads=()) -> Exercise:
    level = Level(1, "one", 2, 10, 15, entry=True, loads=tuple(loads))
    return Exercise("x", "X", Group.STRENGTH, (), Sidedness.EACH, dose, (level,), (), ())


def test_metrics_follow_what_the_exercise_counts_and_whether_it_takes_kg():
    assert metrics_for(_exercise(DoseKind.REPS)) == ("reps",)
    assert metrics_for(_exercise(DoseKind.HOLD)) == ("hold",)
    assert metrics_for(_exercise(DoseKind.REPS, [LoadKind.WEIGHT])) == ("reps", "load")
    assert metrics_for(_exercise(DoseKind.REPS, [LoadKind.BAND])) == ("reps",)


def test_sessions_per_exercise_counts_days_most_first():
    sessions = [*both(0), *both(2), ss(2, L, exercise="bird-dog"), ss(4, L, exercise="dead-bug")]
    assert list(sessions_per_exercise(sessions).items()) == [
        ("clamshell", 2),
        ("bird-dog", 1),
        ("dead-bug", 1),
    ]
