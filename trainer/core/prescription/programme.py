"""What trainer runs under a prescription: the catalogue as prescribed (its exercises, ladders,
doses, start levels and limits), the history read within its caps, the weekly limits on the plan,
and the suggestion without the sides it does not train."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from trainer.core.model import Catalogue, Exercise, Level, Side, SideSession
from trainer.core.plan import PlannedSession, week_start
from trainer.core.prescription.model import PhysioPrescription, PrescribedExercise
from trainer.core.progression import Suggestion


def prescribed_catalogue(
    catalogue: Catalogue, prescription: PhysioPrescription, starts_on: date | None = None
) -> Catalogue:
    """The catalogue as the prescription has it: only its exercises (in the catalogue's order),
    each ladder ending at the prescribed `max_level`, each level dosed with the prescribed sets and
    range, and the entry level the prescribed start (when both sides start at the same level). An
    exercise given a start level restarts on `starts_on`, the day the prescription applies from:
    the engine judges it from then on, from those levels."""
    exercises = []
    for exercise in catalogue.exercises:
        item = prescription.get(exercise.id)
        if item is None:
            continue
        restart = starts_on if item.start_left is not None or item.start_right is not None else None
        exercises.append(replace(_prescribed_exercise(exercise, item), restart_on=restart))
    return replace(catalogue, exercises=tuple(exercises))


def _prescribed_exercise(exercise: Exercise, item: PrescribedExercise) -> Exercise:
    top = item.max_level or len(exercise.levels)
    starts = {s for s in (item.start_left, item.start_right) if s is not None}
    entry = starts.pop() if len(starts) == 1 else None
    if entry is None and exercise.entry_level.number > top:
        entry = top
    levels: list[Level] = []
    for level in exercise.levels[:top]:
        changed = level
        if item.sets is not None:
            changed = replace(changed, sets=item.sets)
        if item.amount is not None:
            changed = replace(changed, min=item.amount[0], max=item.amount[1])
        if entry is not None:
            changed = replace(changed, entry=level.number == entry)
        levels.append(changed)
    return replace(
        exercise,
        levels=tuple(levels),
        start_left=item.start_left,
        start_right=item.start_right,
        sets_cap=item.sets,
        pain_limit=item.pain_limit,
    )


def within_prescription(sessions: tuple[SideSession, ...], prescription: PhysioPrescription) -> tuple[SideSession, ...]:
    """The sessions as the engine reads them under `prescription`: a level above an exercise's
    prescribed `max_level` (done before the prescription) counts as that level, so the engine
    carries on from the cap, never past it."""
    caps = {p.exercise_id: p.max_level for p in prescription.exercises if p.max_level is not None}
    if not caps:
        return sessions
    return tuple(
        replace(s, level=caps[s.exercise_id]) if s.level > caps.get(s.exercise_id, s.level) else s for s in sessions
    )


def within_weekly_limits(sessions: list[PlannedSession], prescription: PhysioPrescription) -> list[PlannedSession]:
    """The planned sessions with each exercise in at most its prescribed `per_week` sessions of a
    week (Monday to Sunday), the ones kept spread over the week."""
    limits = {p.exercise_id: p.per_week for p in prescription.exercises if p.per_week is not None}
    if not limits:
        return sessions
    weeks: dict[date, list[int]] = {}
    for index, session in enumerate(sessions):
        weeks.setdefault(week_start(session.date), []).append(index)
    dropped: dict[int, set[str]] = {}
    for indexes in weeks.values():
        for exercise_id, most in limits.items():
            holding = [i for i in indexes if exercise_id in sessions[i].exercises]
            if len(holding) <= most:
                continue
            kept = {holding[round(n * len(holding) / most)] for n in range(most)}
            for i in holding:
                if i not in kept:
                    dropped.setdefault(i, set()).add(exercise_id)
    return [
        replace(s, exercises=tuple(e for e in s.exercises if e not in dropped[i])) if i in dropped else s
        for i, s in enumerate(sessions)
    ]


def only_prescribed_sides(suggestion: Suggestion, prescription: PhysioPrescription) -> Suggestion:
    """The engine's suggestion without the sides the prescription does not train (an exercise
    for the right side only has no left-side decision)."""
    exercises = []
    for advice in suggestion.exercises:
        item = prescription.get(advice.exercise_id)
        if item is None or item.sides is Side.BOTH:
            exercises.append(advice)
        else:
            exercises.append(replace(advice, sides=tuple(d for d in advice.sides if item.trains(d.side))))
    return replace(suggestion, exercises=tuple(exercises))
