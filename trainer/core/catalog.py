"""Parse and validate the catalogue (TOML text) into a `Catalogue`.

The file is edited by hand, so every mistake gets a message a physiotherapist can act on: syntax
errors name the file and line; content errors name the file, the exercise id (and its line), the
level and the field. The format is described in docs/catalog-format.md.
"""

from __future__ import annotations

import re
import tomllib
from enum import Enum
from typing import Any, TypeVar, overload

from trainer.core.assessment import AssessmentTest, Focus, TestKind
from trainer.core.errors import CatalogError
from trainer.core.model import (
    Catalogue,
    DoseKind,
    Exercise,
    Group,
    Level,
    LoadKind,
    Sidedness,
)
from trainer.core.terminal_text import hidden_character

SCHEMA_VERSION = 1
# Thera-Band order, light to heavy (progression-rules 3.4); a catalogue may list its own.
DEFAULT_BAND_COLOURS = ("yellow", "red", "green", "blue", "black")
MAX_REPS = 200
MAX_HOLD_S = 600
MAX_SETS = 10

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = {"schema", "bands", "exercise", "assessment"}
_ASSESSMENT_KEYS = {
    "id", "name", "kind", "unit", "max", "poor_below", "good_above", "focus", "steps", "cautions",
}
_BAND_KEYS = {"colours"}
_EXERCISE_KEYS = {
    "id", "name", "group", "muscles", "sided", "dose", "stretch", "rest_s",
    "equipment", "steps", "cues", "cautions", "level", "aliases",
}
_LEVEL_KEYS = {
    "name", "sets", "min", "max", "entry", "loads", "sided", "rep_hold_s", "how", "load_required",
    "aliases",
}
_MISSING = object()
# A TOML table as tomllib reads it; `take` checks each value's type as it is read.
Table = dict[str, Any]
E = TypeVar("E", bound=Enum)


def parse_catalog(text: str, source: str = "catalog.toml") -> Catalogue:
    """Turn the text of a catalogue file into a validated `Catalogue`, or raise CatalogError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(_syntax_message(error, text, source)) from None
    except RecursionError:  # arrays or tables nested hundreds deep: no catalogue looks like that
        raise CatalogError(f"{source}: nested too deeply to be a catalogue") from None
    return _Reader(text, source).catalogue(data)


def _syntax_message(error: tomllib.TOMLDecodeError, text: str, source: str) -> str:
    message = str(error)
    # tomllib puts the position at the end of its message: "... (at line 3, column 7)".
    match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if match is None and message.endswith("(at end of document)"):
        problem = message.removesuffix("(at end of document)").strip()
        return f"{source}, line {text.count(chr(10)) + 1}: TOML syntax error: {problem} (at the end of the file)"
    if match:
        problem = message[: match.start()].strip()
        return f"{source}, line {match.group(1)}: TOML syntax error: {problem} (column {match.group(2)})"
    return f"{source}: TOML syntax error: {message}"


_ID_LINE = re.compile(r'^\s*id\s*=\s*["\']([^"\'\n]*)["\']', re.M)


class _Reader:
    """Walks the parsed mapping, building dataclasses and naming the place of each problem."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        # How many exercises with each id have been read so far, so a duplicate id is reported at
        # its own line rather than at the first exercise that uses it.
        self.occurrences: dict[str, int] = {}
        self._id_lines: dict[str, list[int]] | None = None

    # -- messages -------------------------------------------------------------------------
    def _where(self, exercise_id: str | None, level: int | None = None) -> str:
        if exercise_id is None:
            return self.source
        line = self._line_of_id(exercise_id)
        place = f"{self.source}, line {line}" if line else self.source
        place += f": exercise '{exercise_id}'"
        if level is not None:
            place += f", level {level}"
        return place

    def _line_of_id(self, exercise_id: str) -> int | None:
        if self._id_lines is None:
            # One pass over the text, on the first message that needs a line number.
            self._id_lines = {}
            for match in _ID_LINE.finditer(self.text):
                line = self.text.count("\n", 0, match.start()) + 1
                self._id_lines.setdefault(match.group(1), []).append(line)
        lines = self._id_lines.get(exercise_id)
        if not lines:
            return None
        wanted = self.occurrences.get(exercise_id, 1) - 1
        return lines[min(wanted, len(lines) - 1)]

    def fail(self, where: str, problem: str) -> CatalogError:
        return CatalogError(f"{where}: {problem}")

    # -- typed access ---------------------------------------------------------------------
    def take(self, table: Table, key: str, kind: type, where: str, default: Any = _MISSING) -> Any:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if default is _MISSING:
                raise self.fail(where, f"field '{key}' is missing")
            return default
        # bool is a subclass of int in Python; a physio writing `sets = true` made a mistake.
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if wrong:
            raise self.fail(
                where, f"field '{key}' must be {_type_name(kind)}, not {_type_name(type(value))}"
            )
        if isinstance(value, str):
            self.no_control(value, f"field '{key}'", where)
        return value

    def no_control(self, text: str, what: str, where: str) -> None:
        """Text from the file reaches the terminal: an escape sequence there could retitle it or
        clear the screen, so a control character is refused with its place (issue 18.4)."""
        bad = hidden_character(text)
        if bad is not None:
            raise self.fail(where, f"{what} holds the control character {bad!r}; remove it")

    def text_list(self, table: Table, key: str, where: str, required: bool) -> tuple[str, ...]:
        items = self.take(table, key, list, where, default=_MISSING if required else [])
        for index, item in enumerate(items, start=1):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(where, f"field '{key}' item {index} must be a non-empty text")
            self.no_control(item, f"field '{key}' item {index}", where)
        if required and not items:
            raise self.fail(where, f"field '{key}' must list at least one item")
        return tuple(items)

    @overload
    def choice(self, table: Table, key: str, enum: type[E], where: str) -> E: ...
    @overload
    def choice(self, table: Table, key: str, enum: type[E], where: str, default: E | None) -> E | None: ...

    def choice(self, table: Table, key: str, enum: type[E], where: str, default: Any = _MISSING) -> E | None:
        value = self.take(table, key, str, where, default)
        if value is None:
            return None
        if isinstance(value, enum):
            return value
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.fail(where, f"field '{key}' is '{value}'; use one of: {allowed}") from None

    def no_unknown_keys(self, table: Table, allowed: set[str], where: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(
                where,
                f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
            )

    # -- the catalogue --------------------------------------------------------------------
    def catalogue(self, data: Table) -> Catalogue:
        self.no_unknown_keys(data, _TOP_KEYS, self.source)
        schema = self.take(data, "schema", int, self.source)
        if schema != SCHEMA_VERSION:
            raise self.fail(
                self.source, f"field 'schema' is {schema}; this trainer reads schema {SCHEMA_VERSION}"
            )
        bands = self.take(data, "bands", dict, self.source, default={})
        self.no_unknown_keys(bands, _BAND_KEYS, f"{self.source}: [bands]")
        colours = self.text_list(bands, "colours", f"{self.source}: [bands]", required=False)
        colours = tuple(c.lower() for c in colours) or DEFAULT_BAND_COLOURS
        if len(set(colours)) != len(colours):
            raise self.fail(f"{self.source}: [bands]", "field 'colours' lists a colour twice")

        tables = self.take(data, "exercise", list, self.source)
        if not tables:
            raise self.fail(self.source, "the catalogue has no [[exercise]] entries")
        exercises: list[Exercise] = []
        seen: set[str] = set()
        for position, table in enumerate(tables, start=1):
            exercise = self.exercise(table, position)
            if exercise.id in seen:
                raise self.fail(
                    self._where(exercise.id), "field 'id' duplicates an earlier exercise's id"
                )
            seen.add(exercise.id)
            exercises.append(exercise)
        assessments = self.assessments(self.take(data, "assessment", list, self.source, default=[]))
        return Catalogue(
            exercises=tuple(exercises),
            band_colours=colours,
            source=self.source,
            assessments=assessments,
        )

    def assessments(self, tables: list[Any]) -> tuple[AssessmentTest, ...]:
        tests: list[AssessmentTest] = []
        for position, table in enumerate(tables, start=1):
            anonymous = f"{self.source}: assessment #{position}"
            if not isinstance(table, dict):
                raise self.fail(anonymous, "must be a table ([[assessment]])")
            test_id = self.take(table, "id", str, anonymous)
            if not _ID.fullmatch(test_id):
                raise self.fail(
                    anonymous, f"field 'id' is '{test_id}'; use lower-case letters, digits and single hyphens"
                )
            where = f"{self.source}: assessment '{test_id}'"
            if any(t.id == test_id for t in tests):
                raise self.fail(where, "field 'id' duplicates an earlier assessment's id")
            self.no_unknown_keys(table, _ASSESSMENT_KEYS, where)
            kind = self.choice(table, "kind", TestKind, where)
            measured = kind is not TestKind.YES_NO
            maximum = self.take(table, "max", int, where, default=_MISSING if measured else 1)
            if measured and not 1 <= maximum <= MAX_HOLD_S:
                raise self.fail(where, f"field 'max' is {maximum}; use 1-{MAX_HOLD_S}")
            poor = self.take(table, "poor_below", int, where, default=None)
            good = self.take(table, "good_above", int, where, default=None)
            if poor is not None and good is not None and poor > good:
                raise self.fail(where, f"field 'poor_below' ({poor}) is greater than field 'good_above' ({good})")
            tests.append(
                AssessmentTest(
                    id=test_id,
                    name=self.take(table, "name", str, where).strip(),
                    kind=kind,
                    focus=self.choice(table, "focus", Focus, where),
                    steps=self.text_list(table, "steps", where, required=True),
                    unit=self.take(table, "unit", str, where, default=""),
                    max_value=maximum,
                    poor_below=poor,
                    good_above=good,
                    cautions=self.text_list(table, "cautions", where, required=False),
                )
            )
        return tuple(tests)

    def exercise(self, table: Any, position: int) -> Exercise:
        anonymous = f"{self.source}: exercise #{position}"
        if not isinstance(table, dict):
            raise self.fail(anonymous, "must be a table ([[exercise]])")
        exercise_id = self.take(table, "id", str, anonymous)
        if not _ID.fullmatch(exercise_id):
            raise self.fail(
                anonymous,
                f"field 'id' is '{exercise_id}'; use lower-case letters, digits and single hyphens",
            )
        self.occurrences[exercise_id] = self.occurrences.get(exercise_id, 0) + 1
        where = self._where(exercise_id)
        self.no_unknown_keys(table, _EXERCISE_KEYS, where)
        dose = self.choice(table, "dose", DoseKind, where)
        stretch = self.take(table, "stretch", bool, where, default=False)
        if stretch and dose is not DoseKind.HOLD:
            raise self.fail(where, "field 'stretch' is true but field 'dose' is not 'hold'")
        rest_s = self.take(table, "rest_s", int, where, default=60)
        if not 0 <= rest_s <= MAX_HOLD_S:
            raise self.fail(where, f"field 'rest_s' is {rest_s}; use 0-{MAX_HOLD_S} seconds")
        level_tables = self.take(table, "level", list, where)
        if not level_tables:
            raise self.fail(where, "field 'level' is empty: the ladder needs at least one level")
        levels = tuple(
            self.level(level_table, exercise_id, number, dose)
            for number, level_table in enumerate(level_tables, start=1)
        )
        entries = [level.number for level in levels if level.entry]
        if len(entries) != 1:
            found = "none" if not entries else "levels " + ", ".join(map(str, entries))
            raise self.fail(
                where, f"field 'entry' must be true on exactly one level (found {found})"
            )
        name = self.take(table, "name", str, where)
        if not name.strip():
            raise self.fail(where, "field 'name' is empty")
        return Exercise(
            id=exercise_id,
            name=name.strip(),
            group=self.choice(table, "group", Group, where),
            muscles=self.text_list(table, "muscles", where, required=True),
            sided=self.choice(table, "sided", Sidedness, where),
            dose=dose,
            levels=levels,
            steps=self.text_list(table, "steps", where, required=True),
            cues=self.text_list(table, "cues", where, required=True),
            cautions=self.text_list(table, "cautions", where, required=False),
            equipment=self.text_list(table, "equipment", where, required=False),
            stretch=stretch,
            rest_s=rest_s,
            aliases=self.text_list(table, "aliases", where, required=False),
        )

    def level(self, table: Any, exercise_id: str, number: int, dose: DoseKind) -> Level:
        where = self._where(exercise_id, number)
        if not isinstance(table, dict):
            raise self.fail(where, "must be a table ([[exercise.level]])")
        self.no_unknown_keys(table, _LEVEL_KEYS, where)
        sets = self.take(table, "sets", int, where)
        if not 1 <= sets <= MAX_SETS:
            raise self.fail(where, f"field 'sets' is {sets}; use 1-{MAX_SETS}")
        low = self.take(table, "min", int, where)
        high = self.take(table, "max", int, where)
        ceiling = MAX_HOLD_S if dose is DoseKind.HOLD else MAX_REPS
        unit = "seconds" if dose is DoseKind.HOLD else dose.value
        if low < 1:
            raise self.fail(where, f"field 'min' is {low}; it must be at least 1")
        if high > ceiling:
            raise self.fail(where, f"field 'max' is {high}; at most {ceiling} {unit}")
        if low > high:
            raise self.fail(where, f"field 'min' ({low}) is greater than field 'max' ({high})")
        loads = self.take(table, "loads", list, where, default=[])
        load_kinds: list[LoadKind] = []
        for item in loads:
            try:
                load_kinds.append(LoadKind(item))
            except ValueError:
                allowed = ", ".join(kind.value for kind in LoadKind)
                raise self.fail(
                    where, f"field 'loads' has '{item}'; use any of: {allowed}"
                ) from None
        rep_hold_s = self.take(table, "rep_hold_s", int, where, default=None)
        if rep_hold_s is not None and not 1 <= rep_hold_s <= MAX_HOLD_S:
            raise self.fail(where, f"field 'rep_hold_s' is {rep_hold_s}; use 1-{MAX_HOLD_S}")
        name = self.take(table, "name", str, where)
        if not name.strip():
            raise self.fail(where, "field 'name' is empty")
        load_required = self.take(table, "load_required", bool, where, default=False)
        if load_required and not load_kinds:
            raise self.fail(where, "field 'load_required' is true but 'loads' names no band or weight")
        return Level(
            number=number,
            name=name.strip(),
            sets=sets,
            min=low,
            max=high,
            entry=self.take(table, "entry", bool, where, default=False),
            loads=tuple(dict.fromkeys(load_kinds)),
            sided=self.choice(table, "sided", Sidedness, where, default=None),
            rep_hold_s=rep_hold_s,
            how=self.take(table, "how", str, where, default="").strip(),
            load_required=load_required,
            aliases=self.text_list(table, "aliases", where, required=False),
        )


def _type_name(kind: type) -> str:
    return {
        str: "a text in quotes",
        int: "a whole number",
        bool: "true or false",
        list: "a list [...]",
        dict: "a table",
        float: "a number",
    }.get(kind, kind.__name__)
