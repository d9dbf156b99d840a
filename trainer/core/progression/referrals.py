"""The referrals of a day: the symptom checklist's emergency and GP advice (RF-1, RF-2), and the
suggestion's list of referrals gathered from every side's reasons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from trainer.core.model import Side
from trainer.core.progression.decisions import ExerciseAdvice, Referral, ReferralLevel
from trainer.core.progression.history import History, visit_days
from trainer.core.progression.text import GP_TEXT, URGENT_TEXT
from trainer.core.symptoms import BY_ID as SYMPTOMS
from trainer.core.symptoms import Urgency, counting, emergency_block

# Routine referrals about a side as a whole (its timeline), not one exercise on it.
_SIDE_RULES = {"RE-3", "RE-4", "RE-5", "RE-6"}


def urgency(history: History, on: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The emergency and GP texts for `on`: an emergency answer stands until it is lifted
    (6.9.13, `emergency_block`); the GP advice comes from the latest answer that counts
    (6.8.25). Answers marked as a mistake count for neither."""
    # A stable sort keeps same-day answers in entry order, so the latest entered counts.
    answers = sorted((a for a in counting(history.symptoms) if a.date <= on), key=lambda a: a.date)
    latest = answers[-1].yes if answers else frozenset()
    urgent = (URGENT_TEXT,) if emergency_block(answers, visit_days(history), on) else ()
    gp = tuple(GP_TEXT for s in sorted(latest) if s in SYMPTOMS and SYMPTOMS[s].urgency is Urgency.GP_THIS_WEEK)
    return urgent, gp


def referrals_of(
    advice: Sequence[ExerciseAdvice], urgent: tuple[str, ...], gp: tuple[str, ...]
) -> tuple[Referral, ...]:
    """One referral per rule: RF-1 and RF-2 once, a side-level one once per side, an
    exercise-level one once per side and exercise; the first reason found words it."""
    found: dict[tuple[str, ...] | tuple[str, Side] | tuple[str, Side, str], Referral] = {}
    if urgent:
        found[("RF-1",)] = Referral(ReferralLevel.EMERGENCY, None, None, "RF-1", URGENT_TEXT)
    if gp:
        found[("RF-2",)] = Referral(ReferralLevel.GP_THIS_WEEK, None, None, "RF-2", GP_TEXT)
    for item in advice:
        for decision in item.sides:
            for reason in decision.reasons:
                if not reason.rule.startswith("RE-"):
                    continue
                if reason.rule in _SIDE_RULES:
                    found.setdefault(
                        (reason.rule, decision.side),
                        Referral(ReferralLevel.ROUTINE, decision.side, None, reason.rule, reason.text),
                    )
                else:
                    found.setdefault(
                        (reason.rule, decision.side, item.exercise_id),
                        Referral(ReferralLevel.ROUTINE, decision.side, item.exercise_id, reason.rule, reason.text),
                    )
    return tuple(found.values())
