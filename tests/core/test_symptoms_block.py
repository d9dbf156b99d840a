"""An emergency answer stops all training until it is lifted (progression rules 6.9.13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.model import SymptomAnswers
from trainer.core.symptoms import CHECKLIST, Urgency, emergency_block

START = date(2026, 11, 1)
EMERGENCY = [s.id for s in CHECKLIST if s.urgency is Urgency.EMERGENCY]
GP = [s.id for s in CHECKLIST if s.urgency is Urgency.GP_THIS_WEEK]


def day(n: int) -> date:
    return START + timedelta(days=n)


def answer(n: int, *ids: str, mistaken: bool = False) -> SymptomAnswers:
    return SymptomAnswers(day(n), frozenset(ids), mistaken=mistaken)


def test_no_emergency_answer_blocks_nothing():
    assert emergency_block([answer(1), answer(2, "weight_loss")], (), day(5)) is None


def test_an_emergency_answer_blocks_from_its_day_on():
    blocking = answer(2, "saddle_numbness")
    assert emergency_block([blocking], (), day(1)) is None  # not yet given
    assert emergency_block([blocking], (), day(2)) == blocking
    assert emergency_block([blocking, answer(3)], (), day(30)) == blocking


def test_a_visit_on_or_after_the_answer_lifts_it_a_visit_before_does_not():
    blocking = answer(2, "saddle_numbness")
    assert emergency_block([blocking], [day(2)], day(5)) is None
    assert emergency_block([blocking], [day(4)], day(5)) is None
    assert emergency_block([blocking], [day(1)], day(5)) == blocking
    # A suggestion for a day before the visit still sees the block.
    assert emergency_block([blocking], [day(4)], day(3)) == blocking


def test_a_mistake_lifts_it_and_an_earlier_emergency_counts_again_if_not_lifted():
    earlier, later = answer(1, "both_legs_weak"), answer(3, "saddle_numbness", mistaken=True)
    assert emergency_block([later], (), day(5)) is None
    assert emergency_block([earlier, later], (), day(5)) == earlier
    assert emergency_block([earlier, later], [day(2)], day(5)) is None


@given(
    emergency_day=st.integers(0, 20),
    later=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from([(), *[(g,) for g in GP]])), max_size=6
    ),
    symptom=st.sampled_from(EMERGENCY),
)
def test_property_later_answers_without_an_emergency_never_lift_it(emergency_day, later, symptom):
    blocking = answer(emergency_day, symptom)
    answers = [blocking] + [answer(emergency_day + n, *ids) for n, ids in later]
    answers.sort(key=lambda a: a.date)
    assert emergency_block(answers, (), day(60)) == blocking


@given(
    emergency_day=st.integers(0, 20),
    seen_after=st.integers(0, 20),
    on_after=st.integers(0, 20),
    symptom=st.sampled_from(EMERGENCY),
)
def test_property_a_visit_or_a_mistake_always_lifts_it(emergency_day, seen_after, on_after, symptom):
    blocking = answer(emergency_day, symptom)
    seen = day(emergency_day + seen_after)
    on = seen + timedelta(days=on_after)
    assert emergency_block([blocking], [seen], on) is None
    assert emergency_block([replace(blocking, mistaken=True)], (), on) is None
