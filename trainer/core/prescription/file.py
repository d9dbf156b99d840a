"""Reading prescription.toml (docs/prescription-format.md) and checking it against the catalogue:
every mistake named with its file, line, exercise id and field; and the template a physiotherapist
edits."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

from trainer.core.catalog import MAX_HOLD_S, MAX_REPS, MAX_SETS
from trainer.core.model import Catalogue, DoseKind, Exercise, Side
from trainer.core.pain import RED_MIN
from trainer.core.prescription.model import PhysioPrescription, PrescribedExercise, PrescriptionError
from trainer.core.terminal_text import hidden_character

SCHEMA_VERSION = 1
MAX_NOTE = 500  # characters of a note: a few sentences for the patient, not a letter
_TOP_KEYS = {"schema", "written_by", "written_on", "review_on", "note", "exercise"}
_EXERCISE_KEYS = {"id", "level", "sides", "sets", "reps", "hold_s", "per_week", "max_level", "pain_limit", "note"}
_SIDES = {"both": Side.BOTH, "left": Side.LEFT, "right": Side.RIGHT}


def parse_prescription(text: str, catalogue: Catalogue, source: str = "prescription.toml") -> PhysioPrescription:
    """The prescription in `text`, checked against `catalogue`; PrescriptionError names the file,
    line, exercise id and field of the first mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        if match:
            problem = message[: match.start()].strip()
            raise PrescriptionError(f"{source}, line {match.group(1)}: TOML syntax error: {problem}") from None
        raise PrescriptionError(f"{source}: TOML syntax error: {message}") from None
    except RecursionError:
        raise PrescriptionError(f"{source}: nested too deeply to be a prescription") from None
    return _Reader(text, source, catalogue).prescription(data)


_LINE_OF_ID = re.compile(r'^\s*id\s*=\s*["\']([^"\'\n]*)["\']', re.M)


class _Reader:
    def __init__(self, text: str, source: str, catalogue: Catalogue) -> None:
        self.text, self.source, self.catalogue = text, source, catalogue
        self.seen: dict[str, int] = {}

    def _line_of(self, key: str) -> int | None:
        match = re.search(rf"^\s*{re.escape(key)}\s*=", self.text, re.M)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def _line_in_entry(self, id_line: int, key: str) -> int | None:
        """The line of `key` in the [[exercise]] entry whose id is on `id_line`."""
        lines = self.text.splitlines()
        start = id_line - 1
        while start > 0 and not lines[start].lstrip().startswith("[["):
            start -= 1
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(lines)):
            if lines[number].lstrip().startswith("[[") and number > start:
                break
            if pattern.match(lines[number]):
                return number + 1
        return None

    def _line_of_exercise(self, exercise_id: str, occurrence: int) -> int | None:
        lines = [
            self.text.count("\n", 0, m.start()) + 1
            for m in _LINE_OF_ID.finditer(self.text)
            if m.group(1) == exercise_id
        ]
        return lines[min(occurrence, len(lines)) - 1] if lines else None

    def fail(self, problem: str, line: int | None = None, exercise_id: str | None = None) -> PrescriptionError:
        """The error at its place: the line of the field the problem names, inside the exercise's
        own entry when there is one (else the entry's `id` line)."""
        field = re.search(r"field '(\w+)'", problem)
        if field and line is not None and exercise_id is not None:
            line = self._line_in_entry(line, field.group(1)) or line
        where = self.source + (f", line {line}" if line else "")
        if exercise_id is not None:
            where += f": exercise '{exercise_id}'"
        return PrescriptionError(f"{where}: {problem}")

    def take(self, table: dict[str, Any], key: str, kind: type, line: int | None, exercise_id: str | None,
             required: bool = False) -> Any:
        if key not in table:
            if required:
                raise self.fail(f"field '{key}' is missing", line, exercise_id)
            return None
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"field '{key}' must be {_KIND_WORDS.get(kind, kind.__name__)}", line, exercise_id)
        if isinstance(value, str):
            bad = hidden_character(value)
            if bad is not None:
                raise self.fail(f"field '{key}' holds the control character {bad!r}; remove it", line, exercise_id)
        return value

    def prescription(self, data: dict[str, Any]) -> PhysioPrescription:
        unknown = sorted(set(data) - _TOP_KEYS)
        if unknown:
            raise self.fail(
                f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(_TOP_KEYS))})", self._line_of(unknown[0])
            )
        schema = self.take(data, "schema", int, self._line_of("schema"), None, required=True)
        if schema != SCHEMA_VERSION:
            raise self.fail(
                f"field 'schema' is {schema}; this trainer reads schema {SCHEMA_VERSION}", self._line_of("schema")
            )
        written_by = self.take(data, "written_by", str, self._line_of("written_by"), None, required=True).strip()
        if not written_by:
            raise self.fail("field 'written_by' is empty: say who wrote the prescription", self._line_of("written_by"))
        written_on = self._date(data, "written_on")
        review_on = self._date(data, "review_on")
        if review_on < written_on:
            raise self.fail(
                f"field 'review_on' ({review_on}) is before field 'written_on' ({written_on})",
                self._line_of("review_on"),
            )
        note = self._note(data, self._line_of("note"), None)
        tables = data.get("exercise")
        if not isinstance(tables, list) or not tables:
            raise self.fail("the prescription lists no [[exercise]]: name at least one exercise to do")
        exercises: list[PrescribedExercise] = []
        for position, table in enumerate(tables, start=1):
            item = self.exercise(table, position)
            if any(e.exercise_id == item.exercise_id for e in exercises):
                line = self._line_of_exercise(item.exercise_id, self.seen[item.exercise_id])
                raise self.fail("listed twice; give each exercise one [[exercise]] entry", line, item.exercise_id)
            exercises.append(item)
        return PhysioPrescription(written_by, written_on, review_on, tuple(exercises), note)

    def _date(self, data: dict[str, Any], key: str) -> date:
        line = self._line_of(key)
        value = data.get(key)
        if value is None:
            raise self.fail(f"field '{key}' is missing (a date like 2026-12-01, without quotes)", line)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise self.fail(f"field '{key}' must be a date like 2026-12-01", line)
        return value

    def _note(self, table: dict[str, Any], line: int | None, exercise_id: str | None) -> str:
        note = (self.take(table, "note", str, line, exercise_id) or "").strip()
        if len(note) > MAX_NOTE:
            raise self.fail(f"field 'note' is {len(note)} characters long; keep it under {MAX_NOTE}", line, exercise_id)
        return note

    def exercise(self, table: Any, position: int) -> PrescribedExercise:
        if not isinstance(table, dict):
            raise self.fail(f"exercise #{position} must be a table ([[exercise]])")
        if "id" not in table:
            raise self.fail(f"exercise #{position}: field 'id' is missing (a catalogue exercise id)")
        exercise_id = table["id"]
        if not isinstance(exercise_id, str):
            raise self.fail(f"exercise #{position}: field 'id' must be a text in quotes")
        self.seen[exercise_id] = self.seen.get(exercise_id, 0) + 1
        line = self._line_of_exercise(exercise_id, self.seen[exercise_id])
        if exercise_id not in self.catalogue:
            known = self.catalogue._unknown_message(exercise_id).removeprefix(f"unknown exercise '{exercise_id}'")
            raise self.fail(f"field 'id': not in the catalogue{known}", line, exercise_id)
        exercise = self.catalogue.get(exercise_id)
        unknown = sorted(set(table) - _EXERCISE_KEYS)
        if unknown:
            raise self.fail(
                f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(_EXERCISE_KEYS))})", line, exercise_id
            )
        top = len(exercise.levels)
        max_level = self.take(table, "max_level", int, line, exercise_id)
        if max_level is not None and not 1 <= max_level <= top:
            raise self.fail(f"field 'max_level' is {max_level}; this exercise has levels 1-{top}", line, exercise_id)
        start_left, start_right = self._start_levels(table, exercise, line, max_level or top)
        sides_text = self.take(table, "sides", str, line, exercise_id) or "both"
        if sides_text not in _SIDES:
            raise self.fail(f"field 'sides' is '{sides_text}'; use both, left or right", line, exercise_id)
        sides = _SIDES[sides_text]
        sets = self.take(table, "sets", int, line, exercise_id)
        if sets is not None and not 1 <= sets <= MAX_SETS:
            raise self.fail(f"field 'sets' is {sets}; use 1-{MAX_SETS}", line, exercise_id)
        amount = self._amount(table, exercise, line)
        per_week = self.take(table, "per_week", int, line, exercise_id)
        if per_week is not None and not 1 <= per_week <= 7:
            raise self.fail(f"field 'per_week' is {per_week}; use 1-7 times a week", line, exercise_id)
        pain_limit = self.take(table, "pain_limit", int, line, exercise_id)
        if pain_limit is not None and not 0 <= pain_limit < RED_MIN:
            raise self.fail(
                f"field 'pain_limit' is {pain_limit}; use 0-{RED_MIN - 1} (pain above it stops the exercise; "
                f"{RED_MIN} or more always does)",
                line,
                exercise_id,
            )
        return PrescribedExercise(
            exercise_id=exercise_id,
            start_left=start_left,
            start_right=start_right,
            sides=sides,
            sets=sets,
            amount=amount,
            per_week=per_week,
            max_level=max_level,
            pain_limit=pain_limit,
            note=self._note(table, line, exercise_id),
        )

    def _start_levels(
        self, table: dict[str, Any], exercise: Exercise, line: int | None, highest: int
    ) -> tuple[int | None, int | None]:
        value = table.get("level")
        if value is None:
            return None, None
        if isinstance(value, dict):
            unknown = sorted(set(value) - {"left", "right"})
            if unknown:
                raise self.fail(f"field 'level' has '{unknown[0]}'; give left and/or right", line, exercise.id)
            levels = (value.get("left"), value.get("right"))
        else:
            levels = (value, value)
        for level in levels:
            if level is None:
                continue
            if not isinstance(level, int) or isinstance(level, bool):
                raise self.fail("field 'level' must be a whole number, or { left = N, right = N }", line, exercise.id)
            if not 1 <= level <= highest:
                limit = "field 'max_level'" if highest < len(exercise.levels) else "this exercise's ladder"
                raise self.fail(f"field 'level' is {level}; {limit} allows 1-{highest}", line, exercise.id)
        return levels[0], levels[1]

    def _amount(self, table: dict[str, Any], exercise: Exercise, line: int | None) -> tuple[int, int] | None:
        holds = exercise.dose is DoseKind.HOLD
        wrong, right = ("reps", "hold_s") if holds else ("hold_s", "reps")
        if wrong in table:
            kind = "a hold, dosed in seconds" if holds else f"dosed in {exercise.dose.value}"
            raise self.fail(f"field '{wrong}' does not fit: this exercise is {kind}; use '{right}'", line, exercise.id)
        value = table.get(right)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            low = high = value
        elif (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            low, high = value
        else:
            raise self.fail(f"field '{right}' must be a whole number or a range [low, high]", line, exercise.id)
        ceiling = MAX_HOLD_S if holds else MAX_REPS
        if not 1 <= low <= high <= ceiling:
            raise self.fail(f"field '{right}' is {value}; use 1-{ceiling}, the low end first", line, exercise.id)
        return low, high


_KIND_WORDS = {str: "a text in quotes", int: "a whole number", list: "a list [...]", dict: "a table"}


TEMPLATE = """\
# A prescription for trainer, written by a physiotherapist and loaded by the patient with
#   trainer prescription load prescription.toml
# The format: docs/prescription-format.md. Exercises not listed here are not done.
schema = 1
written_by = "Sam Rivera, physiotherapist"
written_on = 2026-12-01
review_on = 2027-01-12
note = "Three sessions a week. Stop any exercise that gives sharp pain, and tell me at the review."

[[exercise]]
id = "clamshell"
level = { left = 2, right = 1 }   # the left side starts one level higher
sets = 3
reps = [12, 15]
note = "Keep the heels together and the pelvis still."

[[exercise]]
id = "single-leg-glute-bridge"
level = 1
max_level = 2                     # no further than level 2 before the review

[[exercise]]
id = "copenhagen-plank"
level = 1
per_week = 2
pain_limit = 3                    # groin pain above 3/10 stops the exercise for the day
note = "Groin pain above 3 out of 10: stop and note it."

[[exercise]]
id = "side-lying-leg-raise"
sides = "right"                   # the right side only
reps = [10, 12]

[[exercise]]
id = "kneeling-hip-flexor-stretch"
hold_s = [30, 45]
"""
