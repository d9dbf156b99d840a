"""Logged sets and the catalogue as the command line shows them: `log`, `history`, `catalog`.

JSON forms are a contract for scripts; no database, no argument parsing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from trainer.core.model import Catalogue, Exercise, Level, LoggedSet, Sidedness
from trainer.core.set_json import set_json as core_set_json
from trainer.core.wording import UNIT_WORDS


def set_json(logged: LoggedSet) -> dict[str, Any]:
    """A logged set as `--json` shows it: the one shape of a set (core.set_json), with its
    database id and its load in words."""
    return {"id": logged.id, **core_set_json(logged), "load": str(logged.load)}


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


def _dose_text(exercise: Exercise, level: Level) -> str:
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
