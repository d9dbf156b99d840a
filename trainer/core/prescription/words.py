"""A prescription in words, for every face: the programme line, the review, the physiotherapist's
note and limit beside an exercise, and one exercise's prescription."""

from __future__ import annotations

from datetime import date

from trainer.core.model import DoseKind, Exercise, Side
from trainer.core.prescription.model import LoadedPrescription, PrescribedExercise

REVIEW_NOTICE_DAYS = 7  # the review is shown from a week before it, and after it until a new prescription


def review_text(loaded: LoadedPrescription, today: date) -> str | None:
    """The review date in words when it is within a week or past (else None)."""
    review = loaded.prescription.review_on
    days = (review - today).days
    who = loaded.prescription.written_by
    if days > REVIEW_NOTICE_DAYS:
        return None
    if days < 0:
        return f"Your review with {who} was due on {review:%a %d %b %Y}: book it, and take the report (trainer report)."
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"on {review:%a %d %b} (in {days} days)"
    return f"Your review is {when}, with {who}."


def programme_text(loaded: LoadedPrescription) -> str:
    """One line naming the programme in force."""
    rx = loaded.prescription
    count = len(rx.exercises)
    exercises = f"{count} exercise{'s' if count != 1 else ''}"
    return f"Programme from {rx.written_by} ({exercises}, since {loaded.starts_on:%d %b})."


def note_lines(note: str, pain_limit: int | None) -> list[str]:
    """What the screens show with an exercise from the prescription: the physiotherapist's note
    and their stricter pain limit."""
    lines = [f"From your physiotherapist: {note}"] if note else []
    if pain_limit is not None:
        lines.append(f"Your physiotherapist's limit: stop this exercise if the pain goes above {pain_limit}/10.")
    return lines


def prescribed_text(item: PrescribedExercise, exercise: Exercise) -> str:
    """What the prescription says for one exercise, in words (the CLI, the report)."""
    parts = []
    if item.start_left is not None and item.start_left == item.start_right:
        parts.append(f"from level {item.start_left}")
    else:
        for side, level in (("left", item.start_left), ("right", item.start_right)):
            if level is not None:
                parts.append(f"{side} from level {level}")
    if item.max_level is not None:
        parts.append(f"up to level {item.max_level}")
    if item.sets is not None or item.amount is not None:
        sets = f"{item.sets} x " if item.sets is not None else ""
        if item.amount is None:
            amount = "sets"
        else:
            low, high = item.amount
            span = f"{low}" if low == high else f"{low}-{high}"
            amount = f"{span} s hold" if exercise.dose is DoseKind.HOLD else f"{span} {exercise.dose.value}"
        parts.append(f"{sets}{amount}".strip())
    if item.per_week is not None:
        parts.append(f"{item.per_week} session{'s' if item.per_week != 1 else ''} a week at most")
    if item.sides is not Side.BOTH:
        parts.append(f"the {item.sides.value} side only")
    if item.pain_limit is not None:
        parts.append(f"stop above {item.pain_limit}/10 pain")
    return "; ".join(parts) if parts else "as the programme has it"
