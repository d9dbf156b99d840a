"""Visits to a professional with their dates (progression rules 6.8.25, 6.9.13, 6.9.14): which
visit lifts which referral or emergency answer, in one function, and the engine reading it.

A referral (or an emergency answer) dated F is lifted for a suggestion on D by a visit V with
F <= V <= D; a past date's suggestion uses only the visits recorded on or before it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from test_progression import CAT, PROPERTY, M, S, cases, day, decision, rules
from test_progression_resume import resumed_history, through_json

from trainer.core.model import Settings, SymptomAnswers
from trainer.core.progression import History, Outcome, checkpoint_key, replay, suggest
from trainer.core.symptoms import emergency_block
from trainer.core.visits import lifted_by_visit

DAYS = st.integers(0, 40)


@given(fired=DAYS, on=DAYS, visits=st.lists(DAYS, max_size=4))
def test_property_a_visit_lifts_only_between_the_day_it_fired_and_the_day_asked_about(fired, on, visits):
    lifted = lifted_by_visit(day(fired), day(on), [day(v) for v in visits])
    assert lifted is any(fired <= v <= on for v in visits)


def test_the_day_it_fired_and_the_day_asked_about_both_count():
    assert lifted_by_visit(day(5), day(9), [day(5)])
    assert lifted_by_visit(day(5), day(9), [day(9)])
    assert not lifted_by_visit(day(5), day(9), [day(4), day(10)])
    assert not lifted_by_visit(day(5), day(9), [])


# --- the engine ---------------------------------------------------------------------------------


def red_twice() -> History:
    """Pain 6/10 in two sessions in a row: RE-1 fires on day 2."""
    return History((S(0, pain=6), S(2, pain=6)), (M(1), M(3)))


def test_a_visit_after_the_day_asked_about_does_not_lift_a_referral():
    history = replace(red_twice(), visits=(day(20),))
    assert "RE-1" in rules(decision(suggest(CAT, history, day(10))))
    assert any(r.rule == "RE-1" for r in suggest(CAT, history, day(10)).referrals)
    assert "RE-1" not in rules(decision(suggest(CAT, history, day(20))))


def test_any_visit_between_the_referral_and_the_day_lifts_it():
    history = replace(red_twice(), visits=(day(1), day(6), day(20)))
    assert "RE-1" in rules(decision(suggest(CAT, history, day(5))))  # day 1 is too early
    assert "RE-1" not in rules(decision(suggest(CAT, history, day(6))))
    assert "RE-1" not in rules(decision(suggest(CAT, history, day(10))))


def test_the_settings_latest_visit_counts_as_a_visit_too():
    # A History made without visits (older callers) reads the setting as before.
    history = replace(red_twice(), settings=Settings(seen_professional=day(2)))
    assert "RE-1" not in rules(decision(suggest(CAT, history, day(4))))
    assert "RE-1" in rules(
        decision(suggest(CAT, replace(history, settings=Settings(seen_professional=day(1))), day(4)))
    )


def test_an_emergency_answer_in_the_engine_reads_the_visits_up_to_the_day():
    symptoms = (SymptomAnswers(day(3), frozenset({"saddle_numbness"})),)
    history = replace(red_twice(), symptoms=symptoms, visits=(day(5), day(20)))
    assert suggest(CAT, history, day(4)).urgent is True
    assert suggest(CAT, history, day(5)).urgent is False
    assert suggest(CAT, replace(history, visits=(day(20),)), day(10)).urgent is True


def test_each_step_of_the_replay_reads_the_visits_up_to_its_own_day():
    # Pain 4/10 in every session: RE-4 fires on day 14 (two weeks) and regresses once, then
    # holds while the streak lasts (6.8.18, 6.9.3). A visit on day 17 came after the regression
    # of day 16's session; the streak going on afterwards refers again but does not regress again.
    sessions = tuple(S(n, pain=4, level=2) for n in (0, 3, 7, 10, 14, 16, 18))
    assert decision(suggest(CAT, History(sessions), day(16))).prescription.level == 1
    without = decision(suggest(CAT, History(sessions), day(20)))
    with_visit = decision(suggest(CAT, History(sessions, visits=(day(17),)), day(20)))
    assert "RE-4" in rules(without) and "RE-4" in rules(with_visit)
    assert with_visit.prescription == without.prescription
    assert with_visit.prescription.level == 2  # the streak's one regression is not repeated
    assert with_visit.decision is without.decision is Outcome.REFER


def test_the_checkpoint_key_follows_the_visits():
    history = red_twice()
    key = checkpoint_key(CAT, history, day(4))
    assert key != checkpoint_key(CAT, replace(history, visits=(day(1),)), day(4))
    assert checkpoint_key(CAT, replace(history, visits=(day(1),)), day(4)) != checkpoint_key(
        CAT, replace(history, visits=(day(1), day(3))), day(4)
    )


@PROPERTY
@given(case=cases(), visits=st.lists(DAYS, max_size=3))
def test_property_visits_after_the_day_change_nothing(case, visits):
    history, on = case
    dated = tuple(day(v) for v in visits)
    known = tuple(v for v in dated if v <= on)
    assert suggest(CAT, replace(history, visits=dated), on) == suggest(
        CAT, replace(history, visits=known), on
    )


@PROPERTY
@given(case=cases(), visits=st.lists(DAYS, max_size=3), back=st.integers(0, 30))
def test_property_resuming_with_visits_equals_the_full_replay(case, visits, back):
    history, on = case
    history = replace(history, visits=tuple(day(v) for v in visits))
    full = suggest(CAT, history, on)
    _, checkpoints = replay(CAT, history, on - timedelta(days=back))
    if any(c.covers_to >= on for c in checkpoints):
        return
    assert suggest(CAT, resumed_history(history, through_json(checkpoints)), on) == full


# --- the emergency block ---------------------------------------------------------------------------


def test_the_emergency_block_reads_only_the_visits_up_to_the_day():
    blocking = SymptomAnswers(day(2), frozenset({"saddle_numbness"}))
    assert emergency_block([blocking], [day(4), day(10)], day(5)) is None
    assert emergency_block([blocking], [day(10)], day(5)) == blocking
    assert emergency_block([blocking], [day(1)], day(5)) == blocking
    assert emergency_block([blocking], [], day(5)) == blocking
