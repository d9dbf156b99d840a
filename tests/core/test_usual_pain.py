"""The usual morning pain, recorded or estimated from the first week (progression rules 6.9.8)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from trainer.core.model import MorningCheck, Settings, Side
from trainer.core.usual_pain import UsualPain, first_week_mornings, usual_morning_pain

L, R = Side.LEFT, Side.RIGHT
D0 = date(2026, 11, 2)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def M(n: int, pain: int, side: Side = L) -> MorningCheck:
    return MorningCheck(day(n), side, pain)


NOT_RECORDED = Settings()


def test_not_recorded_and_no_morning_yet_is_an_estimated_zero():
    assert usual_morning_pain(NOT_RECORDED, L, []) == UsualPain(0, estimated=True)
    assert usual_morning_pain(NOT_RECORDED, L, [M(0, 3, R)]) == UsualPain(0, estimated=True)


def test_a_recorded_level_wins_even_a_recorded_zero():
    mornings = [M(n, 2) for n in range(7)]
    assert usual_morning_pain(Settings(baseline_pain_left=0), L, mornings) == UsualPain(0, False)
    assert usual_morning_pain(Settings(baseline_pain_right=4), R, []) == UsualPain(4, False)
    assert usual_morning_pain(Settings(baseline_pain_right=4), L, mornings) == UsualPain(2, True)


def test_the_estimate_is_the_median_of_the_first_seven_days_rounded_down():
    assert usual_morning_pain(NOT_RECORDED, L, [M(0, 1), M(1, 2)]).value == 1  # 1.5
    assert usual_morning_pain(NOT_RECORDED, L, [M(0, 1), M(2, 3), M(4, 2)]).value == 2
    # Day 7 is the eighth day: it does not count, however bad.
    week = [M(0, 1), M(3, 1), M(6, 1), M(7, 9), M(8, 9), M(9, 9)]
    assert usual_morning_pain(NOT_RECORDED, L, week) == UsualPain(1, True)


def test_the_first_week_starts_at_the_sides_first_entry():
    # Mornings recorded from the third week on: their first seven days count.
    late = [M(14, 2, R), M(15, 2, R), M(16, 3, R)]
    assert first_week_mornings([M(0, 0), *late], R) == tuple(late)
    assert usual_morning_pain(NOT_RECORDED, R, [M(0, 0), *late]) == UsualPain(2, True)
    assert usual_morning_pain(NOT_RECORDED, L, [M(0, 0), *late]) == UsualPain(0, True)


def test_only_mornings_on_or_before_the_day_decided_count():
    week = [M(0, 1), M(1, 3), M(2, 3)]
    assert [usual_morning_pain(NOT_RECORDED, L, week, day(n)).value for n in (-1, 0, 1, 2, 9)] == [
        0, 1, 2, 3, 3
    ]


mornings_st = st.lists(
    st.builds(M, st.integers(0, 30), st.integers(0, 10), st.sampled_from([L, R])), max_size=20
)


@hsettings(max_examples=200, deadline=None)
@given(mornings=mornings_st, recorded=st.sampled_from([None, 0, 3, 10]), on=st.integers(-2, 35))
def test_property_recorded_wins_else_an_estimate_within_the_first_weeks_entries(
    mornings, recorded, on
):
    settings = Settings(baseline_pain_left=recorded)
    usual = usual_morning_pain(settings, L, mornings, day(on))
    if recorded is not None:
        assert usual == UsualPain(recorded, estimated=False)
        return
    assert usual.estimated
    seen = [m for m in mornings if m.side is L and m.date <= day(on)]
    if not seen:
        assert usual.value == 0
        return
    first = min(m.date for m in seen)
    week = [m.pain for m in seen if m.date <= first + timedelta(days=6)]
    assert min(week) <= usual.value <= max(week)
    # Stable after week one: a later day, or later entries, never change it.
    later = [*mornings, M(max(on, 0) + 8, 10), M(max(on, 0) + 9, 0)]
    if day(on) >= first + timedelta(days=6):
        assert usual_morning_pain(settings, L, later, day(on + 20)) == usual
