"""Visits to a professional, with their dates (progression rules 6.8.25, 6.9.12-14).

A routine referral, an exercise skipped until it is checked, and an emergency answer all stand
until the person records that a doctor or physiotherapist has seen them. Which visit lifts which
of them is decided here, once, for the engine (`progression`) and the emergency block
(`symptoms.emergency_block`) alike: a visit counts for what was raised on or before its day, and
a suggestion for a day reads only the visits on or before that day, so recording a visit never
changes what an earlier day's suggestion said.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def lifting_visit(raised: date, on: date, visits: Iterable[date]) -> date | None:
    """The latest visit V with raised <= V <= on: the one that lifts, for a suggestion on `on`,
    what was raised on `raised` (a referral fired, an emergency answer given); None if none."""
    return max((visit for visit in visits if raised <= visit <= on), default=None)


def lifted_by_visit(raised: date, on: date, visits: Iterable[date]) -> bool:
    """Whether something raised on `raised` is lifted for a suggestion on `on`."""
    return lifting_visit(raised, on, visits) is not None
