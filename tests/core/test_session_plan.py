"""`advised_session`: a planned session as the day's advice leaves it (rules 6.9.11, 6.9.13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.catalog import parse_catalog
from trainer.core.model import Load, Side
from trainer.core.plan import PlannedSession
from trainer.core.progression import (
    ExerciseAdvice,
    Outcome,
    Prescription,
    SideDecision,
    Suggestion,
)
from trainer.core.session import advised_session, set_queue, side_order

PATH = Path(__file__).parents[2] / "catalog.toml"
CATALOGUE = parse_catalog(PATH.read_text(encoding="utf-8"), source=str(PATH))
IDS = tuple(ex.id for ex in CATALOGUE.exercises)
DAY = date(2026, 11, 25)
DOSE = Prescription(1, Load(), 2, 10, 15)


def _decision(side: Side, skipped: bool) -> SideDecision:
    if skipped:
        return SideDecision(side, Outcome.STOP_NOW, None, (), ())
    return SideDecision(side, Outcome.HOLD, DOSE, (), ())


def _suggestion(skips: dict[str, tuple[bool, bool]], weaker: dict[str, Side], urgent=False) -> Suggestion:
    advice = []
    for exercise_id in IDS:
        left, right = skips.get(exercise_id, (False, False))
        advice.append(ExerciseAdvice(
            exercise_id, None, None, weaker.get(exercise_id), None,
            (_decision(Side.LEFT, left), _decision(Side.RIGHT, right)),
        ))
    return Suggestion(DAY, urgent, (), tuple(advice))


def test_a_blocked_day_has_no_session():
    advised = advised_session(PlannedSession(DAY, 30, IDS, Side.LEFT), _suggestion({}, {}, urgent=True),
                              CATALOGUE.exercises, Side.LEFT)
    assert advised.blocked and advised.exercises == () and advised.skipped == ()


def test_skipped_everywhere_is_left_out_and_one_side_is_named():
    planned = PlannedSession(DAY, 30, ("clamshell", "step-up", "bird-dog"), Side.LEFT)
    advised = advised_session(
        planned, _suggestion({"clamshell": (True, True), "step-up": (False, True)}, {}),
        CATALOGUE.exercises, Side.LEFT,
    )
    assert advised.exercises == ("step-up", "bird-dog")
    assert advised.skipped == ("clamshell",)
    assert advised.one_side_only == (("step-up", Side.LEFT),)


def test_the_weaker_side_leads_its_exercise_and_the_involved_side_the_rest():
    planned = PlannedSession(DAY, 30, ("clamshell", "step-up"), Side.LEFT)
    advised = advised_session(planned, _suggestion({}, {"step-up": Side.RIGHT}), CATALOGUE.exercises, Side.LEFT)
    assert dict(advised.first_sides) == {"clamshell": Side.LEFT, "step-up": Side.RIGHT}
    assert advised.first_side is Side.LEFT  # a tie goes to the plan's involved side


@given(
    st.dictionaries(st.sampled_from(IDS), st.tuples(st.booleans(), st.booleans())),
    st.dictionaries(st.sampled_from(IDS), st.sampled_from((Side.LEFT, Side.RIGHT))),
    st.sampled_from((Side.LEFT, Side.RIGHT, None)),
)
def test_listed_is_exactly_what_the_session_would_run(skips, weaker, involved):
    """Every planned exercise is either listed or skipped; listed ones have sets to do, and the
    side named first is the first side of the session's own queue."""
    suggestion = _suggestion(skips, weaker)
    advised = advised_session(PlannedSession(DAY, None, IDS, involved), suggestion, CATALOGUE.exercises, involved)
    assert set(advised.exercises) | set(advised.skipped) == set(IDS)
    assert not set(advised.exercises) & set(advised.skipped)
    by_id = {a.exercise_id: a for a in suggestion.exercises}
    for exercise_id, lead in advised.first_sides:
        queue = set_queue(CATALOGUE.get(exercise_id), side_order(by_id[exercise_id], involved))
        assert queue, exercise_id
        if lead is not None:
            assert queue[0].side is lead
