"""The self-assessment: short tests per side that show which side is weaker or tighter.

The article's first principle is to identify the imbalance before correcting it. The tests are
data in the catalogue (their instructions are editable there); this module scores results: the
symmetry index per measured test, the weaker side per test and overall, a plain summary, and what
it changes in the plan. Pure functions; repeated every four weeks so the change shows.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.core.errors import EntryError
from trainer.core.model import Side
from trainer.core.numbers import MAX_DIGITS
from trainer.core.pain import RED_MIN

REASSESS_DAYS = 28
PAIN_STOP_MIN = RED_MIN  # red pain during a test stops it (PM-2; core/pain.py)


class TestKind(StrEnum):
    COUNT = "count"  # repetitions until form breaks
    SECONDS = "seconds"  # a hold, timed
    YES_NO = "yes-no"  # a sign seen or felt: yes means the problem shows


class Focus(StrEnum):
    """What a weak or positive result asks the plan to put first."""

    GLUTEUS_MEDIUS = "gluteus-medius"
    MOBILITY = "mobility"
    STRENGTH = "strength"


@dataclass(frozen=True)
class AssessmentTest:
    id: str
    name: str
    kind: TestKind
    focus: Focus
    steps: tuple[str, ...]
    unit: str = ""
    max_value: int = 1  # largest value a person can record (count or seconds)
    poor_below: int | None = None  # reference bands for counts and holds
    good_above: int | None = None
    cautions: tuple[str, ...] = ()

    def check_value(self, value: str | int) -> int:
        """Read a recorded value: a whole number in range, or yes/no for a sign."""
        text = str(value).strip().lower()
        if self.kind is TestKind.YES_NO:
            if text in ("yes", "y", "1", "true"):
                return 1
            if text in ("no", "n", "0", "false"):
                return 0
            raise EntryError(f"{self.id} is answered yes or no, not '{value}'")
        if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
            raise EntryError(f"{self.id} needs a whole number of {self.unit or 'units'}, not '{value}'"[:200])
        number = int(text)
        if number > self.max_value:
            raise EntryError(f"{number} {self.unit} is more than {self.max_value}, the most {self.id} records")
        return number

    def band(self, value: int) -> str | None:
        if self.kind is TestKind.YES_NO:
            return "sign present" if value else "no sign"
        if self.poor_below is not None and value < self.poor_below:
            return "poor"
        if self.good_above is not None and value > self.good_above:
            return "good"
        if self.poor_below is not None or self.good_above is not None:
            return "average"
        return None


@dataclass(frozen=True)
class AssessmentResult:
    date: date
    test_id: str
    side: Side  # LEFT or RIGHT
    value: int  # count, seconds, or 1 = yes / 0 = no
    pain: int | None = None


@dataclass(frozen=True)
class TestOutcome:
    test: AssessmentTest
    left: AssessmentResult | None
    right: AssessmentResult | None
    lsi: float | None  # weaker / stronger x 100, measured tests with both sides only
    weaker: Side | None
    stopped_for_pain: tuple[Side, ...]

    def value_text(self, side: Side) -> str:
        result = self.left if side is Side.LEFT else self.right
        if result is None:
            return "-"
        if self.test.kind is TestKind.YES_NO:
            return "yes" if result.value else "no"
        return f"{result.value} {self.test.unit}".strip()


@dataclass(frozen=True)
class AssessmentSummary:
    outcomes: tuple[TestOutcome, ...]
    overall_weaker: Side | None
    summary: str
    gluteus_medius_first: bool
    mobility_first: bool
    referral: str | None
    assessed_on: date | None


def latest_results(
    results: Sequence[AssessmentResult], on_or_before: date | None = None
) -> dict[tuple[str, Side], AssessmentResult]:
    """The latest result of each test and side (a repeat on the same day replaces it)."""
    latest: dict[tuple[str, Side], AssessmentResult] = {}
    for result in sorted(results, key=lambda r: r.date):
        if on_or_before is None or result.date <= on_or_before:
            latest[(result.test_id, result.side)] = result
    return latest


def first_results(results: Sequence[AssessmentResult]) -> dict[tuple[str, Side], AssessmentResult]:
    """The first assessment's results (the earliest date each test and side was measured)."""
    first: dict[tuple[str, Side], AssessmentResult] = {}
    for result in sorted(results, key=lambda r: r.date):
        first.setdefault((result.test_id, result.side), result)
    return first


def outcome_of(test: AssessmentTest, picked: dict[tuple[str, Side], AssessmentResult]) -> TestOutcome:
    left, right = picked.get((test.id, Side.LEFT)), picked.get((test.id, Side.RIGHT))
    stopped = tuple(
        r.side for r in (left, right) if r is not None and (r.pain or 0) >= PAIN_STOP_MIN
    )
    lsi = weaker = None
    if left is not None and right is not None and not stopped:
        if test.kind is TestKind.YES_NO:
            # A sign on one side only points at that side; on both, at neither.
            if left.value != right.value:
                weaker = Side.LEFT if left.value else Side.RIGHT
        else:
            low, high = sorted((left.value, right.value))
            if high > 0:
                lsi = low / high * 100
            if left.value != right.value:
                weaker = Side.LEFT if left.value < right.value else Side.RIGHT
    return TestOutcome(test, left, right, lsi, weaker, stopped)


def summarise(
    tests: Sequence[AssessmentTest], results: Sequence[AssessmentResult]
) -> AssessmentSummary:
    """Score the latest result of every test: weaker sides, the summary and what it changes."""
    picked = latest_results(results)
    outcomes = tuple(outcome_of(test, picked) for test in tests)
    votes = {Side.LEFT: 0, Side.RIGHT: 0}
    for outcome in outcomes:
        if outcome.weaker is not None and not outcome.stopped_for_pain:
            votes[outcome.weaker] += 1
    overall = None
    if votes[Side.LEFT] != votes[Side.RIGHT]:
        overall = Side.LEFT if votes[Side.LEFT] > votes[Side.RIGHT] else Side.RIGHT
    drop = any(
        o.test.focus is Focus.GLUTEUS_MEDIUS and o.test.kind is TestKind.YES_NO
        and any(r is not None and r.value for r in (o.left, o.right))
        for o in outcomes
    )
    tight = any(
        o.test.focus is Focus.MOBILITY
        and any(r is not None and r.value for r in (o.left, o.right))
        for o in outcomes
    )
    stopped = [(o.test, side) for o in outcomes for side in o.stopped_for_pain]
    referral = None
    if stopped:
        which = ", ".join(f"{t.name} ({side.value})" for t, side in stopped)
        referral = (
            f"Pain reached 6/10 or more during: {which}. That test was stopped. Please see a "
            "physiotherapist or GP before repeating it; until then keep to exercises that stay at "
            "3/10 or less."
        )
    dates = [r.date for r in picked.values()]
    return AssessmentSummary(
        outcomes=outcomes,
        overall_weaker=overall,
        summary=_summary_text(outcomes, overall),
        gluteus_medius_first=drop,
        mobility_first=tight,
        referral=referral,
        assessed_on=max(dates) if dates else None,
    )


def _summary_text(outcomes: Sequence[TestOutcome], overall: Side | None) -> str:
    measured = [o for o in outcomes if o.left is not None or o.right is not None]
    if not measured:
        return "No assessment recorded yet."
    if overall is None:
        return "Neither side comes out weaker overall in the latest assessment."
    evidence = []
    for o in measured:
        if o.weaker is not overall:
            continue
        if o.test.kind is TestKind.YES_NO:
            evidence.append(f"{o.test.name.lower()}: yes on the {overall.value}")
        else:
            mine, other = (o.left, o.right) if overall is Side.LEFT else (o.right, o.left)
            assert mine is not None and other is not None, "outcome_of finds a weaker side only with both"
            evidence.append(f"{o.test.name.lower()} {mine.value} vs {other.value} {o.test.unit}".rstrip())
    return f"The {overall.value} side is weaker: " + "; ".join(evidence) + "."


def reassessment_due(results: Sequence[AssessmentResult], today: date) -> bool:
    """A reminder when the last assessment is four weeks old or more (or there is none)."""
    if not results:
        return True
    return (today - max(r.date for r in results)).days >= REASSESS_DAYS


def find_test(tests: Sequence[AssessmentTest], test_id: str) -> AssessmentTest:
    """The test of this id; an unknown id names the closest one (or lists them all)."""
    for test in tests:
        if test.id == test_id:
            return test
    ids = [t.id for t in tests]
    close = difflib.get_close_matches(test_id, ids, n=1, cutoff=0.4)
    hint = f"; did you mean {close[0]}?" if close else f"; the tests are: {', '.join(ids)}"
    raise EntryError(f"unknown assessment test '{test_id}'{hint}")


def involved_side_or_weaker(
    involved: Side | None, tests: Sequence[AssessmentTest], results: Sequence[AssessmentResult], on: date
) -> Side | None:
    """The side the engine treats as involved: the one the person named, or, when they named
    none, the weaker side of their self-assessment up to `on` (None without one)."""
    if involved is not None or not tests:
        return involved
    return summarise(tests, [r for r in results if r.date <= on]).overall_weaker
