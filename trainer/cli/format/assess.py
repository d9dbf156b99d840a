"""The self-assessment as the command line shows it: `assess tests|record|show` (JSON keys are
a contract for scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trainer.core.model import Side

if TYPE_CHECKING:  # annotations only: the results come from the services, which import it
    from trainer.core.assessment import AssessmentResult, AssessmentSummary, AssessmentTest, TestOutcome


def assessment_tests_json(tests: Sequence[AssessmentTest]) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id, "name": t.name, "kind": t.kind.value, "unit": t.unit, "max": t.max_value,
            "poor_below": t.poor_below, "good_above": t.good_above, "focus": t.focus.value,
            "steps": list(t.steps), "cautions": list(t.cautions),
        }
        for t in tests
    ]


def assessment_tests_text(tests: Sequence[AssessmentTest]) -> str:
    lines = ["Self-assessment tests (do each on both sides; record with `trainer assess record`):", ""]
    for t in tests:
        what = "yes or no" if t.kind.value == "yes-no" else f"{t.kind.value}, up to {t.max_value} {t.unit}".rstrip()
        lines.append(f"{t.id}: {t.name} ({what})")
        lines += [f"  {n}. {step}" for n, step in enumerate(t.steps, start=1)]
        lines += [f"  Take care: {c}" for c in t.cautions]
        lines.append("")
    return "\n".join(lines).rstrip()


def assessment_result_json(result: AssessmentResult) -> dict[str, Any]:
    return {
        "date": result.date.isoformat(), "test": result.test_id, "side": result.side.value,
        "value": result.value, "pain": result.pain,
    }


def _outcome_json(outcome: TestOutcome) -> dict[str, Any]:
    return {
        "test": outcome.test.id,
        "left": None if outcome.left is None else outcome.left.value,
        "right": None if outcome.right is None else outcome.right.value,
        "lsi": None if outcome.lsi is None else round(outcome.lsi, 1),
        "weaker_side": outcome.weaker.value if outcome.weaker else None,
        "stopped_for_pain": [s.value for s in outcome.stopped_for_pain],
    }


def assessment_json(latest: AssessmentSummary, first: AssessmentSummary) -> dict[str, Any]:
    """The stable JSON form of `trainer assess show`."""
    return {
        "assessed_on": latest.assessed_on.isoformat() if latest.assessed_on else None,
        "weaker_side": latest.overall_weaker.value if latest.overall_weaker else None,
        "summary": latest.summary,
        "gluteus_medius_first": latest.gluteus_medius_first,
        "mobility_first": latest.mobility_first,
        "referral": latest.referral,
        "tests": [_outcome_json(o) for o in latest.outcomes],
        "first": {
            "assessed_on": first.assessed_on.isoformat() if first.assessed_on else None,
            "tests": [_outcome_json(o) for o in first.outcomes],
        },
    }


def assessment_text(latest: AssessmentSummary, first: AssessmentSummary, due: bool) -> str:
    if latest.assessed_on is None:
        return "No assessment yet. See the tests with `trainer assess tests`."
    lines = [
        f"Latest assessment: {latest.assessed_on:%a} {latest.assessed_on.day} {latest.assessed_on:%b %Y}",
        latest.summary,
        "",
    ]
    firsts = {o.test.id: o for o in first.outcomes}
    for o in latest.outcomes:
        if o.left is None and o.right is None:
            continue
        lsi = f", symmetry {o.lsi:.0f}%" if o.lsi is not None else ""
        weaker = f", weaker: {o.weaker.value}" if o.weaker else ""
        then = firsts.get(o.test.id)
        change = ""
        dates = lambda outcome: {r.date for r in (outcome.left, outcome.right) if r is not None}  # noqa: E731
        if then is not None and dates(then) and dates(then) != dates(o):
            change = f" (first: left {then.value_text(Side.LEFT)}, right {then.value_text(Side.RIGHT)})"
        lines.append(
            f"  {o.test.name}: left {o.value_text(Side.LEFT)}, right {o.value_text(Side.RIGHT)}{lsi}{weaker}{change}"
        )
    lines.append("")
    if latest.gluteus_medius_first:
        lines.append("The pelvis drops on one leg: gluteus medius work comes first.")
    if latest.mobility_first:
        lines.append("A hip flexor is tight: mobility (stretching) comes first.")
    if latest.referral:
        lines.append(latest.referral)
    if due:
        lines.append("It is four weeks or more since the last assessment: time to repeat it.")
    return "\n".join(lines).rstrip()
