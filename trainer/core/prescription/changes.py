"""What a new prescription changes, in plain sentences, shown before it is loaded (issue 19.5).

`prescription_changes(before, after, catalogue)` compares the prescription in force (None when the
whole catalogue is done) with the one about to be loaded: the exercises added and dropped, per
exercise the start level, cap, sets, range, times a week, sides, pain limit and note, and the
review date and author. Pure: the screens and the command line word it the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from trainer.core.model import Catalogue, DoseKind, Side
from trainer.core.prescription.model import PhysioPrescription, PrescribedExercise

# What an exercise's field says when the prescription leaves it to the catalogue.
_CATALOGUE = "as in the catalogue"


def prescription_changes(
    before: PhysioPrescription | None, after: PhysioPrescription, catalogue: Catalogue
) -> list[str]:
    """The differences from `before` to `after` as sentences; empty when nothing differs."""
    changes = _author_and_review(before, after)
    if before is None:
        changes += _whole_programme(after, catalogue)
    else:
        changes += _exercises_added_and_dropped(before, after, catalogue)
    if (before.note if before else "") != after.note:
        note = f'Note for the programme: "{after.note}"' if after.note else "No note for the programme any more"
        changes.append(_sentence(note))
    return changes


def _author_and_review(before: PhysioPrescription | None, after: PhysioPrescription) -> list[str]:
    lines = []
    if before is None or (before.written_by, before.written_on) != (after.written_by, after.written_on):
        was = f" (the last one was by {before.written_by})" if before and before.written_by != after.written_by else ""
        lines.append(f"Written on {_day(after.written_on)} by {after.written_by}{was}.")
    if before is None or before.review_on != after.review_on:
        was = f" (it was {_day(before.review_on)})" if before else ""
        lines.append(f"Review on {_day(after.review_on)}{was}.")
    return lines


def _whole_programme(after: PhysioPrescription, catalogue: Catalogue) -> list[str]:
    """With no prescription before, every catalogue exercise was done: say what replaces them."""
    count = len(after.exercises)
    names = ", ".join(_name(catalogue, p.exercise_id) for p in after.exercises)
    lines = [
        f"The whole programme is replaced by the {count} prescribed exercise{'s' if count != 1 else ''}: {names}."
    ]
    prescribed = set(after.exercise_ids)
    gone = [e.name for e in catalogue.exercises if e.id not in prescribed]
    if gone:
        lines.append(f"No longer done ({len(gone)}): {', '.join(gone)}.")
    lines += [_described(p, catalogue) for p in after.exercises]
    return lines


def _exercises_added_and_dropped(
    before: PhysioPrescription, after: PhysioPrescription, catalogue: Catalogue
) -> list[str]:
    lines = []
    dropped = [p.exercise_id for p in before.exercises if after.get(p.exercise_id) is None]
    if dropped:
        lines.append(f"Dropped: {', '.join(_name(catalogue, i) for i in dropped)}.")
    for item in after.exercises:
        old = before.get(item.exercise_id)
        if old is None:
            settings = _settings(item, catalogue)
            lines.append(f"Added: {_name(catalogue, item.exercise_id)}" + (f" ({settings})." if settings else "."))
            continue
        differences = [
            f"{words(item, catalogue)} (was {words(old, catalogue)})"
            for words in _FIELDS
            if words(item, catalogue) != words(old, catalogue)
        ]
        if differences:
            lines.append(_sentence(f"{_name(catalogue, item.exercise_id)}: {'; '.join(differences)}"))
    return lines


def _described(item: PrescribedExercise, catalogue: Catalogue) -> str:
    """One prescribed exercise and what the prescription sets for it."""
    return _sentence(f"{_name(catalogue, item.exercise_id)}: {_settings(item, catalogue) or _CATALOGUE}")


def _settings(item: PrescribedExercise, catalogue: Catalogue) -> str:
    """What the prescription sets for an exercise beyond the catalogue's (empty: nothing)."""
    default = PrescribedExercise(item.exercise_id)
    return "; ".join(words(item, catalogue) for words in _FIELDS if words(item, catalogue) != words(default, catalogue))


# --- each field in words ------------------------------------------------------------------------


def _start(item: PrescribedExercise, catalogue: Catalogue) -> str:
    left, right = item.start_left, item.start_right
    if left is None and right is None:
        return "starts at the catalogue's entry level"
    if left == right:
        return f"starts at level {left}"
    left_words = f"level {left}" if left is not None else "the entry level"
    right_words = f"level {right}" if right is not None else "the entry level"
    return f"starts at {left_words} left, {right_words} right"


def _cap(item: PrescribedExercise, catalogue: Catalogue) -> str:
    return "no level cap" if item.max_level is None else f"no further than level {item.max_level}"


def _sets(item: PrescribedExercise, catalogue: Catalogue) -> str:
    return f"sets {_CATALOGUE}" if item.sets is None else f"{item.sets} set{'s' if item.sets != 1 else ''}"


def _range(item: PrescribedExercise, catalogue: Catalogue) -> str:
    dose = catalogue.get(item.exercise_id).dose if item.exercise_id in catalogue else DoseKind.REPS
    if item.amount is None:
        return f"{'hold' if dose is DoseKind.HOLD else dose.value} {_CATALOGUE}"
    low, high = item.amount
    amount = str(low) if low == high else f"{low}-{high}"
    return f"held {amount} s" if dose is DoseKind.HOLD else f"{amount} {dose.value}"


def _per_week(item: PrescribedExercise, catalogue: Catalogue) -> str:
    if item.per_week is None:
        return "every session"
    return "once a week" if item.per_week == 1 else f"{item.per_week} times a week"


def _sides(item: PrescribedExercise, catalogue: Catalogue) -> str:
    return "both sides" if item.sides is Side.BOTH else f"{item.sides.phrase} only"


def _pain_limit(item: PrescribedExercise, catalogue: Catalogue) -> str:
    if item.pain_limit is None:
        return "the usual pain limit"
    return f"stop when the pain goes above {item.pain_limit}/10"


def _note(item: PrescribedExercise, catalogue: Catalogue) -> str:
    return f'note: "{item.note}"' if item.note else "no note"


_FIELDS: tuple[Callable[[PrescribedExercise, Catalogue], str], ...] = (
    _start,
    _cap,
    _sets,
    _range,
    _per_week,
    _sides,
    _pain_limit,
    _note,
)


def _name(catalogue: Catalogue, exercise_id: str) -> str:
    # An earlier prescription may name an exercise a newer catalogue no longer has.
    return catalogue.get(exercise_id).name if exercise_id in catalogue else exercise_id


def _sentence(text: str) -> str:
    """`text` with a full stop, unless it already ends with one (a quoted note often does)."""
    return text if text.endswith((".", '."', '!"', '?"')) else text + "."


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
