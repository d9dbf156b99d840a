"""Reading workout files: trainer's own exports (JSON and CSV) and the CSV exports of Strong, Hevy
and FitNotes.

Pure: every function takes the text of a file and returns what it holds, or raises EntryError
naming the file, the row and the problem. A file is read whole before anything is written, so a
bad row means nothing is imported. Writing is `trainer.exchange`'s job.

What the real exports look like (samples in tests/core/test_importers.py):
- Strong (legacy): `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
  Notes,Workout Notes,RPE`. The weight has NO unit: it is in whatever unit the app was set to, so
  weights of exercises we import need `weight_unit`. Date `2021-07-07 18:35:21` (the workout's
  start), Duration `31m`, `1h 3m`, `2h` or `22s` (not needed here). Newer exports state the unit
  (`Weight (kg)`, or a `Weight Unit` column, `;`-separated), add rest-timer rows (Set Order
  `Rest Timer`) and mark warm-up, drop and failure sets W, D and F.
- Hevy: every cell quoted; `start_time` like `8 Apr 2026, 16:50`; `set_index` from 0; `set_type`
  normal, warmup, dropset or failure; `weight_kg` (or `weight_lbs`) empty for body weight.
- FitNotes: a date without a time, `Weight Unit` kgs or lbs on each row, `(Each Side)` in names,
  and names containing a comma are NOT quoted: `Overhead Press (Each Side, Dumbbells)` spills
  into the next cell, so such rows have one cell too many.

Rows that are not sets (rest timers, neither reps nor seconds) are counted and skipped. Exercise
names are mapped to catalogue ids when their normalised forms are equal (`Birddog` -> bird-dog);
other names are listed with their row counts and not imported.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import Any

from dateutil.rrule import rrulestr

from trainer.core.assessment import AssessmentResult
from trainer.core.catalog import MAX_HOLD_S, MAX_REPS
from trainer.core.entry import MAX_YEARS_AWAY
from trainer.core.errors import EntryError
from trainer.core.model import (
    MAX_LOAD_KG,
    Catalogue,
    Exercise,
    Level,
    Load,
    LoadKind,
    MorningCheck,
    SetEntry,
    Settings,
    Side,
    Sidedness,
    SymptomAnswers,
    TrainingSession,
)
from trainer.core.names import NameMapper, NameMatch, side_in_text
from trainer.core.plan import WEEKDAY_NAMES, Plan, check_minutes, parse_weekdays, weekly_rule
from trainer.core.settings import SETTING_NAMES, changed_settings
from trainer.core.symptoms import BY_ID

TRAINER_JSON = "trainer-json"
TRAINER_CSV = "trainer-csv"
STRONG = "strong"
HEVY = "hevy"
FITNOTES = "fitnotes"
FORMATS = (TRAINER_JSON, TRAINER_CSV, STRONG, HEVY, FITNOTES)
FORMAT_NAMES = {
    TRAINER_JSON: "trainer JSON export",
    TRAINER_CSV: "trainer CSV export",
    STRONG: "Strong export",
    HEVY: "Hevy export",
    FITNOTES: "FitNotes export",
}

# trainer's own export: the marker and version of the JSON, the columns of the CSV.
EXPORT_MARKER = "trainer-export"
EXPORT_VERSION = 1
TRAINER_CSV_COLUMNS = (
    "date", "exercise", "level", "side", "set", "reps", "hold_s", "load", "pain", "sharp",
    "stopped", "technique_ok", "logged_at",
)
SESSION_STATUSES = ("planned", "in_progress", "done", "skipped")
# No session holds this many sets of one exercise and side; a larger number is a broken file (and
# one past SQLite's 64-bit integers would fail the write itself).
MAX_SET_NUMBER = 1000
# What one person can plausibly have done, from the programme (2-3 sets a side, a session or two a
# day, about fifteen exercises): a file beyond these is garbage, refused with the row that broke
# the bound (issue 18.3). The import summary states them.
MAX_SETS_PER_SIDE_DAY = 20  # of one exercise and side (both-sides sets count for each)
MAX_SETS_PER_DAY = 300
MAX_NAME_CHARS = 200  # an exercise name in another app's file
WEIGHT_UNITS = ("kg", "lbs")
KG_PER_LB = 0.45359237

NORMAL, WARMUP, DROPSET, FAILURE = "normal", "warmup", "dropset", "failure"


# --- what a file holds -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedSet:
    """One set row of another app's export, as the file has it."""

    row: int  # the row of the file (the header is row 1)
    day: date
    name: str  # the exercise name in the file
    exercise_id: str | None  # the catalogue id it maps to, None if none
    set_order: int  # 1-based position within the exercise (as the file numbers it)
    reps: int | None
    seconds: int | None
    weight: float | None  # as written in the file (None: empty)
    unit: str | None  # "kg" or "lbs"; None when the file does not say
    key: str  # format + stable fields, so a second import of the file is recognised
    kind: str = NORMAL  # normal, warmup, dropset or failure
    time: datetime | None = None  # the workout's start, naive local time (None: date only)
    level: int | None = None  # the name means this level of the ladder
    side: Side | None = None  # the side the name or a note names (None: not said)

    @property
    def weight_kg(self) -> float | None:
        """The weight in kg (rounded to 10 g); None for body weight or an unknown unit."""
        if not self.weight or self.unit is None:
            return None
        kg = self.weight * KG_PER_LB if self.unit == "lbs" else self.weight
        return round(kg, 2)


@dataclass(frozen=True)
class TrainerSet:
    """One set of trainer's own export: everything that was logged."""

    row: int  # position in the file: CSV row, or item number in the JSON's "sets"
    day: date
    exercise_id: str
    level: int
    side: Side
    set_number: int
    reps: int | None
    hold_s: int | None
    load: Load
    pain: int | None
    sharp: bool
    stopped_early: bool
    technique_ok: bool
    logged_at: datetime  # UTC-aware
    key: str = ""
    # The import key the set had in the database (JSON backups from #16.4 on), in a tuple:
    # (None,) for a set logged in trainer; () when the file does not say (CSV, older backups).
    own_key: tuple[str | None, ...] = ()

    def entry(self) -> SetEntry:
        return SetEntry(
            exercise_id=self.exercise_id, level=self.level, side=self.side, reps=self.reps,
            hold_s=self.hold_s, load=self.load, pain=self.pain, sharp=self.sharp,
            stopped_early=self.stopped_early, technique_ok=self.technique_ok,
        )


@dataclass(frozen=True)
class NewSet:
    """A set ready to be written: the entry, its day, its import key and when it was done."""

    day: date
    entry: SetEntry
    key: str
    row: int
    logged_at: datetime | None = None  # UTC-aware (trainer's exports)
    time: datetime | None = None  # naive local time of the workout (other apps; None: date only)
    set_number: int | None = None  # kept from trainer's exports; other apps' sets are numbered anew
    # The import key a backup says the set had ((None,): logged in trainer, no key); () for
    # every other file, whose sets are stored with `key`.
    own_key: tuple[str | None, ...] = ()

    @property
    def stored_key(self) -> str | None:
        """The import key the set is written with. `key` recognises a set already here; a
        restored set keeps the key it had, so the file it first came from (a Strong export,
        say) is still recognised after the restore."""
        return self.own_key[0] if self.own_key else self.key


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file's sets would do, all checked; nothing written yet."""

    format: str
    rows: int  # data rows read (header and blank lines not counted)
    set_rows: int  # rows that are sets (of any exercise)
    sets: tuple[NewSet, ...]  # the sets to write
    non_set: int = 0  # rows that are not sets: rest timers, neither reps nor seconds
    warmups: int = 0  # warm-up sets of mapped exercises, not imported
    unfit: int = 0  # sets of mapped exercises that do not fit the exercise, not imported
    mapped: dict[str, int] = field(default_factory=dict)  # catalogue id -> sets to write
    unmapped: dict[str, int] = field(default_factory=dict)  # name in the file -> rows
    hints: dict[str, str] = field(default_factory=dict)  # unmapped name -> closest catalogue id
    matched_names: frozenset[str] = frozenset()  # names in the file that matched an exercise
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Backup:
    """Everything in a trainer JSON export, checked."""

    settings: Settings
    plans: tuple[Plan, ...]
    sessions: tuple[TrainingSession, ...]
    sets: ImportPlan
    mornings: tuple[MorningCheck, ...]
    symptoms: tuple[SymptomAnswers, ...]
    # The visits to a professional, oldest first (6.9.14); an export made before they were kept
    # has only the settings' seen_professional, which counts as one.
    visits: tuple[date, ...] = ()
    # After pain on one side: (date, exercise id, side that hurt, carried on) (issue 15.4).
    pain_choices: tuple[tuple[date, str, Side, bool], ...] = ()
    # The person's --map names: (app, name, exercise id, level) (issue 16.1).
    name_maps: tuple[tuple[str, str, str, int | None], ...] = ()
    # The self-assessment results (#16.4); none in a backup made before they were kept.
    assessments: tuple[AssessmentResult, ...] = ()
    notes: tuple[str, ...] = ()  # what of the file (besides sets) was left out, and why


# --- recognising a file ------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _delimiter(first_line: str) -> str:
    # Strong's older exports (and spreadsheets in comma-decimal locales) use semicolons.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _first_line(text: str) -> str:
    return next((line for line in _clean(text).splitlines() if line.strip()), "")


def _header_of(text: str) -> list[str]:
    first = _first_line(text)
    try:
        return next(csv.reader([first], delimiter=_delimiter(first)), [])
    except csv.Error:
        return []


# Strong writes its CSV header in the phone's language. The column words of French, German,
# Spanish, Italian and Portuguese (lower case, accents and apostrophes folded), to the English.
_STRONG_HEADER_WORDS = {
    "date": ("datum", "fecha", "data"),
    "workout name": (
        "nom de l'entrainement", "nom de la seance", "trainingsname",
        "name des trainings", "workout-name", "nombre del entrenamiento", "nombre de entrenamiento",
        "nome dell'allenamento", "nome allenamento", "nome do treino",
    ),
    "duration": ("duree", "dauer", "duracion", "durata", "duracao"),
    "exercise name": (
        "nom de l'exercice", "nom d'exercice", "ubungsname", "name der ubung", "ubung",
        "nombre del ejercicio", "nombre de ejercicio", "nome dell'esercizio", "nome esercizio",
        "nome do exercicio",
    ),
    "set order": (
        "ordre des series", "ordre de serie", "ordre de la serie", "satzreihenfolge",
        "reihenfolge der satze", "satz", "orden de la serie", "orden de series", "orden de serie",
        "orden del set", "ordine delle serie", "ordine serie", "ordine della serie",
        "ordem das series", "ordem da serie", "ordem de serie",
    ),
    "weight": ("poids", "gewicht", "peso"),
    "weight unit": (
        "unite de poids", "gewichtseinheit", "unidad de peso", "unita di peso", "unidade de peso",
    ),
    "reps": (
        "repetitions", "reps.", "wiederholungen", "wdh", "wdh.", "repeticiones", "ripetizioni",
        "repeticoes",
    ),
    "distance": ("distanz", "strecke", "entfernung", "distancia", "distanza"),
    "seconds": ("secondes", "sekunden", "segundos", "secondi"),
    "notes": ("remarques", "notizen", "anmerkungen", "notas", "note", "observacoes"),
    "workout notes": (
        "notes d'entrainement", "notes de la seance", "notes de l'entrainement",
        "trainingsnotizen", "notizen zum training", "notas del entrenamiento",
        "notas de entrenamiento", "note dell'allenamento", "note allenamento", "notas do treino",
    ),
}
_ENGLISH_COLUMN = {word: english for english, words in _STRONG_HEADER_WORDS.items() for word in words}
# Strong's legacy layout, for a header in a language the table does not know (see detect_format).
STRONG_LEGACY_COLUMNS = (
    "date", "workout name", "duration", "exercise name", "set order", "weight", "reps",
    "distance", "seconds", "notes", "workout notes", "rpe",
)


def _folded(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.strip().lower().replace("\u2019", "'"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _english(name: str) -> str:
    """A column name in English: `Poids (kg)` -> `weight (kg)`; English names stay as they are."""
    folded = _folded(name)
    base, bracket, unit = folded.partition(" (")
    english = _ENGLISH_COLUMN.get(base)
    if english is None:
        return name.strip().lower()
    return f"{english} ({unit}" if bracket else english


def _names(header: Sequence[str]) -> dict[str, int]:
    """Column name (lower case, trimmed, a translated Strong column in English) -> index."""
    return {_english(name): i for i, name in reversed(list(enumerate(header)))}


def _looks_like_strong_legacy(text: str) -> bool:
    """A header of Strong's twelve legacy columns in an unknown language: the first data row has
    a date and time first and a set number (or W, D, F) fifth."""
    lines = [line for line in _clean(text).splitlines() if line.strip()][:2]
    if len(lines) < 2:
        return False
    delimiter = _delimiter(lines[0])
    try:
        header, row = list(csv.reader(lines, delimiter=delimiter))
    except (csv.Error, ValueError):
        return False
    if len(header) != len(STRONG_LEGACY_COLUMNS) or len(row) != len(header):
        return False
    moment = parse_moment(row[0])
    return bool(moment and moment[1] and re.fullmatch(r"\d+|[WDFwdf]\d*", row[4].strip()))


def _first_of(columns: dict[str, int], *names: str) -> str | None:
    return next((name for name in names if name in columns), None)


def _is_strong(cols: dict[str, int]) -> bool:
    return {"date", "exercise name", "set order", "reps"} <= set(cols) and _strong_weight(cols)


def _strong_weight(cols: dict[str, int]) -> str | None:
    return _first_of(cols, "weight", "weight (kg)", "weight (kgs)", "weight (lbs)", "weight (lb)")


def _is_hevy(cols: dict[str, int]) -> bool:
    needed = {"start_time", "exercise_title", "set_index", "set_type", "reps"}
    return needed <= set(cols) and _first_of(cols, "weight_kg", "weight_lbs") is not None


def _is_fitnotes(cols: dict[str, int]) -> bool:
    return {"date", "exercise", "category", "reps"} <= set(cols) and _fitnotes_weight(cols)


def _fitnotes_weight(cols: dict[str, int]) -> str | None:
    return _first_of(cols, "weight", "weight (kgs)", "weight (kg)", "weight (lbs)", "weight (lb)")


def detect_format(header: str, source: str = "the file") -> str:
    """Which export the text is, from its first line (or its whole text): one of FORMATS.

    EntryError for an empty file or a header trainer does not know.
    """
    text = _clean(header)
    if not text.strip():
        raise EntryError(f"{source} is empty: there is nothing to import")
    if text.lstrip().startswith(("{", "[")):
        return TRAINER_JSON
    columns = _header_of(text)
    cols = _names(columns)
    if tuple(c.strip().lower() for c in columns) == TRAINER_CSV_COLUMNS:
        return TRAINER_CSV
    if _is_hevy(cols):
        return HEVY
    if _is_strong(cols):
        return STRONG
    if _is_fitnotes(cols):
        return FITNOTES
    if _looks_like_strong_legacy(text):
        return STRONG
    shown = _first_line(text)[:60]
    raise EntryError(
        f"{source}, row 1: not a file trainer can import: the first row ({shown!r}) is not the "
        "header of a trainer export (JSON or CSV) or of a Strong, Hevy or FitNotes CSV export"
    )


# --- names and sides ----------------------------------------------------------------------------


def _matched(mapper: NameMapper, name: str, *notes: str) -> dict[str, Any]:
    """The catalogue exercise, level and side of a set row: the side from the name, else from the
    first note that names one (the set's note before the exercise's)."""
    match: NameMatch | None = mapper(name)
    if match is None:
        return {"exercise_id": None}
    side = match.side or next(
        (found for note in notes if note and (found := side_in_text(note)) is not None), None
    )
    return {"exercise_id": match.exercise_id, "level": match.level, "side": side}


def _note(row: _Row, column: int | None) -> str:
    return row.cells[column] if column is not None else ""


# --- reading CSV rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    number: int  # record number, header = 1
    line: int  # line of the file where it starts
    cells: list[str]


def _where(source: str, row: _Row | int) -> str:
    if isinstance(row, int):
        return f"{source}, row {row}"
    line = f" (line {row.line})" if row.line != row.number else ""
    return f"{source}, row {row.number}{line}"


def _csv_rows(text: str, source: str) -> tuple[list[str], list[_Row], str]:
    """The header and the data rows (blank rows dropped), with their row and line numbers."""
    text = _clean(text)
    delimiter = _delimiter(_first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[_Row] = []
    number, line = 0, 1
    try:
        for cells in reader:
            number += 1
            rows.append(_Row(number, line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise EntryError(
            f"{_where(source, _Row(number + 1, line, []))}: not readable as CSV ({error})"
        ) from None
    filled = [row for row in rows if any(cell.strip() for cell in row.cells)]
    if not filled:
        raise EntryError(f"{source} is empty: there is nothing to import")
    return filled[0].cells, filled[1:], delimiter


def _check_width(row: _Row, header: Sequence[str], source: str) -> None:
    if len(row.cells) != len(header):
        raise EntryError(
            f"{_where(source, row)}: has {len(row.cells)} cells, the header has {len(header)}"
            " (a missing or extra comma, or a quote not closed?)"
        )


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _number(text: str, what: str, where: str, decimal_comma: bool = False) -> float | None:
    value = text.strip()
    if not value:
        return None
    if decimal_comma and re.fullmatch(r"-?\d+,\d+", value):
        value = value.replace(",", ".")
    if not _NUMBER.fullmatch(value):
        raise EntryError(f"{where}: {what} {text!r} is not a number")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e9:
        raise EntryError(f"{where}: {what} {text!r} is not a usable number")
    return number


def _whole(text: str, what: str, where: str, decimal_comma: bool = False) -> int | None:
    number = _number(text, what, where, decimal_comma)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise EntryError(f"{where}: {what} {text!r} is not a whole number of 0 or more")
    return int(number)


def _clock_seconds(text: str, what: str, where: str) -> int | None:
    """Seconds from `90`, `90.0`, `1:30` or `0:01:30`."""
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(?::[0-5]?\d){1,2}", value):
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return total
    number = _number(value, what, where)
    if number is None or number < 0:
        raise EntryError(f"{where}: {what} {text!r} is not a duration")
    return round(number)


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# A 12-hour clock's half of the day: "pm", "PM", "p.m.", "p. m."; phones put a narrow no-break
# space (U+202F) or a no-break space before it (Strong: "2025-01-30 12:34:56\u202fpm").
_HALF = r"(?:[ \u00a0\u202f]?([AaPp])\.?[ \u00a0\u202f]?[Mm]\.?)?"
_ISO_DATE_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?" + _HALF + ")?"
)
# Hevy: "8 Apr 2026, 16:50"; some versions write "Apr 8, 2026, 4:50 PM".
_DAY_MONTH = re.compile(
    r"(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?" + _HALF
)
_MONTH_DAY = re.compile(
    r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?" + _HALF
)


def _build(year: str, month: int, day: str, hour: str | None, minute: str | None,
           second: str | None, half: str | None) -> datetime:
    h = int(hour or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if half.lower() == "p" else 0)
    return datetime(int(year), month, int(day), h, int(minute or 0), int(second or 0))


def _month(name: str) -> int:
    number = _MONTHS.get(name[:3].lower())
    if number is None or (name[3:] and not name[3:].isalpha()):
        raise ValueError("month")
    return number


def parse_moment(text: str) -> tuple[datetime, bool] | None:
    """A date or date-and-time as the exports write them; (naive datetime, has a time) or None."""
    value = text.strip()
    try:
        if match := _ISO_DATE_TIME.fullmatch(value):
            y, m, d, hh, mm, ss, half = match.groups()
            return _build(y, int(m), d, hh, mm, ss, half), hh is not None
        if match := _DAY_MONTH.fullmatch(value):
            d, mon, y, hh, mm, ss, half = match.groups()
            return _build(y, _month(mon), d, hh, mm, ss, half), True
        if match := _MONTH_DAY.fullmatch(value):
            mon, d, y, hh, mm, ss, half = match.groups()
            return _build(y, _month(mon), d, hh, mm, ss, half), True
    except ValueError:
        return None
    return None


def _moment(text: str, what: str, where: str, example: str) -> datetime:
    found = parse_moment(text)
    if found is None:
        raise EntryError(f"{where}: {what} {text!r} is not a date like {example!r}")
    return found[0]


def _unit(text: str, where: str) -> str | None:
    value = text.strip().lower().rstrip(".")
    if value in ("kg", "kgs", "kilograms", "kilogram"):
        return "kg"
    if value in ("lb", "lbs", "pounds", "pound"):
        return "lbs"
    if not value:
        return None
    raise EntryError(f"{where}: weight unit {text!r} is neither kgs nor lbs")


def _header_unit(column: str) -> str | None:
    if "(kg" in column:
        return "kg"
    if "(lb" in column:
        return "lbs"
    return None


def _key(fmt: str, *parts: object) -> str:
    """An import key from parsed values (not the cells' text), so the same file saved again by a
    spreadsheet (`115.0` become `115`, other quoting) is still recognised."""

    def text(part: object) -> str:
        if part is None:
            return ""
        if isinstance(part, float):
            return f"{part:.10g}"
        if isinstance(part, (date, datetime)):
            return part.isoformat()
        return str(part)

    return f"{fmt}:" + "|".join(text(part) for part in parts)


def _with_unique_keys(sets: list[Any]) -> list[Any]:
    """Make keys repeated inside one file unique (#2, #3, ...) in file order, so two identical
    sets of one workout are both imported, and both recognised on a second import."""
    seen: Counter[str] = Counter()
    unique = []
    for item in sets:
        seen[item.key] += 1
        count = seen[item.key]
        unique.append(item if count == 1 else replace(item, key=f"{item.key}#{count}"))
    return unique


def check_day_range(day: date, today: date, where: str, what: str = "the date") -> date:
    """A date of a file within MAX_YEARS_AWAY of today, as typed dates are (entry.parse_day):
    further off it is a broken file, and date sums near year 1 or 9999 would overflow later."""
    if abs(day.year - today.year) > MAX_YEARS_AWAY:
        raise EntryError(
            f"{where}: {what} {day.isoformat()} is more than {MAX_YEARS_AWAY} years from today "
            f"({today.isoformat()})"
        )
    return day


@dataclass
class ParsedFile:
    """The set rows of another app's export, before they are checked against the catalogue."""

    format: str
    rows: int = 0  # data rows (header and blank rows not counted)
    sets: list[ImportedSet] = field(default_factory=list)  # rows that are sets, any exercise
    non_set: int = 0  # rows that are not sets
    unit_stated: bool = True  # False: the file does not say whether weights are kg or lbs
    notes: list[str] = field(default_factory=list)


def _parse_strong(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    header, rows, delimiter = _csv_rows(text, source)
    cols = _names(header)
    if not _is_strong(cols):  # the legacy columns, in a language _STRONG_HEADER_WORDS lacks
        cols = {name: i for i, name in enumerate(STRONG_LEGACY_COLUMNS)}
    weight_col = _strong_weight(cols)
    unit_col = cols.get("weight unit")
    stated = _header_unit(weight_col or "")
    seconds_col = cols.get("seconds")
    notes_col = cols.get("notes")
    parsed = ParsedFile(
        STRONG, rows=len(rows), unit_stated=stated is not None or unit_col is not None
    )
    comma = delimiter == ";"
    for row in rows:
        _check_width(row, header, source)
        where = _where(source, row)
        cell = lambda name, row=row: row.cells[cols[name]]  # noqa: E731
        order_text = cell("set order").strip()
        order = order_text.lower()
        if order.startswith("rest") or order in ("note", "notes"):
            parsed.non_set += 1  # newer exports list the rest timers between sets
            continue
        if re.fullmatch(r"\d+", order):
            kind, number = NORMAL, int(order)
        elif match := re.fullmatch(r"([wdf])(\d*)", order):
            kind = {"w": WARMUP, "d": DROPSET, "f": FAILURE}[match.group(1)]
            number = int(match.group(2) or 0)
        else:
            raise EntryError(f"{where}: Set Order {order_text!r} is not a set number")
        started = _moment(cell("date"), "Date", where, "2021-07-07 18:35:21")
        name = cell("exercise name").strip()
        weight = _number(row.cells[cols[weight_col]], "Weight", where, comma)
        reps = _whole(cell("reps"), "Reps", where, comma)
        seconds = (
            _clock_seconds(row.cells[seconds_col], "Seconds", where)
            if seconds_col is not None else None
        )
        unit = stated or (_unit(row.cells[unit_col], where) if unit_col is not None else None)
        if not reps and not seconds:
            parsed.non_set += 1
            continue
        if name == "":
            raise EntryError(f"{where}: the Exercise Name is empty")
        key = _key(STRONG, started, name, order, weight, unit, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=started.date(), name=name,
                **_matched(mapper, name, _note(row, notes_col)),
                set_order=number, reps=reps, seconds=seconds, weight=weight,
                unit=unit or weight_unit, key=key, kind=kind, time=started,
            )
        )
    return parsed


def _parse_hevy(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    header, rows, delimiter = _csv_rows(text, source)
    cols = _names(header)
    weight_col = _first_of(cols, "weight_kg", "weight_lbs")
    stated = "kg" if weight_col == "weight_kg" else "lbs"
    seconds_col = cols.get("duration_seconds")
    notes_col = cols.get("exercise_notes")
    parsed = ParsedFile(HEVY, rows=len(rows))
    kinds = Counter()
    for row in rows:
        _check_width(row, header, source)
        where = _where(source, row)
        cell = lambda name, row=row: row.cells[cols[name]]  # noqa: E731
        started = _moment(cell("start_time"), "start_time", where, "8 Apr 2026, 16:50")
        name = cell("exercise_title").strip()
        index = _whole(cell("set_index"), "set_index", where)
        kind = cell("set_type").strip().lower() or NORMAL
        weight = _number(row.cells[cols[weight_col]], weight_col, where)
        reps = _whole(cell("reps"), "reps", where)
        seconds = (
            _clock_seconds(row.cells[seconds_col], "duration_seconds", where)
            if seconds_col is not None else None
        )
        if not reps and not seconds:
            parsed.non_set += 1
            continue
        if name == "":
            raise EntryError(f"{where}: the exercise_title is empty")
        if kind not in (NORMAL, WARMUP, DROPSET, FAILURE):
            kinds[kind] += 1
            kind = NORMAL
        key = _key(HEVY, started, name, index, kind, weight, stated, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=started.date(), name=name,
                **_matched(mapper, name, _note(row, notes_col)),
                set_order=(index or 0) + 1, reps=reps, seconds=seconds, weight=weight,
                unit=stated, key=key, kind=kind, time=started,
            )
        )
    for kind, count in sorted(kinds.items()):
        parsed.notes.append(f"{count} sets of unknown set_type {kind!r} were read as normal sets")
    return parsed


def _parse_fitnotes(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    header, rows, delimiter = _csv_rows(text, source)
    cols = _names(header)
    weight_col = _fitnotes_weight(cols)
    stated = _header_unit(weight_col or "")
    unit_col = cols.get("weight unit")
    time_col = cols.get("time")
    notes_col = cols.get(_first_of(cols, "comment", "notes", "note") or "")
    parsed = ParsedFile(
        FITNOTES, rows=len(rows), unit_stated=stated is not None or unit_col is not None
    )
    # FitNotes does not quote a name with a comma: put the spilled cells back into the name.
    repairable = [c.strip().lower() for c in header[:3]] == ["date", "exercise", "category"]
    positions: Counter[tuple[date, str]] = Counter()
    repaired = 0
    comma = delimiter == ";"
    for row in rows:
        if len(row.cells) > len(header) and repairable:
            extra = len(row.cells) - len(header)
            name = ",".join(row.cells[1 : 2 + extra])
            row = _Row(row.number, row.line, [row.cells[0], name, *row.cells[2 + extra :]])
            repaired += 1
        _check_width(row, header, source)
        where = _where(source, row)
        cell = lambda name, row=row: row.cells[cols[name]]  # noqa: E731
        day = _moment(cell("date"), "Date", where, "2025-04-29").date()
        name = cell("exercise").strip()
        weight = _number(row.cells[cols[weight_col]], "Weight", where, comma)
        unit = stated or (_unit(row.cells[unit_col], where) if unit_col is not None else None)
        reps = _whole(cell("reps"), "Reps", where, comma)
        seconds = (
            _clock_seconds(row.cells[time_col], "Time", where) if time_col is not None else None
        )
        if not reps and not seconds:
            parsed.non_set += 1
            continue
        if name == "":
            raise EntryError(f"{where}: the Exercise is empty")
        positions[(day, name)] += 1
        key = _key(FITNOTES, day, name, positions[(day, name)], weight, unit, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=day, name=name,
                **_matched(mapper, name, _note(row, notes_col)),
                set_order=positions[(day, name)], reps=reps, seconds=seconds, weight=weight,
                unit=unit or weight_unit, key=key, time=None,
            )
        )
    if repaired:
        parsed.notes.append(
            f"{repaired} rows had an exercise name with an unquoted comma (a FitNotes quirk); "
            "read as one name"
        )
    return parsed


_PARSERS = {STRONG: _parse_strong, HEVY: _parse_hevy, FITNOTES: _parse_fitnotes}


def parse_sets(
    text: str,
    catalogue: Catalogue,
    *,
    source: str = "the file",
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ParsedFile:
    """Read the set rows of a Strong, Hevy or FitNotes export, names mapped to catalogue ids
    (`mappings`, the person's own, first: core/names.py).

    `weight_unit` (kg or lbs) is used where the file does not say.
    """
    if weight_unit is not None and weight_unit not in WEIGHT_UNITS:
        raise EntryError(f"weight unit {weight_unit!r} is neither kg nor lbs")
    fmt = detect_format(text, source)
    if fmt not in _PARSERS:
        raise EntryError(f"{source} is a {FORMAT_NAMES[fmt]}; read it with read_import")
    parsed = _PARSERS[fmt](text, source, NameMapper(catalogue, mappings), weight_unit)
    parsed.sets = _with_unique_keys(parsed.sets)
    return parsed


# --- from rows to sets to write ----------------------------------------------------------------


def _level_for(exercise: Exercise, kg: float | None) -> Level:
    """The entry level; for a set with a weight, the first level from the entry up taking one."""
    entry = exercise.entry_level
    if kg is None or LoadKind.WEIGHT in entry.loads:
        return entry
    return next(
        (lv for lv in exercise.levels if lv.number > entry.number and LoadKind.WEIGHT in lv.loads),
        entry,
    )


def _plan_sets(
    parsed: ParsedFile, catalogue: Catalogue, today: date, source: str, mapper: NameMapper
) -> ImportPlan:
    fmt, sets = parsed.format, parsed.sets
    new: list[NewSet] = []
    unmapped: Counter[str] = Counter()
    mapped: Counter[str] = Counter()
    unfit: Counter[tuple[str, str]] = Counter()
    warmups = all_warmups = 0
    raised_level: dict[str, Level] = {}
    timed_holds: Counter[str] = Counter()
    sided: Counter[bool] = Counter()  # True: the set said its side
    for item in sets:
        all_warmups += item.kind == WARMUP
        if len(item.name) > MAX_NAME_CHARS:
            raise EntryError(
                f"{_where(source, item.row)}: an exercise name of {len(item.name)} characters; "
                f"no app writes one longer than {MAX_NAME_CHARS} (a broken file?)"
            )
        if item.exercise_id is None:
            unmapped[item.name] += 1
            continue
        if item.kind == WARMUP:
            warmups += 1
            continue
        exercise = catalogue.get(item.exercise_id)
        where = _where(source, item.row)
        if item.day > today:
            raise EntryError(
                f"{where}: {item.name} is dated {item.day.isoformat()}, in the future "
                f"(today is {today.isoformat()})"
            )
        check_day_range(item.day, today, where, f"the date of {item.name}")
        if item.weight and item.unit is None:
            # Strong's legacy export: 44 could be kg or lbs. Guessing could double a load.
            unfit[(item.name, "the file does not say whether its weights are kg or lbs; "
                   "import it again with --weight-unit kg or --weight-unit lbs to add them")] += 1
            continue
        kg = item.weight_kg
        level = exercise.level(item.level) if item.level is not None else _level_for(exercise, kg)
        amount = item.seconds if exercise.counts_seconds else item.reps
        held = None
        if not amount and level.rep_hold_s and item.seconds:
            # Reps of a timed hold (the Copenhagen plank) logged as one hold in seconds: the
            # seconds are kept, counted as the level's holds (at least one).
            held = item.seconds
            amount = max(1, item.seconds // level.rep_hold_s)
        if not amount:
            unit = "seconds" if exercise.counts_seconds else "reps"
            unfit[(item.name, f"no {unit}, which {exercise.id} counts")] += 1
            continue
        if amount > (MAX_HOLD_S if exercise.counts_seconds else MAX_REPS) or (held or 0) > MAX_HOLD_S:
            unfit[(item.name, "more reps or seconds than trainer accepts")] += 1
            continue
        if kg is not None and not 0 < kg <= MAX_LOAD_KG:
            unfit[(item.name, f"a weight outside 0-{MAX_LOAD_KG:g} kg")] += 1
            continue
        if item.level is None and level is not exercise.entry_level:
            raised_level[exercise.id] = level
        side = _side_for(exercise, level, item.side)
        sided[side is not Side.BOTH] += 1
        entry = SetEntry(
            exercise_id=exercise.id,
            level=level.number,
            side=side,
            reps=None if exercise.counts_seconds else amount,
            hold_s=amount if exercise.counts_seconds else held,
            load=Load(kg=kg) if kg is not None else Load(),
            pain=None,
        )
        mapped[exercise.id] += 1
        timed_holds[exercise.id] += held is not None
        new.append(NewSet(item.day, entry, item.key, item.row, time=item.time))
    check_bounds(new, source)
    notes = list(parsed.notes)
    if sided[True]:
        notes.append(
            f"{sided[True]} sets named their side (in the exercise name or a note) and were "
            "imported for that side"
        )
    if sided[False]:
        notes.append(
            f"{FORMAT_NAMES[fmt]}s have no side field and {sided[False]} sets named no side in the "
            "exercise name or a note: they were imported for both sides, with pain not recorded"
        )
    for exercise_id, count in sorted((i, n) for i, n in timed_holds.items() if n):
        notes.append(
            f"{count} sets of {exercise_id} logged as one hold in seconds were imported as that "
            "hold, counted in the level's holds"
        )
    for exercise_id, level in sorted(raised_level.items()):
        notes.append(
            f"weighted sets of {exercise_id} were put at level {level.number} ({level.name}), "
            "the first level from its entry level that takes a weight"
        )
    if all_warmups:
        notes.append(
            f"the file marks {all_warmups} sets as warm-ups; warm-ups are not imported as "
            f"training sets ({warmups} of them are of exercises in the catalogue)"
        )
    for (name, why), count in sorted(unfit.items()):
        notes.append(f"{count} sets of {name!r} not imported: {why}")
    hints = {
        name: hint.id for name in unmapped if (hint := mapper.closest(name)) is not None
    }
    return ImportPlan(
        format=fmt,
        rows=parsed.rows,
        set_rows=len(sets),
        hints=hints,
        matched_names=frozenset(item.name for item in sets if item.exercise_id is not None),
        sets=tuple(new),
        non_set=parsed.non_set,
        warmups=warmups,
        unfit=sum(unfit.values()),
        mapped=dict(sorted(mapped.items())),
        unmapped=dict(sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0]))),
        notes=tuple(notes),
    )


def read_import(
    text: str,
    catalogue: Catalogue,
    *,
    today: date,
    source: str = "the file",
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ImportPlan:
    """The sets to import from a CSV export (trainer's own, Strong, Hevy or FitNotes), checked.
    `mappings` are the person's own names for catalogue exercises (`--map`).

    A trainer JSON export holds more than sets: read it with `read_backup`.
    """
    fmt = detect_format(text, source)
    if fmt == TRAINER_JSON:
        return read_backup(text, catalogue, today=today, source=source).sets
    if fmt == TRAINER_CSV:
        return _trainer_csv(text, catalogue, today, source)
    parsed = parse_sets(text, catalogue, source=source, weight_unit=weight_unit, mappings=mappings)
    if weight_unit is not None:
        parsed.notes.append(
            f"--weight-unit {weight_unit} was not needed: the file states its units"
            if parsed.unit_stated
            else f"weights were read as {weight_unit}, as --weight-unit said"
        )
    return _plan_sets(parsed, catalogue, today, source, NameMapper(catalogue, mappings))


def _side_for(exercise: Exercise, level: Level, named: Side | None) -> Side:
    """The side a set is stored for: the side it names, if the level is done one side at a time."""
    if named is None or exercise.sided_at(level) is Sidedness.BOTH:
        return Side.BOTH
    return named


# --- trainer's own exports ---------------------------------------------------------------------


def trainer_key(day: date, exercise_id: str, side: Side, logged_at: datetime) -> str:
    """The import key of one of trainer's own sets (before #n for repeats)."""
    stamp = logged_at.astimezone(UTC).isoformat(timespec="microseconds")
    return f"trainer:{day.isoformat()}|{exercise_id}|{side.value}|{stamp}"


def trainer_keys(sets: Iterable[tuple[date, str, Side, datetime, int]]) -> list[str]:
    """Keys of (day, exercise id, side, logged_at, set number) in the given order; sets sharing
    a key (logged at the same instant) get #2, #3 ... in set-number order. The same function
    keys the sets of a file and those already in the database, so each is recognised."""
    items = list(sets)
    bases = [trainer_key(day, ex, side, at) for day, ex, side, at, _ in items]
    groups: dict[str, list[int]] = {}
    for i, base in enumerate(bases):
        groups.setdefault(base, []).append(i)
    keys = list(bases)
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda i: (items[i][4], i))
            for n, i in enumerate(members[1:], start=2):
                keys[i] = f"{bases[i]}#{n}"
    return keys


def check_bounds(sets: Sequence[NewSet], source: str, label: str = "row") -> None:
    """Refuse a file that holds more sets than a person can have done (MAX_SETS_PER_SIDE_DAY of
    one exercise and side a day, MAX_SETS_PER_DAY a day), naming the row that broke the bound."""
    per_side: Counter[tuple[date, str, Side]] = Counter()
    per_day: Counter[date] = Counter()
    for new in sets:
        per_day[new.day] += 1
        if per_day[new.day] > MAX_SETS_PER_DAY:
            raise EntryError(
                f"{source}, {label} {new.row}: more than {MAX_SETS_PER_DAY} sets on "
                f"{new.day.isoformat()}; that is not a day of training (a repeated or broken file?)"
            )
        sides = (Side.LEFT, Side.RIGHT) if new.entry.side is Side.BOTH else (new.entry.side,)
        for side in sides:
            per_side[(new.day, new.entry.exercise_id, side)] += 1
            if per_side[(new.day, new.entry.exercise_id, side)] > MAX_SETS_PER_SIDE_DAY:
                raise EntryError(
                    f"{source}, {label} {new.row}: more than {MAX_SETS_PER_SIDE_DAY} sets of "
                    f"{new.entry.exercise_id} on the {side.value} side on {new.day.isoformat()}; "
                    "that is not a day of training (a repeated or broken file?)"
                )


BOUNDS_NOTE = (
    f"limits: at most {MAX_SETS_PER_SIDE_DAY} sets of one exercise and side a day, "
    f"{MAX_SETS_PER_DAY} sets a day, names of {MAX_NAME_CHARS} characters"
)


def _trainer_plan(
    fmt: str, rows: int, sets: list[TrainerSet], unknown: Counter[str], today: date, source: str,
    label: str,
) -> ImportPlan:
    keys = trainer_keys((s.day, s.exercise_id, s.side, s.logged_at, s.set_number) for s in sets)
    new = []
    for item, key in zip(sets, keys, strict=True):
        if item.day > today:
            raise EntryError(
                f"{source}, {label} {item.row}: the set is dated {item.day.isoformat()}, in the "
                f"future (today is {today.isoformat()})"
            )
        check_day_range(item.day, today, f"{source}, {label} {item.row}", "the set's date")
        new.append(
            NewSet(
                item.day, item.entry(), key, item.row, logged_at=item.logged_at,
                set_number=item.set_number, own_key=item.own_key,
            )
        )
    check_bounds(new, source, label)
    notes = []
    if unknown:
        notes.append(
            "sets of exercises that are not in this catalogue were not imported: "
            + ", ".join(f"{name} ({count})" for name, count in sorted(unknown.items()))
            + "; import the file with the catalogue it was exported with (--catalog)"
        )
    return ImportPlan(
        format=fmt,
        rows=rows,
        set_rows=len(sets) + sum(unknown.values()),
        sets=tuple(new),
        mapped=dict(sorted(Counter(s.exercise_id for s in sets).items())),
        unmapped=dict(sorted(unknown.items())),
        notes=tuple(notes),
    )


def _check_trainer_set(
    values: dict[str, Any], catalogue: Catalogue, where: str, row: int
) -> TrainerSet | None:
    """A set of trainer's own export, each value checked; None if its exercise is unknown."""
    exercise_id = values["exercise"]
    if exercise_id not in catalogue:
        return None
    exercise = catalogue.get(exercise_id)
    try:
        level = exercise.level(values["level"]).number
    except EntryError as error:
        raise EntryError(f"{where}: {error}") from None
    try:
        side = Side(values["side"])
    except ValueError:
        raise EntryError(f"{where}: side {values['side']!r} is not left, right or both") from None
    reps, hold = values["reps"], values["hold_s"]
    if reps is not None and not 0 <= reps <= MAX_REPS:
        raise EntryError(f"{where}: reps {reps} is outside 0-{MAX_REPS}")
    if hold is not None and not 0 <= hold <= MAX_HOLD_S:
        raise EntryError(f"{where}: hold_s {hold} is outside 0-{MAX_HOLD_S}")
    pain = values["pain"]
    if pain is not None and not 0 <= pain <= 10:
        raise EntryError(f"{where}: pain {pain} is outside the scale 0-10")
    if not 1 <= values["set"] <= MAX_SET_NUMBER:
        raise EntryError(f"{where}: set number {values['set']} is outside 1-{MAX_SET_NUMBER}")
    kg, band = values["load_kg"], values["load_band"]
    if kg is not None and band is not None:
        raise EntryError(f"{where}: a load is kilograms or a band, not both")
    if kg is not None and not 0 < kg <= MAX_LOAD_KG:
        raise EntryError(f"{where}: load {kg:g} kg is outside 0.5-{MAX_LOAD_KG:g} kg")
    if band is not None and band not in catalogue.band_colours:
        raise EntryError(
            f"{where}: band colour {band!r} is not one of the catalogue's: "
            + ", ".join(catalogue.band_colours)
        )
    return TrainerSet(
        row=row, day=values["date"], exercise_id=exercise_id, level=level, side=side,
        set_number=values["set"], reps=reps, hold_s=hold, load=Load(kg=kg, band=band), pain=pain,
        sharp=values["sharp"], stopped_early=values["stopped"],
        technique_ok=values["technique_ok"], logged_at=values["logged_at"],
    )


def _finite(value: int | float, what: str, where: str) -> float:
    """A JSON number as a float; EntryError for NaN, infinity or an integer too big for a float."""
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise EntryError(f"{where}: {what} {value!r:.40} is not a usable number")
    return number


def _iso_day(text: Any, what: str, where: str) -> date:
    if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise EntryError(f"{where}: {what} {text!r} is not a date like 2026-11-25")


def _instant(text: Any, what: str, where: str, optional: bool = False) -> datetime | None:
    if text is None and optional:
        return None
    try:
        moment = datetime.fromisoformat(text.strip()) if isinstance(text, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise EntryError(
            f"{where}: {what} {text!r} is not a time with its zone like 2026-11-25T09:30:00+00:00"
        )
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in year 10000 in UTC
        raise EntryError(f"{where}: {what} {text!r} is outside the calendar in UTC") from None


_BOOLS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _csv_bool(text: str, what: str, where: str) -> bool:
    value = _BOOLS.get(text.strip().lower())
    if value is None:
        raise EntryError(f"{where}: {what} {text!r} is not true or false")
    return value


_LOAD = re.compile(r"(?:(\d+(?:\.\d+)?)\s*kg|([a-z]+)-band|bw)")


def _csv_load(text: str, where: str) -> tuple[float | None, str | None]:
    match = _LOAD.fullmatch(text.strip().lower())
    if match is None:
        raise EntryError(f"{where}: load {text!r} is not like 8kg, red-band or bw")
    kg, band = match.groups()
    return (float(kg) if kg else None), band


# A spreadsheet runs a cell starting with one of these as a formula: trainer's CSV export writes
# such a cell with a leading apostrophe (exchange.csv_safe), which its import takes off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unescaped(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell


def _trainer_csv(text: str, catalogue: Catalogue, today: date, source: str) -> ImportPlan:
    header, rows, _ = _csv_rows(text, source)
    col = {name: i for i, name in enumerate(TRAINER_CSV_COLUMNS)}
    sets: list[TrainerSet] = []
    unknown: Counter[str] = Counter()
    for row in rows:
        _check_width(row, header, source)
        where = _where(source, row)
        cell = lambda name, row=row: _unescaped(row.cells[col[name]])  # noqa: E731
        kg, band = _csv_load(cell("load"), where)
        values = {
            "date": _iso_day(cell("date"), "date", where),
            "exercise": cell("exercise").strip(),
            "level": _whole(cell("level"), "level", where),
            "side": cell("side").strip().lower(),
            "set": _whole(cell("set"), "set", where),
            "reps": _whole(cell("reps"), "reps", where),
            "hold_s": _whole(cell("hold_s"), "hold_s", where),
            "load_kg": kg,
            "load_band": band,
            "pain": _whole(cell("pain"), "pain", where),
            "sharp": _csv_bool(cell("sharp"), "sharp", where),
            "stopped": _csv_bool(cell("stopped"), "stopped", where),
            "technique_ok": _csv_bool(cell("technique_ok"), "technique_ok", where),
            "logged_at": _instant(cell("logged_at"), "logged_at", where),
        }
        for needed in ("level", "set"):
            if values[needed] is None:
                raise EntryError(f"{where}: {needed} is empty")
        checked = _check_trainer_set(values, catalogue, where, row.number)
        if checked is None:
            unknown[values["exercise"]] += 1
        else:
            sets.append(checked)
    return _trainer_plan(TRAINER_CSV, len(rows), sets, unknown, today, source, "row")


# --- the JSON export ---------------------------------------------------------------------------


class _Json:
    """Typed access to one object of the JSON, naming its place in every message."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise EntryError(f"{where}: expected an object {{...}}, found {_kind(data)}")
        self.data = data
        self.where = where

    def get(self, name: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
        if name not in self.data:
            if optional:
                return None
            raise EntryError(f"{self.where}: {name!r} is missing")
        value = self.data[name]
        if value is None and optional:
            return None
        # JSON has no separate int and bool: true is not a number here, 3 is not a boolean.
        if isinstance(value, bool) and bool not in kinds:
            value_ok = False
        elif int in kinds and float not in kinds and isinstance(value, float):
            value_ok = False
        else:
            value_ok = isinstance(value, kinds)
        if not value_ok:
            wanted = " or ".join(_TYPE_NAMES[k] for k in kinds)
            raise EntryError(f"{self.where}: {name!r} should be {wanted}, not {_kind(value)}")
        return value

    def whole(self, name: str, optional: bool = False) -> int | None:
        return self.get(name, (int,), optional)

    def exercise_id(self, catalogue: Catalogue) -> str:
        """The item's "exercise": an id the catalogue has."""
        exercise_id = self.get("exercise", (str,))
        if exercise_id not in catalogue:
            raise EntryError(f"{self.where}: unknown exercise {exercise_id!r}")
        return exercise_id


_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false",
               list: "a list", dict: "an object"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in ((bool, "true or false"), (int, "a number"), (float, "a number"),
                       (str, "text"), (list, "a list"), (dict, "an object")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _items(top: _Json, name: str) -> list[Any]:
    return top.get(name, (list,), optional=True) or []


def read_backup(
    text: str, catalogue: Catalogue, *, today: date, source: str = "the file"
) -> Backup:
    """Everything in a trainer JSON export, each value checked; EntryError says where."""
    try:
        data = json.loads(_clean(text))
    except json.JSONDecodeError as error:
        raise EntryError(
            f"{source}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}); "
            "is the file complete?"
        ) from None
    except RecursionError:
        raise EntryError(
            f"{source}: the JSON is nested too deeply to be a trainer export"
        ) from None
    except ValueError:  # a number of more than 4300 digits: Python refuses to read it
        raise EntryError(f"{source}: a number in the JSON is far too long to be a trainer export") from None
    top = _Json(data, source)
    marker = top.get("format", (str,), optional=True)
    if marker != EXPORT_MARKER:
        raise EntryError(
            f"{source}: a JSON file but not a trainer export (its \"format\" is {marker!r}, "
            f"not {EXPORT_MARKER!r})"
        )
    version = top.whole("version")
    if version != EXPORT_VERSION:
        raise EntryError(
            f"{source}: export version {version} is not one this trainer reads ({EXPORT_VERSION}); "
            "a newer trainer wrote it?"
        )
    settings = _backup_settings(top, catalogue, today, source)
    plans = tuple(
        _backup_plan(_Json(item, f"{source}, plans item {i}"), today)
        for i, item in enumerate(_items(top, "plans"), 1)
    )
    sessions = _backup_sessions(top, source, today)
    sets, unknown = [], Counter()
    keyed: dict[str, int] = {}  # import key -> the sets item that has it
    for i, item in enumerate(_items(top, "sets"), 1):
        where = f"{source}, sets item {i}"
        one = _Json(item, where)
        own_key = _own_key(one, keyed, i)
        values = {
            "date": _iso_day(one.get("date", (str,)), "date", where),
            "exercise": one.get("exercise", (str,)),
            "level": one.whole("level"),
            "side": one.get("side", (str,)),
            "set": one.whole("set"),
            "reps": one.whole("reps", optional=True),
            "hold_s": one.whole("hold_s", optional=True),
            "load_kg": one.get("load_kg", (int, float), optional=True),
            "load_band": one.get("load_band", (str,), optional=True),
            "pain": one.whole("pain", optional=True),
            "sharp": one.get("sharp", (bool,)),
            "stopped": one.get("stopped", (bool,)),
            "technique_ok": one.get("technique_ok", (bool,)),
            "logged_at": _instant(one.get("logged_at", (str,)), "logged_at", where),
        }
        if values["load_kg"] is not None:
            values["load_kg"] = _finite(values["load_kg"], "load_kg", where)
        checked = _check_trainer_set(values, catalogue, where, i)
        if checked is None:
            unknown[values["exercise"]] += 1
        else:
            sets.append(replace(checked, own_key=own_key))
    plan = _trainer_plan(
        TRAINER_JSON, len(_items(top, "sets")), sets, unknown, today, source, "sets item"
    )
    mornings = []
    for i, item in enumerate(_items(top, "morning_checks"), 1):
        one = _Json(item, f"{source}, morning_checks item {i}")
        side = one.get("side", (str,))
        if side not in ("left", "right"):
            raise EntryError(f"{one.where}: side {side!r} is not left or right")
        pain, soreness = one.whole("pain"), one.whole("soreness", optional=True)
        for what, value in (("pain", pain), ("soreness", soreness)):
            if value is not None and not 0 <= value <= 10:
                raise EntryError(f"{one.where}: {what} {value} is outside the scale 0-10")
        day = check_day_range(_iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        mornings.append(MorningCheck(day, Side(side), pain=pain, soreness=soreness))
    symptoms = []
    for i, item in enumerate(_items(top, "symptom_answers"), 1):
        one = _Json(item, f"{source}, symptom_answers item {i}")
        yes = one.get("yes", (list,))
        for symptom_id in yes:
            if symptom_id not in BY_ID:
                raise EntryError(f"{one.where}: unknown symptom id {symptom_id!r}")
        day = check_day_range(_iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        # Backups before migration 0008 have no "mistaken": such answers count.
        mistaken = one.get("mistaken", (bool,), optional=True) or False
        symptoms.append(SymptomAnswers(day, frozenset(yes), mistaken=mistaken))
    visits = {settings.seen_professional} if settings.seen_professional else set()
    for i, item in enumerate(_items(top, "visits"), 1):
        one = _Json(item, f"{source}, visits item {i}")
        seen = _iso_day(one.get("date", (str,)), "date", one.where)
        if seen > today:
            raise EntryError(
                f"{one.where}: the visit of {seen.isoformat()} is in the future "
                f"(today is {today.isoformat()})"
            )
        visits.add(seen)
    choices = []
    for i, item in enumerate(_items(top, "pain_stop_choices"), 1):
        one = _Json(item, f"{source}, pain_stop_choices item {i}")
        day = check_day_range(_iso_day(one.get("date", (str,)), "date", one.where), today, one.where)
        exercise_id = one.exercise_id(catalogue)
        side_text = one.get("side", (str,))
        if side_text not in ("left", "right"):
            raise EntryError(f"{one.where}: 'side' should be left or right, not {side_text!r}")
        choices.append((day, exercise_id, Side(side_text), one.get("carry_on", (bool,))))
    name_maps = []
    for i, item in enumerate(_items(top, "import_name_maps"), 1):
        one = _Json(item, f"{source}, import_name_maps item {i}")
        app = one.get("app", (str,))
        if app not in (STRONG, HEVY, FITNOTES):
            raise EntryError(f"{one.where}: 'app' should be strong, hevy or fitnotes, not {app!r}")
        exercise_id = one.exercise_id(catalogue)
        level = one.whole("level", optional=True)
        if level is not None and not 1 <= level <= len(catalogue.get(exercise_id).levels):
            raise EntryError(f"{one.where}: {exercise_id} has no level {level}")
        name_maps.append((app, one.get("name", (str,)), exercise_id, level))
    assessments, notes = _backup_assessments(top, catalogue, today, source)
    return Backup(
        settings, plans, sessions, plan, tuple(mornings), tuple(symptoms), tuple(sorted(visits)),
        pain_choices=tuple(choices), name_maps=tuple(name_maps), assessments=assessments,
        notes=notes,
    )


def _own_key(one: _Json, keyed: dict[str, int], item: int) -> tuple[str | None, ...]:
    """A backed-up set's own import key: (key,), (None,) for a set logged in trainer, () when
    the backup has no "import_key" (made before #16.4). Two sets never share a key."""
    if "import_key" not in one.data:
        return ()
    key = one.get("import_key", (str,), optional=True)
    if key is None:
        return (None,)
    if not key.strip():
        raise EntryError(
            f"{one.where}: 'import_key' is empty (a set logged in trainer has null there)"
        )
    if key in keyed:
        raise EntryError(
            f"{one.where}: 'import_key' {key!r:.80} is also sets item {keyed[key]}'s; "
            "each imported set has its own"
        )
    keyed[key] = item
    return (key,)


def _backup_assessments(
    top: _Json, catalogue: Catalogue, today: date, source: str
) -> tuple[tuple[AssessmentResult, ...], tuple[str, ...]]:
    """The backup's self-assessment results, each checked against the catalogue's test; those
    of tests the catalogue lacks are left out, with a note."""
    tests = {test.id: test for test in catalogue.assessments}
    results: list[AssessmentResult] = []
    seen: dict[tuple[date, str, str], int] = {}
    unknown: Counter[str] = Counter()
    for i, item in enumerate(_items(top, "assessment_results"), 1):
        one = _Json(item, f"{source}, assessment_results item {i}")
        day = _iso_day(one.get("date", (str,)), "date", one.where)
        if day > today:
            raise EntryError(
                f"{one.where}: the result of {day.isoformat()} is in the future "
                f"(today is {today.isoformat()})"
            )
        check_day_range(day, today, one.where)
        test_id = one.get("test", (str,))
        side = one.get("side", (str,))
        if side not in ("left", "right"):
            raise EntryError(f"{one.where}: side {side!r} is not left or right")
        value = one.whole("value")
        pain = one.whole("pain", optional=True)
        if pain is not None and not 0 <= pain <= 10:
            raise EntryError(f"{one.where}: pain {pain} is outside the scale 0-10")
        slot = (day, test_id, side)
        if slot in seen:
            raise EntryError(
                f"{one.where}: a second result of {test_id}, {side} side, on {day.isoformat()} "
                f"(the first is item {seen[slot]})"
            )
        seen[slot] = i
        test = tests.get(test_id)
        if test is None:
            unknown[test_id] += 1
            continue
        try:
            checked = test.check_value(value)
        except EntryError as error:
            raise EntryError(f"{one.where}: {error}") from None
        results.append(AssessmentResult(day, test_id, Side(side), checked, pain))
    notes = []
    if unknown:
        notes.append(
            "self-assessment results of tests that are not in this catalogue were not imported: "
            + ", ".join(f"{name} ({count})" for name, count in sorted(unknown.items()))
            + "; import the file with the catalogue it was exported with (--catalog)"
        )
    return tuple(results), tuple(notes)


def _backup_settings(top: _Json, catalogue: Catalogue, today: date, source: str) -> Settings:
    raw = top.get("settings", (dict,), optional=True)
    if raw is None:
        return Settings()
    one = _Json(raw, f"{source}, settings")
    unknown = sorted(set(raw) - set(SETTING_NAMES))
    if unknown:
        raise EntryError(f"{one.where}: unknown setting {unknown[0]!r}")
    changes: dict[str, Any] = {}
    for name in ("baseline_pain_left", "baseline_pain_right"):
        if name in raw:
            changes[name] = one.whole(name, optional=True)  # null: not recorded (6.9.8)
    if "involved_side" in raw:
        changes["involved_side"] = one.get("involved_side", (str,), optional=True)
    if "dumbbells_kg" in raw:
        weights = one.get("dumbbells_kg", (list,))
        if not all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights):
            raise EntryError(f"{one.where}: 'dumbbells_kg' should be a list of numbers")
        changes["dumbbells_kg"] = [_finite(w, "dumbbell weight", one.where) for w in weights]
    if "bands" in raw:
        bands = one.get("bands", (list,), optional=True)
        if bands is not None and not all(isinstance(b, str) for b in bands):
            raise EntryError(f"{one.where}: 'bands' should be a list of colours")
        changes["bands"] = bands
    if "seen_professional" in raw:
        seen = one.get("seen_professional", (str,), optional=True)
        changes["seen_professional"] = (
            None if seen is None else check_day_range(
                _iso_day(seen, "seen_professional", one.where), today, one.where,
                "seen_professional",
            )
        )
    try:
        return changed_settings(
            Settings(), changes, band_colours=catalogue.band_colours, today=today
        )
    except EntryError as error:
        raise EntryError(f"{one.where}: {error}") from None


def _backup_plan(one: _Json, today: date) -> Plan:
    names = one.get("weekdays", (list,))
    if not all(isinstance(n, str) for n in names):
        raise EntryError(
            f"{one.where}: 'weekdays' should be a list like [\"mon\", \"wed\", \"fri\"]"
        )
    try:
        weekdays = parse_weekdays(",".join(names))
        minutes = check_minutes(one.whole("minutes", optional=True))
    except EntryError as error:
        raise EntryError(f"{one.where}: {error}") from None
    rule = one.get("rrule", (str,))
    try:
        rrulestr(rule)
    except (ValueError, TypeError, OverflowError):
        raise EntryError(f"{one.where}: 'rrule' is not a valid recurrence rule") from None
    side = one.get("involved_side", (str,), optional=True)
    if side not in (None, "left", "right"):
        raise EntryError(f"{one.where}: involved_side {side!r} is not left, right or null")
    start = _iso_day(one.get("start", (str,)), "start", one.where)
    effective_from = _iso_day(one.get("effective_from", (str,)), "effective_from", one.where)
    check_day_range(start, today, one.where, "start")
    check_day_range(effective_from, today, one.where, "effective_from")
    if rule != weekly_rule(weekdays, start):
        # trainer writes the rule from the weekdays and the start; one that says otherwise was
        # edited by hand, and the plan would be exported with a schedule it does not follow.
        raise EntryError(f"{one.where}: 'rrule' does not match its 'weekdays' and 'start'")
    return Plan(
        weekdays=weekdays,
        start=start,
        effective_from=effective_from,
        rule=rule,
        involved_side=Side(side) if side else None,
        minutes=minutes,
    )


def _backup_sessions(top: _Json, source: str, today: date) -> tuple[TrainingSession, ...]:
    sessions = []
    days = set()
    for i, item in enumerate(_items(top, "sessions"), 1):
        one = _Json(item, f"{source}, sessions item {i}")
        day = check_day_range(_iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        if day in days:
            raise EntryError(f"{one.where}: a second session on {day.isoformat()}")
        days.add(day)
        status = one.get("status", (str,))
        if status not in SESSION_STATUSES:
            raise EntryError(
                f"{one.where}: status {status!r} is not one of: {', '.join(SESSION_STATUSES)}"
            )
        sessions.append(
            TrainingSession(
                id=0,
                date=day,
                status=status,
                started_at=_instant(one.get("started_at", (str,), optional=True), "started_at",
                                    one.where, optional=True),
                finished_at=_instant(one.get("finished_at", (str,), optional=True), "finished_at",
                                     one.where, optional=True),
                notes=one.get("notes", (str,), optional=True) or "",
            )
        )
    return tuple(sessions)


def weekday_names(plan: Plan) -> list[str]:
    return [WEEKDAY_NAMES[d] for d in plan.weekdays]


def local_noon(day: date) -> datetime:
    """The time given to a set whose file has only its date (naive, local)."""
    return datetime.combine(day, time(12, 0))
