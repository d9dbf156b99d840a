"""How the command line shows things: the stable JSON forms (a contract for scripts) and text.

Pure formatting of core values; no database, no argument parsing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from trainer.core.model import (
    Catalogue,
    Exercise,
    LoggedSet,
    MorningCheck,
    Settings,
    Side,
    Sidedness,
    SymptomAnswers,
)
from trainer.core.plan import WEEKDAY_NAMES, Adherence, Plan
from trainer.core.session import AdvisedSession
from trainer.core.symptoms import ADVICE, BLOCKED_NOW, CHECKLIST, HOW_TO_LIFT, Urgency, most_urgent
from trainer.core.usual_pain import UsualPain
from trainer.core.wording import UNIT_WORDS, decision_text, prescription_text

if TYPE_CHECKING:  # the engine is imported by services when a command needs it
    from trainer.core.progression import Prescription, Suggestion


# --- sets and catalogue ------------------------------------------------------------------------------------


def set_json(logged: LoggedSet) -> dict[str, Any]:
    """The stable JSON form of a logged set (keys are a contract for scripts)."""
    return {
        "id": logged.id,
        "date": logged.date.isoformat(),
        "exercise": logged.exercise_id,
        "level": logged.level,
        "side": logged.side.value,
        "set": logged.set_number,
        "reps": logged.reps,
        "hold_s": logged.hold_s,
        "load": str(logged.load),
        "pain": logged.pain,
        "sharp": logged.sharp,
        "stopped": logged.stopped_early,
        "technique_ok": logged.technique_ok,
        "logged_at": logged.logged_at.isoformat(),
    }


def exercise_json(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "group": exercise.group.value,
        "muscles": list(exercise.muscles),
        "sided": exercise.sided.value,
        "dose": exercise.dose.value,
        "stretch": exercise.stretch,
        "rest_s": exercise.rest_s,
        "equipment": list(exercise.equipment),
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "cautions": list(exercise.cautions),
        "entry_level": exercise.entry_level.number,
        "levels": [
            {
                "level": level.number,
                "name": level.name,
                "sets": level.sets,
                "min": level.min,
                "max": level.max,
                "entry": level.entry,
                "loads": [kind.value for kind in level.loads],
                "sided": exercise.sided_at(level).value,
                "rep_hold_s": level.rep_hold_s,
                "how": level.how,
            }
            for level in exercise.levels
        ],
    }


_SIDED_TEXT = {
    Sidedness.EACH: "each side",
    Sidedness.ALTERNATING: "alternating sides",
    Sidedness.BOTH: "both sides at once",
}
_UNIT = UNIT_WORDS


def _dose_text(exercise: Exercise, level) -> str:
    span = f"{level.min}" if level.min == level.max else f"{level.min}-{level.max}"
    text = f"{level.sets} x {span} {_UNIT[exercise.dose]}"
    if level.rep_hold_s:
        text += f" ({level.rep_hold_s} s each)"
    return text


def catalogue_text(catalogue: Catalogue) -> str:
    lines: list[str] = []
    for group, exercises in catalogue.by_group():
        lines.append(group.value.upper())
        for exercise in exercises:
            lines.append(
                f"  {exercise.id:<30} {exercise.name}  [{_SIDED_TEXT[exercise.sided]}]"
            )
            for level in exercise.levels:
                marker = "*" if level.entry else " "
                loads = f"  + {'/'.join(k.value for k in level.loads)}" if level.loads else ""
                lines.append(
                    f"    {marker}{level.number:>2}  {level.name:<44} "
                    f"{_dose_text(exercise, level)}{loads}"
                )
        lines.append("")
    lines.append("* entry level.  Bands: " + ", ".join(catalogue.band_colours))
    return "\n".join(lines)


def _amount(logged: LoggedSet) -> str:
    return f"{logged.hold_s} s" if logged.hold_s is not None else f"{logged.reps} reps"


def _flags(logged: LoggedSet) -> str:
    flags = []
    if logged.sharp:
        flags.append("SHARP")
    if logged.stopped_early:
        flags.append("stopped")
    if not logged.technique_ok:
        flags.append("poor form")
    return ", ".join(flags)


def history_lines(sets: Iterable[LoggedSet]) -> Iterator[str]:
    """The history as lines of fixed-width columns, one set a line, made as they are read."""
    header = (
        f"{'date':<10}  {'exercise':<28} {'lvl':>3}  {'side':<5} {'set':>3}  "
        f"{'done':<8} {'load':<12} {'pain':>4}  flags"
    )
    empty = True
    for s in sets:
        if empty:
            yield header
            empty = False
        yield (
            f"{s.date.isoformat():<10}  {s.exercise_id:<28} {s.level:>3}  {s.side.value:<5} "
            f"{s.set_number:>3}  {_amount(s):<8} {str(s.load):<12} "
            f"{'' if s.pain is None else s.pain:>4}  {_flags(s)}"
        )
    if empty:
        yield "No sets logged yet. Log one with: trainer log EXERCISE --side left --reps 12,12"


def json_array_lines(items: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(list(items), indent=2)`, made item by item (JSON strings hold no raw line
    breaks, so indenting each item's lines nests it exactly as the whole dump would)."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    empty = True
    for item in items:
        yield ("[\n  " if empty else ",\n  ") + encoder.encode(item).replace("\n", "\n  ")
        empty = False
    yield "[]" if empty else "\n]"


def logged_text(catalogue: Catalogue, logged: list[LoggedSet]) -> str:
    first = logged[0]
    exercise = catalogue.get(first.exercise_id)
    level = exercise.level(first.level)
    sets = ", ".join(f"set {s.set_number}: {_amount(s)}" for s in logged)
    return (
        f"Logged {exercise.name}, {first.side.value}, level {level.number} ({level.name}), "
        f"load {first.load}, on {first.date.isoformat()}: {sets}"
    )


def morning_json(check: MorningCheck) -> dict[str, Any]:
    return {
        "date": check.date.isoformat(),
        "side": check.side.value,
        "pain": check.pain,
        "soreness": check.soreness,
    }


def morning_text(check: MorningCheck) -> str:
    sides = check.side.phrase
    soreness = "not given" if check.soreness is None else f"{check.soreness}/10"
    return (
        f"Recorded the morning of {check.date.isoformat()} for {sides}: pain {check.pain}/10, "
        f"soreness {soreness}. It counts for your last training day before it; "
        "recording it again corrects it."
    )


def checklist_json() -> list[dict[str, str]]:
    return [
        {"id": symptom.id, "question": symptom.question, "urgency": symptom.urgency.value}
        for symptom in CHECKLIST
    ]


_URGENCY_HEADING = {
    Urgency.EMERGENCY: "If yes: stop exercising and seek emergency care now",
    Urgency.GP_THIS_WEEK: "If yes: see your GP this week before progressing",
}


def checklist_text() -> str:
    lines = ["Red-flag symptom checklist. Do you have any of these?"]
    for urgency in Urgency:
        lines += ["", _URGENCY_HEADING[urgency]]
        for symptom in CHECKLIST:
            if symptom.urgency is urgency:
                lines += [f"  {symptom.id}", f"      {symptom.question}"]
    lines += [
        "",
        "Record your answer: trainer symptoms --yes ID[,ID...]   or   trainer symptoms --none",
    ]
    return "\n".join(lines)


def symptoms_json(answers: SymptomAnswers) -> dict[str, Any]:
    urgency = most_urgent(answers)
    return {
        "date": answers.date.isoformat(),
        "yes": sorted(answers.yes),
        "urgency": None if urgency is None else urgency.value,
        "advice": None if urgency is None else ADVICE[urgency],
        "mistaken": answers.mistaken,
    }


def training_block_json(block: SymptomAnswers | None) -> dict[str, Any]:
    """Whether an emergency answer stops training (6.9.13): `training_blocked`, and the date of
    the answer that does (`blocked_since`), with how to lift it."""
    return {
        "training_blocked": block is not None,
        "blocked_since": None if block is None else block.date.isoformat(),
        "how_to_lift": None if block is None else HOW_TO_LIFT,
    }


def symptoms_text(answers: SymptomAnswers, block: SymptomAnswers | None = None) -> str:
    if answers.mistaken:
        lines = [f"Marked the answer of {answers.date.isoformat()} as a mistake: it no longer counts."]
    elif not answers.yes:
        lines = [f"Recorded for {answers.date.isoformat()}: none of the red-flag symptoms."]
    else:
        # Checklist order, so the most serious questions come first.
        yes = [symptom.id for symptom in CHECKLIST if symptom.id in answers.yes]
        lines = [f"Recorded for {answers.date.isoformat()}: yes to {', '.join(yes)}."]
        urgency = most_urgent(answers)
        if urgency is not None:
            lines += ["", ADVICE[urgency]]
    if block is not None and block.id == answers.id:
        lines += ["", HOW_TO_LIFT]  # this very answer stops training: the advice above says so
    elif block is not None:
        lines += ["", f"{BLOCKED_NOW} It stands since your answer of {block.date.isoformat()}.", HOW_TO_LIFT]
    elif answers.mistaken:
        lines.append("Training can go on.")
    return "\n".join(lines)


def _bands_of(settings: Settings, catalogue: Catalogue) -> tuple[str, ...]:
    return catalogue.band_colours if settings.bands is None else settings.bands


def settings_json(
    settings: Settings, catalogue: Catalogue, usual: Mapping[Side, UsualPain] | None = None
) -> dict[str, Any]:
    """The stable JSON form of the settings (keys are a contract for scripts).

    `baseline_pain_left/right` are null when not recorded; `usual_pain_left/right` say what the
    engine uses, recorded or estimated (6.9.8); they are left out when `usual` is not given."""
    data: dict[str, Any] = {
        "baseline_pain_left": settings.baseline_pain_left,
        "baseline_pain_right": settings.baseline_pain_right,
        "involved_side": None if settings.involved_side is None else settings.involved_side.value,
        "dumbbells_kg": list(settings.dumbbells_kg),
        "bands": list(_bands_of(settings, catalogue)),
        "seen_professional": (
            None if settings.seen_professional is None else settings.seen_professional.isoformat()
        ),
    }
    if usual is not None:
        for side in (Side.LEFT, Side.RIGHT):
            data[f"usual_pain_{side.value}"] = {
                "value": usual[side].value, "estimated": usual[side].estimated
            }
    return data


def _usual_text(recorded: int | None, usual: UsualPain | None) -> str:
    if recorded is not None:
        return f"{recorded}/10 (usual pain on waking)"
    if usual is None:
        return "not recorded (usual pain on waking)"
    return f"not recorded (estimated {usual.value}/10 from your first week)"


def visits_json(visits: Sequence[date]) -> list[dict[str, str]]:
    """The stable JSON form of `trainer visits`: oldest first (keys are a contract for scripts)."""
    return [{"date": day.isoformat()} for day in visits]


def visits_text(visits: Sequence[date]) -> str:
    if not visits:
        return (
            "No visit to a professional recorded. Record one with "
            "`trainer settings --seen-professional DATE`."
        )
    lines = [f"Visits to a physiotherapist or doctor ({len(visits)}), oldest first:"]
    lines += [f"  {day:%a} {day.day} {day:%b %Y}" for day in visits]
    return "\n".join(lines)


def settings_text(
    settings: Settings, catalogue: Catalogue, usual: Mapping[Side, UsualPain] | None = None
) -> str:
    dumbbells = (
        ", ".join(f"{kg:g}" for kg in settings.dumbbells_kg) + " kg"
        if settings.dumbbells_kg
        else "none"
    )
    whose = "; the catalogue's" if settings.bands is None else ""
    bands = f"{', '.join(_bands_of(settings, catalogue))} (light to heavy{whose})"
    seen = settings.seen_professional
    rows = [
        ("baseline pain left", _usual_text(settings.baseline_pain_left, (usual or {}).get(Side.LEFT))),
        ("baseline pain right", _usual_text(settings.baseline_pain_right, (usual or {}).get(Side.RIGHT))),
        ("involved side", settings.involved_side.value if settings.involved_side else "unknown"),
        ("dumbbells", dumbbells),
        ("bands", bands),
        ("seen professional", seen.isoformat() if seen else "not recorded"),
    ]
    return "\n".join(f"{name:<20} {value}" for name, value in rows)


def prescription_json(rx: Prescription | None) -> dict[str, Any] | None:
    if rx is None:
        return None  # skipped until a professional has checked it (6.9.12)
    return {
        "level": rx.level,
        "load": str(rx.load),
        "sets": rx.sets,
        "reps_min": rx.reps_min,
        "reps_max": rx.reps_max,
        "hold_s": rx.hold_s,
    }


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """The stable JSON form of `trainer suggest` (keys are a contract for scripts)."""
    return {
        "date": suggestion.date.isoformat(),
        "urgent": suggestion.urgent,
        "referrals": [
            {
                "level": referral.level.value,
                "side": referral.side.value if referral.side else None,
                "exercise": referral.exercise,
                "rule": referral.rule,
                "reason": referral.reason,
            }
            for referral in suggestion.referrals
        ],
        "exercises": [
            {
                "exercise": advice.exercise_id,
                "lsi": advice.lsi,
                "weaker_side": advice.weaker_side.value if advice.weaker_side else None,
                "sides": [
                    {
                        "side": decision.side.value,
                        "decision": decision.decision.value,
                        "prescription": prescription_json(decision.prescription),
                        # the last dose done (null before the first session), same shape
                        "before": prescription_json(decision.previous),
                        "flags": [flag.value for flag in decision.flags],
                        "reasons": [
                            {"rule": reason.rule, "text": reason.text}
                            for reason in decision.reasons
                        ],
                    }
                    for decision in advice.sides
                ],
            }
            for advice in suggestion.exercises
        ],
    }


_BANNER_RULES = {"RF-1", "RF-2"}


def suggestion_text(
    suggestion: Suggestion,
    catalogue: Catalogue,
    block: SymptomAnswers | None = None,
    counts_today: bool = False,
    involved: Side | None = None,
    why: bool = False,
) -> str:
    """The suggestion in words; `block` is the emergency answer that stops training (6.9.13);
    `counts_today` when it answers for the next session because today's sets are logged. Each
    side shows its leading reason, every reason with `why`; the side that goes first (the
    session's order, `side_order`) comes first."""
    from trainer.core.session import side_order  # the engine is loaded already: it made this
    lines = [f"Suggestions for {suggestion.date:%A %d %B %Y}"]
    if counts_today:
        lines.append("(the next session: today's sets are counted)")
    lines.append("")
    for referral in suggestion.referrals:
        where = ", ".join(
            part for part in (
                referral.side.value if referral.side else None, referral.exercise
            ) if part
        )
        label = {"emergency": "URGENT", "gp_this_week": "SEE YOUR GP", "routine": "SEE A PROFESSIONAL"}[
            referral.level.value
        ]
        lines.append(f"!! {label}{f' ({where})' if where else ''}: {referral.reason}")
    if suggestion.referrals:
        lines.append("")
    if suggestion.urgent:
        lines.append("No exercise today: do not train until you have been seen.")
        if block is not None:
            # A later "none" does not lift it: say since when it stands and what does lift it.
            since = f"Training is stopped since your answer of {block.date.isoformat()}."
            lines += ["", since, HOW_TO_LIFT]
        return "\n".join(lines)
    advice_by_id = {advice.exercise_id: advice for advice in suggestion.exercises}
    for group, exercises in catalogue.by_group():
        lines.append(group.value.upper())
        for exercise in exercises:
            advice = advice_by_id[exercise.id]
            balance = ""
            if advice.lsi is not None:
                weaker = f", weaker: {advice.weaker_side.value}" if advice.weaker_side else ""
                balance = f"  (symmetry {advice.lsi:.0f}%{weaker})"
            not_started = all(
                [r.rule for r in d.reasons] == ["START"] for d in advice.sides
            ) and len({d.prescription for d in advice.sides}) == 1
            if not_started:
                # Nothing logged yet on either side: one line is enough.
                rx = prescription_text(advice.sides[0].prescription, exercise)
                lines.append(f"  {exercise.name}: not started yet; begin with {rx}")
                continue
            lines.append(f"  {exercise.name}{balance}")
            for decision in side_order(advice, involved):
                flags = f" ({'; '.join(f.words for f in decision.flags)})" if decision.flags else ""
                lines.append(
                    f"    {decision.side.value:<5} {decision_text(decision, exercise)}{flags}"
                )
                # Said once at the top, not under every exercise.
                reasons = [r for r in decision.reasons if r.rule not in _BANNER_RULES]
                for reason in reasons if why else reasons[:1]:
                    lines.append(f"          - {reason.text} ({reason.rule})")
                if not why and len(reasons) > 1:
                    lines.append(f"          ({len(reasons) - 1} more: trainer suggest --why)")
        lines.append("")
    return "\n".join(lines).rstrip()




# --- plan -----------------------------------------------------------------------------------------


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
    length = f"{plan.minutes} minutes a session" if plan.minutes else "the whole programme each session"
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
) -> str:
    if plan is None:
        return "No plan yet. Set one with: trainer plan set --days mon,wed,fri --minutes 30"
    length = f"{plan.minutes} minutes a session" if plan.minutes else "whole programme each session"
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
            elif leads.get(exercise_id) not in (None, session.first_side):
                note = f" ({leads[exercise_id].value} first)"  # type: ignore[union-attr]
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


# --- self-assessment -------------------------------------------------------------------------------


def assessment_tests_json(tests) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id, "name": t.name, "kind": t.kind.value, "unit": t.unit, "max": t.max_value,
            "poor_below": t.poor_below, "good_above": t.good_above, "focus": t.focus.value,
            "steps": list(t.steps), "cautions": list(t.cautions),
        }
        for t in tests
    ]


def assessment_tests_text(tests) -> str:
    lines = ["Self-assessment tests (do each on both sides; record with `trainer assess record`):", ""]
    for t in tests:
        what = "yes or no" if t.kind.value == "yes-no" else f"{t.kind.value}, up to {t.max_value} {t.unit}".rstrip()
        lines.append(f"{t.id}: {t.name} ({what})")
        lines += [f"  {n}. {step}" for n, step in enumerate(t.steps, start=1)]
        lines += [f"  Take care: {c}" for c in t.cautions]
        lines.append("")
    return "\n".join(lines).rstrip()


def assessment_result_json(result) -> dict[str, Any]:
    return {
        "date": result.date.isoformat(), "test": result.test_id, "side": result.side.value,
        "value": result.value, "pain": result.pain,
    }


def _outcome_json(outcome) -> dict[str, Any]:
    return {
        "test": outcome.test.id,
        "left": None if outcome.left is None else outcome.left.value,
        "right": None if outcome.right is None else outcome.right.value,
        "lsi": None if outcome.lsi is None else round(outcome.lsi, 1),
        "weaker_side": outcome.weaker.value if outcome.weaker else None,
        "stopped_for_pain": [s.value for s in outcome.stopped_for_pain],
    }


def assessment_json(latest, first) -> dict[str, Any]:
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


def assessment_text(latest, first, due: bool) -> str:
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
