"""Resuming the engine from checkpoints gives exactly what a replay from the first session gives.

The store keeps a checkpoint per exercise and side (the engine's memory before the last session
it judged), so a suggestion on a ten-year history replays only the sessions since. These tests
take random histories (the strategy of test_progression), make checkpoints on an earlier day,
hand the engine only the sessions it asks for (from each checkpoint's `lookback_from` on), and
compare every decision, reason and symmetry figure with the full replay.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_progression import CAT, PROPERTY, S, cases, day

from trainer.core.model import MorningCheck, Side
from trainer.core.progression import (
    Checkpoint,
    DayPain,
    History,
    Parameters,
    StaleCheckpoint,
    checkpoint_data,
    checkpoint_from,
    checkpoint_key,
    replay,
    suggest,
)


def day_pain_of(history: History) -> tuple[DayPain, ...]:
    """The worst pain per side and training day, as the store's aggregate query reads it."""
    worst: dict[tuple, int] = {}
    for s in history.sessions:
        if s.exercise_id in CAT:
            worst[(s.date, s.side)] = max(worst.get((s.date, s.side), 0), s.pain)
    return tuple(
        DayPain(d, side, pain) for (d, side), pain in sorted(worst.items(), key=lambda kv: (kv[0][0], kv[0][1].value))
    )


def resumed_history(history: History, checkpoints: tuple[Checkpoint, ...]) -> History:
    """Only what the store reads when it resumes: sessions from each exercise's lookback on
    (all of an exercise without checkpoints), mornings from the earliest lookback on."""
    since: dict[str, date] = {}
    for c in checkpoints:
        since[c.exercise_id] = min(since.get(c.exercise_id, c.lookback_from), c.lookback_from)
    sessions = tuple(
        s for s in history.sessions if s.exercise_id not in since or s.date >= since[s.exercise_id]
    )
    first = min(since.values(), default=None)
    mornings = tuple(m for m in history.mornings if first is None or m.date >= first)
    return replace(
        history, sessions=sessions, mornings=mornings, day_pain=day_pain_of(history), checkpoints=checkpoints
    )


def through_json(checkpoints: tuple[Checkpoint, ...]) -> tuple[Checkpoint, ...]:
    return tuple(checkpoint_from(json.loads(json.dumps(checkpoint_data(c)))) for c in checkpoints)


# The random histories span a few weeks, so with the default 60-day look-back a resumed replay
# would still read everything; 29 days (just over the rules' longest look-back, the 28-day
# symmetry window) makes the resumed replays really start part-way.
SHORT_LOOKBACK = Parameters(lookback_days=29)


@PROPERTY
@given(
    case=cases(),
    back=st.integers(0, 30),
    middle=st.integers(0, 30),
    params=st.sampled_from([SHORT_LOOKBACK, Parameters()]),
)
def test_property_resuming_from_checkpoints_equals_the_full_replay(case, back, middle, params):
    history, on = case
    full = suggest(CAT, history, on, params)
    first = on - timedelta(days=back)
    _, checkpoints = replay(CAT, history, first, params)
    if any(c.covers_to >= on for c in checkpoints):
        return  # not usable for `on`; the store never offers them then
    # Two hops, as on two days in a row: resume once on a middle day, then again on `on`.
    mid = max(first, on - timedelta(days=middle))
    if all(c.covers_to < mid for c in checkpoints):
        _, checkpoints = replay(CAT, resumed_history(history, through_json(checkpoints)), mid, params)
    resumed = suggest(CAT, resumed_history(history, through_json(checkpoints)), on, params)
    assert resumed == full


def test_a_long_history_resumes_from_a_few_sessions_with_the_same_result():
    # Half a year of clamshells on both sides, pain now and then, mornings after most days.
    sessions, mornings = [], []
    for n in range(0, 180, 2):
        pain = 4 if n % 22 == 0 else (7 if n % 50 == 0 else 0)
        level = 1 + min(n // 60, 2)
        sessions += [
            S(n, "clamshell", Side.LEFT, level=level, pain=pain),
            S(n, "clamshell", Side.RIGHT, (15, 12), level=level),
        ]
        sessions.append(S(n, "couch-stretch", Side.LEFT, (45, 45)))
        if n % 6:
            mornings.append(MorningCheck(day(n + 1), Side.LEFT, 0, 1))
    history = History(tuple(sessions), tuple(mornings))
    _, checkpoints = replay(CAT, history, day(170))
    resumed = resumed_history(history, through_json(checkpoints))
    assert len(resumed.sessions) < len(history.sessions) / 2
    assert suggest(CAT, resumed, day(181)) == suggest(CAT, history, day(181))


def test_a_checkpoint_survives_json_unchanged():
    sessions = [
        S(n, "clamshell", side, pain=p) for n, p in ((0, 0), (2, 7), (4, 7), (6, 1)) for side in (Side.LEFT, Side.RIGHT)
    ]
    mornings = [MorningCheck(day(n + 1), Side.LEFT, 3) for n in (0, 2, 4)]
    _, checkpoints = replay(CAT, History(tuple(sessions), tuple(mornings)), day(8))
    assert {c.exercise_id for c in checkpoints} == {"clamshell"}
    assert any(c.fold.events for c in checkpoints)  # RE-1 after two red sessions: events kept too
    assert through_json(checkpoints) == checkpoints


def test_a_checkpoint_whose_session_is_gone_is_refused():
    sessions = tuple(S(n, "clamshell", Side.LEFT) for n in (0, 2, 4, 6))
    _, checkpoints = replay(CAT, History(sessions), day(8))
    (checkpoint,) = checkpoints
    assert checkpoint.covers_to == day(6)
    without_last = History(sessions[:-1], checkpoints=checkpoints)
    with pytest.raises(StaleCheckpoint):
        suggest(CAT, without_last, day(9))
    with pytest.raises(StaleCheckpoint):  # a checkpoint from the future of the date asked about
        suggest(CAT, History(sessions, checkpoints=checkpoints), day(6))


def test_the_checkpoint_key_follows_settings_and_the_checklist_answer():
    history = History((S(0),))
    key = checkpoint_key(CAT, history, day(3))
    assert key == checkpoint_key(CAT, History((S(0), S(2))), day(3))  # dated data is not in it
    assert key != checkpoint_key(
        CAT, replace(history, settings=replace(history.settings, baseline_pain_left=2)), day(3)
    )
    assert key != checkpoint_key(CAT, replace(history, plan_start=day(0)), day(3))
