"""Recognising a file from its header: the column names (Strong's in six languages), which
app wrote it, and `detect_format`."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence

from trainer.core.errors import EntryError
from trainer.core.importers.csv_rows import clean_text, delimiter_of, first_line
from trainer.core.importers.formats import FITNOTES, HEVY, STRONG, TRAINER_CSV, TRAINER_CSV_COLUMNS, TRAINER_JSON
from trainer.core.importers.values import parse_moment


def _header_of(text: str) -> list[str]:
    first = first_line(text)
    try:
        return next(csv.reader([first], delimiter=delimiter_of(first)), [])
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


def column_names(header: Sequence[str]) -> dict[str, int]:
    """Column name (lower case, trimmed, a translated Strong column in English) -> index."""
    return {_english(name): i for i, name in reversed(list(enumerate(header)))}


def _looks_like_strong_legacy(text: str) -> bool:
    """A header of Strong's twelve legacy columns in an unknown language: the first data row has
    a date and time first and a set number (or W, D, F) fifth."""
    lines = [line for line in clean_text(text).splitlines() if line.strip()][:2]
    if len(lines) < 2:
        return False
    delimiter = delimiter_of(lines[0])
    try:
        header, row = list(csv.reader(lines, delimiter=delimiter))
    except (csv.Error, ValueError):
        return False
    if len(header) != len(STRONG_LEGACY_COLUMNS) or len(row) != len(header):
        return False
    moment = parse_moment(row[0])
    return bool(moment and moment[1] and re.fullmatch(r"\d+|[WDFwdf]\d*", row[4].strip()))


def first_of(columns: dict[str, int], *names: str) -> str | None:
    return next((name for name in names if name in columns), None)


def is_strong(cols: dict[str, int]) -> bool:
    return {"date", "exercise name", "set order", "reps"} <= set(cols) and strong_weight(cols) is not None


def strong_weight(cols: dict[str, int]) -> str | None:
    return first_of(cols, "weight", "weight (kg)", "weight (kgs)", "weight (lbs)", "weight (lb)")


def _is_hevy(cols: dict[str, int]) -> bool:
    needed = {"start_time", "exercise_title", "set_index", "set_type", "reps"}
    return needed <= set(cols) and first_of(cols, "weight_kg", "weight_lbs") is not None


def _is_fitnotes(cols: dict[str, int]) -> bool:
    return {"date", "exercise", "category", "reps"} <= set(cols) and fitnotes_weight(cols) is not None


def fitnotes_weight(cols: dict[str, int]) -> str | None:
    return first_of(cols, "weight", "weight (kgs)", "weight (kg)", "weight (lbs)", "weight (lb)")


def detect_format(header: str, source: str = "the file") -> str:
    """Which export the text is, from its first line (or its whole text): one of FORMATS.

    EntryError for an empty file or a header trainer does not know.
    """
    text = clean_text(header)
    if not text.strip():
        raise EntryError(f"{source} is empty: there is nothing to import")
    if text.lstrip().startswith(("{", "[")):
        return TRAINER_JSON
    columns = _header_of(text)
    cols = column_names(columns)
    if tuple(c.strip().lower() for c in columns) == TRAINER_CSV_COLUMNS:
        return TRAINER_CSV
    if _is_hevy(cols):
        return HEVY
    if is_strong(cols):
        return STRONG
    if _is_fitnotes(cols):
        return FITNOTES
    if _looks_like_strong_legacy(text):
        return STRONG
    shown = first_line(text)[:60]
    raise EntryError(
        f"{source}, row 1: not a file trainer can import: the first row ({shown!r}) is not the "
        "header of a trainer export (JSON or CSV) or of a Strong, Hevy or FitNotes CSV export"
    )
