"""Reading FitNotes' CSV export, names with an unquoted comma repaired."""

from __future__ import annotations

from collections import Counter
from datetime import date

from trainer.core.errors import EntryError
from trainer.core.importers.app_sets import import_key, matched, note_in
from trainer.core.importers.csv_rows import Row, check_width, csv_rows, where_of
from trainer.core.importers.detect import column_names, first_of, fitnotes_weight
from trainer.core.importers.formats import FITNOTES
from trainer.core.importers.results import ImportedSet, ParsedFile
from trainer.core.importers.values import clock_seconds, header_unit, moment_in, number_in, unit_in, whole_in
from trainer.core.names import NameMapper


def parse_fitnotes(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    """The set rows of a FitNotes export, numbered per day and exercise (the file has no set order)."""
    header, rows, delimiter = csv_rows(text, source)
    cols = column_names(header)
    weight_col = fitnotes_weight(cols)
    assert weight_col is not None, "detect_format took the file for FitNotes' by its weight column"
    stated = header_unit(weight_col)
    unit_col = cols.get("weight unit")
    time_col = cols.get("time")
    notes_col = cols.get(first_of(cols, "comment", "notes", "note") or "")
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
            row = Row(row.number, row.line, [row.cells[0], name, *row.cells[2 + extra :]])
            repaired += 1
        check_width(row, header, source)
        where = where_of(source, row)

        def cell(name: str, row: Row = row) -> str:
            return row.cells[cols[name]]

        day = moment_in(cell("date"), "Date", where, "2025-04-29").date()
        name = cell("exercise").strip()
        weight = number_in(row.cells[cols[weight_col]], "Weight", where, comma)
        unit = stated or (unit_in(row.cells[unit_col], where) if unit_col is not None else None)
        reps = whole_in(cell("reps"), "Reps", where, comma)
        seconds = (
            clock_seconds(row.cells[time_col], "Time", where) if time_col is not None else None
        )
        if not reps and not seconds:
            parsed.non_set += 1
            continue
        if name == "":
            raise EntryError(f"{where}: the Exercise is empty")
        positions[(day, name)] += 1
        key = import_key(FITNOTES, day, name, positions[(day, name)], weight, unit, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=day, name=name,
                **matched(mapper, name, note_in(row, notes_col)),
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
