"""The plan, the coming sessions and adherence as the command line shows them: `plan set`,
`plan show` (JSON keys are a contract for scripts).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from trainer.core.model import Catalogue
from trainer.core.plan import WEEKDAY_NAMES, Adherence, Plan
from trainer.core.session import AdvisedSession
from trainer.core.symptoms import HOW_TO_LIFT
from trainer.core.wording import session_length_text


def _day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def plan_json(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "days": [WEEKDAY_NAMES[d] for d in plan.weekdays],
        "start": plan.start.isoformat(),
        "effective_from": plan.effective_from.isoformat(),
        "side": plan.involved_side.value if plan.involved_side else "unknown",
        "minutes": plan.minutes,
        "rrule": plan.rule,
    }


def _days_words(plan: Plan) -> str:
    return ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.weekdays)


def plan_set_text(plan: Plan, today: date, changed: bool) -> str:
    length = session_length_text(plan.minutes)
    side = plan.involved_side.value if plan.involved_side else "not sure"
    when = (
        f"from next week ({_day_text(plan.effective_from)}); the weeks before keep their days"
        if changed
        else f"from {_day_text(plan.start)}"
    )
    return (
        f"Plan saved: {_days_words(plan)}, {length}, {when}. Side that hurts or is weaker: {side}.\n"
        "See the coming sessions with: trainer plan show"
    )


def adherence_json(progress: Adherence) -> dict[str, Any]:
    week = progress.this_week
    return {
        "this_week": None if week is None else {
            "week_start": week.week_start.isoformat(), "planned": week.planned, "done": week.done,
        },
        "streak_weeks": progress.streak,
        "rate": None if progress.rate is None else round(progress.rate, 3),
        "weeks": [
            {"week_start": w.week_start.isoformat(), "planned": w.planned, "done": w.done, "met": w.met}
            for w in progress.weeks
        ],
    }


def adherence_text(progress: Adherence) -> str:
    week = progress.this_week
    if week is None:
        return "No plan yet."
    weeks = "week" if progress.streak == 1 else "weeks"
    return (
        f"This week: {week.done} of {week.planned} sessions done. "
        f"Streak: {progress.streak} {weeks} meeting the plan."
    )


def plan_show_json(
    plan: Plan | None, sessions: list[AdvisedSession], progress: Adherence, missed: list[date]
) -> dict[str, Any]:
    """The stable JSON form of `trainer plan show`: the sessions as the engine's advice leaves
    them (6.9.13), a day training is stopped on under `blocked` instead."""
    return {
        "plan": plan_json(plan),
        "sessions": [
            {
                "date": s.date.isoformat(),
                "minutes": s.planned.minutes,
                "exercises": list(s.exercises),
                "first_side": s.first_side.value if s.first_side else None,
                "first_sides": {i: side.value if side else None for i, side in s.first_sides},
                "skipped": list(s.skipped),
                "one_side_only": {i: side.value for i, side in s.one_side_only},
            }
            for s in sessions
            if not s.blocked
        ],
        "blocked": [s.date.isoformat() for s in sessions if s.blocked],
        "missed": [d.isoformat() for d in missed],
        "adherence": adherence_json(progress),
    }


def plan_show_text(
    plan: Plan | None,
    sessions: list[AdvisedSession],
    progress: Adherence,
    missed: list[date],
    catalogue: Catalogue,
    prescribed: bool = False,
) -> str:
    if plan is None:
        return "No plan yet. Set one with: trainer plan set --days mon,wed,fri --minutes 30"
    length = session_length_text(plan.minutes, prescribed)
    first = min(plan.start, plan.effective_from)
    if progress.this_week is None:
        lines = [
            f"Plan: {_days_words(plan)}, {length}, starting {_day_text(first)}.",
            "Nothing to count yet: the plan has not started.",
        ]
    else:
        lines = [
            f"Plan: {_days_words(plan)}, {length}, since {_day_text(first)}.",
            adherence_text(progress),
        ]
    if missed:
        lines.append("Missed: " + ", ".join(_day_text(d) for d in missed) + " (they stay missed).")
    lines.append("")
    lines.append("Coming sessions:" if sessions else "No sessions planned in that period.")
    name = {ex.id: ex.name for ex in catalogue.exercises}
    for session in sessions:
        if session.blocked:
            lines.append(f"  {_day_text(session.date)}: no session, training is stopped (see below).")
            continue
        one_side = dict(session.one_side_only)
        leads = dict(session.first_sides)
        names = []
        for exercise_id in session.exercises:
            note = ""
            if exercise_id in one_side:
                note = f" ({one_side[exercise_id].value} side only)"
            elif (leading := leads.get(exercise_id)) is not None and leading is not session.first_side:
                note = f" ({leading.value} first)"
            names.append(name.get(exercise_id, exercise_id) + note)
        lead = f", {session.first_side.value} side first" if session.first_side else ""
        minutes = f"{session.planned.minutes} min" if session.planned.minutes else "full"
        lines.append(f"  {_day_text(session.date)} ({minutes}{lead}): " + ", ".join(names))
        if session.skipped:
            lines.append(
                "    skipped until a professional has checked it: "
                + ", ".join(name.get(i, i) for i in session.skipped)
            )
    if any(s.blocked for s in sessions):
        lines += ["", HOW_TO_LIFT]
    return "\n".join(lines)
