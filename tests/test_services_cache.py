"""The services keep the engine's suggestion per day; every change that could alter it clears it."""

from __future__ import annotations

from datetime import date

from trainer.core.model import Side


def _left(services, exercise="clamshell"):
    advice = next(a for a in services.suggest().exercises if a.exercise_id == exercise)
    return next(d for d in advice.sides if d.side is Side.LEFT)


def test_todays_sets_do_not_change_todays_suggestion_but_other_changes_do(services):
    services.log("clamshell", Side.LEFT, reps=[15, 15], on=date(2026, 11, 20))
    services.log("clamshell", Side.LEFT, reps=[15, 15], on=date(2026, 11, 23))
    first = _left(services)
    assert first.decision.value == "HOLD" and "AWAITING_24H" in [f.value for f in first.flags]
    # Logging today's sets reads the same suggestion (it only looks at days before today).
    services.log("clamshell", Side.LEFT, reps=[9], pain=7, sharp=True)
    assert _left(services) is first
    # The morning entry after the 23rd is new information: the engine now lets the side progress.
    services.record_morning(Side.LEFT, pain=0, soreness=1, on=date(2026, 11, 24))
    assert _left(services).decision.value == "PROGRESS"
    # A set logged for a past day changes today's suggestion too.
    services.log("clamshell", Side.LEFT, reps=[8], pain=7, on=date(2026, 11, 24))
    assert _left(services).decision.value == "REGRESS"


def test_another_process_is_seen_after_data_changed(services, db_path, clock):
    from conftest import CATALOG

    from trainer.services import build_services

    before = _left(services)
    other = build_services(str(db_path), str(CATALOG), clock)
    other.log("clamshell", Side.LEFT, reps=[10], pain=8, on=date(2026, 11, 24))
    other.close()
    assert _left(services) is before  # cached until told
    services.data_changed()
    assert _left(services).decision.value == "REGRESS"


def test_marking_todays_emergency_answer_a_mistake_clears_todays_suggestion(services):
    # 6.9.13: a suggestion for day D reads the answers dated on or before D, so withdrawing an
    # answer dated today must clear today's cached suggestion (the TUI asks after every key).
    services.record_symptoms(["saddle_numbness"])
    assert services.suggest().urgent is True
    services.mark_symptoms_mistaken()
    assert services.training_block() is None
    assert services.suggest().urgent is False


def test_a_recorded_visit_lifts_the_stop_and_a_visit_in_the_future_is_refused(services):
    import pytest

    from trainer.core.errors import EntryError

    services.record_symptoms(["fall_cannot_bear_weight"], on=date(2026, 11, 23))
    assert services.suggest().urgent is True
    with pytest.raises(EntryError, match="future"):
        services.record_seen_professional(date(2026, 11, 26))
    services.record_seen_professional(date(2026, 11, 22))  # before the answer: still stopped
    assert services.training_block() is not None and services.suggest().urgent is True
    services.record_seen_professional(date(2026, 11, 24))
    assert services.settings().seen_professional == date(2026, 11, 24)
    assert services.training_block() is None and services.suggest().urgent is False
