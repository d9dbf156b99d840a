"""Left/right balance: the limb symmetry index (`trainer.core.balance`) and the grouping of logged
sets into side-sessions (`trainer.core.model.side_sessions_from`).

Spec: design/progression-rules.md 6.2 (per-set metric, LSI_roll, comparable), 6.8.26 (volume-load,
band or body weight against kg, 28-day window).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from trainer.core.balance import (
    Pair,
    comparable,
    last_session_symmetry,
    pairs_of,
    rolling_symmetry,
    symmetry,
)
from trainer.core.model import BODYWEIGHT, Load, LoggedSet, Side, SideSession, side_sessions_from

L, R = Side.LEFT, Side.RIGHT
D0 = date(2026, 11, 2)


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


def pair(
    n: int, left=(15, 15), right=(15, 15), *, load_l=BODYWEIGHT, load_r=BODYWEIGHT, **kw
) -> Pair:
    left_kw = {k[:-2]: v for k, v in kw.items() if k.endswith("_l")}
    right_kw = {k[:-2]: v for k, v in kw.items() if k.endswith("_r")}
    shared = {k: v for k, v in kw.items() if not k.endswith(("_l", "_r"))}
    return Pair(
        day(n),
        ss(n, L, left, load=load_l, **shared, **left_kw),
        ss(n, R, right, load=load_r, **shared, **right_kw),
    )


# -- symmetry: the index on hand-made pairs ------------------------------------------------------


def test_lsi_is_weaker_over_stronger_times_100_of_mean_reps_per_set():
    result = symmetry([pair(0, left=(10, 10), right=(15, 15))])
    assert result.lsi == pytest.approx(10 / 15 * 100)
    assert result.weaker_side is L
    assert result.left_total == pytest.approx(10.0)
    assert result.right_total == pytest.approx(15.0)
    assert result.sessions == 1
    assert result.asymmetry_pct == pytest.approx(100 - 10 / 15 * 100)
    assert not result.balanced


def test_lsi_sums_the_per_set_means_over_the_sessions():
    pairs = [
        pair(0, left=(15, 15), right=(10, 10)),
        pair(2, left=(15, 15), right=(12, 12)),
        pair(4, left=(15, 15), right=(14, 14)),
    ]
    result = symmetry(pairs)
    # right 10 + 12 + 14 = 36 against left 45.
    assert result.lsi == pytest.approx(80.0)
    assert result.weaker_side is R
    assert (result.left_total, result.right_total) == (pytest.approx(45.0), pytest.approx(36.0))
    assert result.sessions == 3


def test_set_counts_may_differ_the_metric_is_the_mean_per_set():
    # 3 sets of 10 against 2 sets of 15: per set 10 vs 15, not the totals 30 vs 30.
    result = symmetry([pair(0, left=(10, 10, 10), right=(15, 15))])
    assert result.lsi == pytest.approx(10 / 15 * 100)
    assert result.weaker_side is L


def test_hold_seconds_use_mean_seconds_per_set():
    result = symmetry([pair(0, left=(30, 40), right=(40, 40))])  # 35 s vs 40 s
    assert result.lsi == pytest.approx(35 / 40 * 100)
    assert result.weaker_side is L


def test_equal_sides_have_lsi_100_and_no_weaker_side():
    result = symmetry([pair(0, left=(12, 14), right=(14, 12)), pair(2)])
    assert result.lsi == pytest.approx(100.0)
    assert result.weaker_side is None
    assert result.balanced


def test_ninety_is_balanced_and_just_under_is_not():
    at_90 = symmetry([pair(0, load_l=Load(kg=10), load_r=Load(kg=9))])
    under = symmetry([pair(0, load_l=Load(kg=10), load_r=Load(kg=8.99))])
    assert at_90.lsi == pytest.approx(90.0) and at_90.balanced
    assert under.lsi == pytest.approx(89.9) and not under.balanced


@pytest.mark.parametrize(("involved", "ratio"), [(L, 80.0), (R, 125.0), (None, None)])
def test_involved_ratio_is_involved_over_uninvolved(involved, ratio):
    pairs = [pair(0, left=(12, 12), right=(15, 15))]  # left 12, right 15
    result = symmetry(pairs, involved)
    assert result.lsi == pytest.approx(80.0)
    if ratio is None:
        assert result.involved_ratio is None
    else:
        assert result.involved_ratio == pytest.approx(ratio)


def test_different_kg_loads_compare_volume_load():
    # Left 10 kg x 10 reps = 100 per set, right 8 kg x 12 reps = 96 per set: right is weaker in
    # volume-load even though it did more reps.
    result = symmetry(
        [pair(0, left=(10, 10), right=(12, 12), load_l=Load(kg=10), load_r=Load(kg=8))]
    )
    assert result.lsi == pytest.approx(96.0)
    assert result.weaker_side is R


def test_loads_differing_in_one_session_switch_all_sessions_to_volume_load():
    pairs = [
        pair(0, left=(10, 10), right=(10, 10), load_l=Load(kg=10), load_r=Load(kg=10)),
        pair(2, left=(10, 10), right=(10, 10), load_l=Load(kg=10), load_r=Load(kg=10)),
        pair(4, left=(10, 10), right=(10, 10), load_l=Load(kg=10), load_r=Load(kg=5)),
    ]
    result = symmetry(pairs)
    # volume: left 100 + 100 + 100 = 300, right 100 + 100 + 50 = 250 (reps alone would give 100 %).
    assert result.left_total == pytest.approx(300.0)
    assert result.right_total == pytest.approx(250.0)
    assert result.lsi == pytest.approx(250 / 300 * 100)
    assert result.weaker_side is R


def test_same_band_on_both_sides_compares_reps():
    result = symmetry(
        [pair(0, left=(12, 12), right=(15, 15), load_l=Load(band="red"), load_r=Load(band="red"))]
    )
    assert result.lsi == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("load_l", "load_r"),
    [
        (Load(band="red"), Load(kg=5)),
        (BODYWEIGHT, Load(kg=5)),
        (Load(kg=5), BODYWEIGHT),
        (Load(kg=5), Load(band="red")),
    ],
)
def test_band_or_body_weight_against_kg_is_not_comparable(load_l, load_r):
    p = pair(0, load_l=load_l, load_r=load_r)
    assert not comparable(p)
    # and a volume-load comparison cannot be made with it
    assert symmetry([p]) is None


def test_no_pairs_has_no_symmetry():
    assert symmetry([]) is None


# -- comparable (6.2, AS-3) ----------------------------------------------------------------------


def test_a_plain_pair_is_comparable_even_with_different_set_counts():
    assert comparable(pair(0, left=(15, 15, 15), right=(12, 12)))


def test_amber_pain_is_still_comparable():
    assert comparable(pair(0, pain=5))


@pytest.mark.parametrize(
    "kw",
    [
        {"stopped_l": True},
        {"stopped_r": True},
        {"sharp_l": True},
        {"sharp_r": True},
        {"pain_l": 6},
        {"pain_r": 9},
    ],
)
def test_stopped_sharp_or_red_side_makes_the_day_not_comparable(kw):
    assert not comparable(pair(0, **kw))


def test_different_levels_are_not_comparable():
    p = Pair(day(0), ss(0, L, level=1), ss(0, R, level=2))
    assert not comparable(p)


def test_a_side_with_no_performed_sets_is_not_comparable():
    assert not comparable(pair(0, left=()))


# -- pairs_of ------------------------------------------------------------------------------------


def test_pairs_are_the_days_both_sides_did_the_exercise_oldest_first():
    left = [ss(0, L), ss(2, L), ss(4, L)]
    right = [ss(2, R), ss(4, R), ss(6, R)]
    pairs = pairs_of(left, right)
    assert [p.date for p in pairs] == [day(2), day(4)]
    assert all(p.left.side is L and p.right.side is R for p in pairs)


# -- rolling window (LSI_roll) -------------------------------------------------------------------


def test_rolling_uses_the_three_latest_comparable_pairs():
    pairs = [
        pair(0, left=(5, 5), right=(15, 15)),  # the 4th newest: dropped
        pair(2, left=(12, 12), right=(15, 15)),
        pair(4, left=(12, 12), right=(15, 15)),
        pair(6, left=(12, 12), right=(15, 15)),
    ]
    result = rolling_symmetry(pairs, before=day(7))
    assert result.sessions == 3
    assert result.lsi == pytest.approx(80.0)


def test_rolling_skips_pairs_that_are_not_comparable():
    pairs = [
        pair(0, left=(12, 12), right=(15, 15)),
        pair(2, left=(12, 12), right=(15, 15)),
        pair(4, left=(3, 3), right=(15, 15), stopped_l=True),  # not comparable
        pair(6, left=(12, 12), right=(15, 15)),
    ]
    result = rolling_symmetry(pairs, before=day(7))
    assert result.sessions == 3
    assert result.lsi == pytest.approx(80.0)


def test_rolling_is_none_with_fewer_than_three_comparable_pairs():
    pairs = [pair(0), pair(2), pair(4, pain_r=6)]
    assert rolling_symmetry(pairs, before=day(5)) is None
    assert rolling_symmetry(pairs[:2], before=day(5)) is None


def test_rolling_only_counts_the_last_28_days():
    pairs = [pair(0, left=(12, 12)), pair(20, left=(12, 12)), pair(22, left=(12, 12))]
    assert rolling_symmetry(pairs, before=day(28)).lsi == pytest.approx(80.0)  # day 0 = D - 28
    assert rolling_symmetry(pairs, before=day(29)) is None  # day 0 = D - 29


def test_rolling_ignores_pairs_on_or_after_the_date():
    pairs = [
        pair(0, left=(12, 12)),
        pair(2, left=(12, 12)),
        pair(4, left=(12, 12)),
        pair(6, left=(3, 3)),
    ]
    assert rolling_symmetry(pairs, before=day(6)).lsi == pytest.approx(80.0)
    assert rolling_symmetry(pairs, before=day(4)) is None


def test_rolling_reports_the_involved_ratio():
    pairs = [pair(n, left=(12, 12)) for n in (0, 2, 4)]
    assert rolling_symmetry(pairs, before=day(5), involved=R).involved_ratio == pytest.approx(125.0)


def test_last_session_symmetry_is_the_newest_comparable_pair():
    pairs = [pair(0, left=(12, 12)), pair(2, left=(9, 9)), pair(4, left=(3, 3), sharp_l=True)]
    assert last_session_symmetry(pairs, before=day(5)).lsi == pytest.approx(60.0)
    assert last_session_symmetry(pairs, before=day(2)).lsi == pytest.approx(80.0)
    assert last_session_symmetry(pairs, before=day(0)) is None


# -- side_sessions_from --------------------------------------------------------------------------

_ids = iter(range(1, 10_000))
AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def logged(
    n: int,
    side: Side,
    reps: int | None = 12,
    *,
    exercise: str = "clamshell",
    level: int = 1,
    load: Load = BODYWEIGHT,
    pain: int | None = 0,
    hold_s: int | None = None,
    sharp: bool = False,
    stopped: bool = False,
    technique_ok: bool = True,
    set_id: int | None = None,
) -> LoggedSet:
    set_id = next(_ids) if set_id is None else set_id
    return LoggedSet(
        id=set_id,
        session_id=1,
        date=day(n),
        exercise_id=exercise,
        level=level,
        side=side,
        set_number=1,
        reps=reps,
        hold_s=hold_s,
        load=load,
        pain=pain,
        sharp=sharp,
        stopped_early=stopped,
        technique_ok=technique_ok,
        logged_at=AT,
    )


def test_sets_group_by_date_exercise_and_side():
    sets = [
        logged(0, L, 12),
        logged(0, L, 13),
        logged(0, R, 10),
        logged(0, L, 15, exercise="bird-dog", level=2),
        logged(1, L, 14),
    ]
    sessions = side_sessions_from(sets)
    keys = [(s.date, s.exercise_id, s.side) for s in sessions]
    assert keys == [
        (day(0), "bird-dog", L),
        (day(0), "clamshell", L),
        (day(0), "clamshell", R),
        (day(1), "clamshell", L),
    ]
    by_key = {(s.date, s.exercise_id, s.side): s for s in sessions}
    assert by_key[(day(0), "clamshell", L)].performed == (12, 13)
    assert by_key[(day(0), "clamshell", R)].performed == (10,)
    assert by_key[(day(0), "bird-dog", L)].performed == (15,)
    assert by_key[(day(0), "bird-dog", L)].level == 2
    assert by_key[(day(1), "clamshell", L)].performed == (14,)


def test_sets_are_ordered_by_date_and_id_whatever_the_input_order():
    sets = [
        logged(0, L, 13, set_id=502),
        logged(0, L, 11, set_id=501),
        logged(0, L, 12, set_id=503),
    ]
    (session,) = side_sessions_from(sets)
    assert session.performed == (11, 13, 12)


def test_a_set_for_both_sides_counts_for_left_and_right():
    sets = [logged(0, Side.BOTH, 12, pain=3), logged(0, L, 10, pain=1)]
    sessions = {s.side: s for s in side_sessions_from(sets)}
    assert set(sessions) == {L, R}
    assert sessions[L].performed == (12, 10)
    assert sessions[R].performed == (12,)
    assert sessions[L].pain == 3
    assert sessions[R].pain == 3
    assert all(s.side is not Side.BOTH for s in sessions.values())


def test_pain_is_the_worst_set_and_missing_pain_counts_as_zero():
    sessions = side_sessions_from([logged(0, L, pain=None), logged(0, L, pain=None)])
    assert sessions[0].pain == 0
    sessions = side_sessions_from(
        [logged(0, L, pain=None), logged(0, L, pain=4), logged(0, L, pain=2)]
    )
    assert sessions[0].pain == 4


def test_stopped_and_sharp_are_true_if_any_set_was_and_technique_only_if_all_were():
    sessions = side_sessions_from(
        [
            logged(0, L, sharp=True),
            logged(0, L, stopped=True),
            logged(0, L, technique_ok=False),
            logged(0, R),
            logged(0, R),
        ]
    )
    left, right = sessions
    assert (left.sharp, left.stopped_early, left.technique_ok) == (True, True, False)
    assert (right.sharp, right.stopped_early, right.technique_ok) == (False, False, True)


def test_holds_count_seconds():
    sessions = side_sessions_from(
        [
            logged(0, L, None, hold_s=30, exercise="couch-stretch"),
            logged(0, L, None, hold_s=35, exercise="couch-stretch"),
        ]
    )
    assert sessions[0].performed == (30, 35)


def test_the_last_logged_dose_counts_after_a_change_of_load_but_every_set_counts_for_pain():
    sets = [
        logged(0, L, 15, load=Load(band="yellow"), pain=5, sharp=True),
        logged(0, L, 11, load=Load(band="red"), pain=1),
        logged(0, L, 10, load=Load(band="red"), pain=2),
    ]
    (session,) = side_sessions_from(sets)
    assert session.load == Load(band="red")
    assert session.performed == (11, 10)
    assert session.pain == 5
    assert session.sharp
