"""Reading Hevy's CSV export."""

from __future__ import annotations

from collections import Counter

from trainer.core.errors import EntryError
from trainer.core.importers.app_sets import import_key, matched, note_in
from trainer.core.importers.csv_rows import Row, check_width, csv_rows, where_of
from trainer.core.importers.detect import column_names, first_of
from trainer.core.importers.formats import DROPSET, FAILURE, HEVY, NORMAL, WARMUP
from trainer.core.importers.results import ImportedSet, ParsedFile
from trainer.core.importers.values import clock_seconds, moment_in, number_in, whole_in
from trainer.core.names import NameMapper


def parse_hevy(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    """The set rows of a Hevy export; an unknown set_type is read as a normal set, with a note."""
    header, rows, delimiter = csv_rows(text, source)
    cols = column_names(header)
    weight_col = first_of(cols, "weight_kg", "weight_lbs")
    assert weight_col is not None, "detect_format took the file for Hevy's by its weight column"
    stated = "kg" if weight_col == "weight_kg" else "lbs"
    seconds_col = cols.get("duration_seconds")
    notes_col = cols.get("exercise_notes")
    parsed = ParsedFile(HEVY, rows=len(rows))
    kinds: Counter[str] = Counter()
    for row in rows:
        check_width(row, header, source)
        where = where_of(source, row)

        def cell(name: str, row: Row = row) -> str:
            return row.cells[cols[name]]

        started = moment_in(cell("start_time"), "start_time", where, "8 Apr 2026, 16:50")
        name = cell("exercise_title").strip()
        index = whole_in(cell("set_index"), "set_index", where)
        kind = cell("set_type").strip().lower() or NORMAL
        weight = number_in(row.cells[cols[weight_col]], weight_col, where)
        reps = whole_in(cell("reps"), "reps", where)
        seconds = (
            clock_seconds(row.cells[seconds_col], "duration_seconds", where)
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
        key = import_key(HEVY, started, name, index, kind, weight, stated, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=started.date(), name=name,
                **matched(mapper, name, note_in(row, notes_col)),
                set_order=(index or 0) + 1, reps=reps, seconds=seconds, weight=weight,
                unit=stated, key=key, kind=kind, time=started,
            )
        )
    for kind, count in sorted(kinds.items()):
        parsed.notes.append(f"{count} sets of unknown set_type {kind!r} were read as normal sets")
    return parsed
