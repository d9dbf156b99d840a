"""The pain zones, defined once in core/pain.py and read by every face (issue 17.2)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.core import pain
from trainer.core.pain import Zone, zone


def test_the_zones_of_the_programme():
    assert [zone(p) for p in range(11)] == [Zone.GREEN] * 4 + [Zone.AMBER] * 2 + [Zone.RED] * 5
    assert zone(None) is Zone.GREEN  # not noted reads as none, as the decisions read it


@given(st.integers(0, 10), st.integers(0, 10))
def test_more_pain_is_never_a_milder_zone(a, b):
    order = [Zone.GREEN, Zone.AMBER, Zone.RED]
    if a <= b:
        assert order.index(zone(a)) <= order.index(zone(b))


def test_every_reader_takes_the_one_definition():
    from trainer import charts, report
    from trainer.core import assessment, balance, session
    from trainer.core.progression import DEFAULT_PARAMETERS

    assert DEFAULT_PARAMETERS.pain_green_max == pain.GREEN_MAX
    assert DEFAULT_PARAMETERS.pain_accept_max == pain.AMBER_MAX
    assert DEFAULT_PARAMETERS.pain_red_min == pain.RED_MIN
    assert session.PAIN_STOP_MIN == assessment.PAIN_STOP_MIN == balance.RED_PAIN == pain.RED_MIN
    assert report.RED_PAIN == pain.RED_MIN and report.AMBER_PAIN == charts.AMBER_PAIN == pain.AMBER_MIN
