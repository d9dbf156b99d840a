"""Reading Strong's CSV export (legacy and newer layouts, any of its header languages)."""

from __future__ import annotations

import re

from trainer.core.errors import EntryError
from trainer.core.importers.app_sets import import_key, matched, note_in
from trainer.core.importers.csv_rows import Row, check_width, csv_rows, where_of
from trainer.core.importers.detect import STRONG_LEGACY_COLUMNS, column_names, is_strong, strong_weight
from trainer.core.importers.formats import DROPSET, FAILURE, NORMAL, STRONG, WARMUP
from trainer.core.importers.results import ImportedSet, ParsedFile
from trainer.core.importers.values import clock_seconds, header_unit, moment_in, number_in, unit_in, whole_in
from trainer.core.names import NameMapper


def parse_strong(
    text: str, source: str, mapper: NameMapper, weight_unit: str | None
) -> ParsedFile:
    """The set rows of a Strong export; rest timers and rows with neither reps nor seconds are counted, not read."""
    header, rows, delimiter = csv_rows(text, source)
    cols = column_names(header)
    if not is_strong(cols):  # the legacy columns, in a language detect's header words lack
        cols = {name: i for i, name in enumerate(STRONG_LEGACY_COLUMNS)}
    weight_col = strong_weight(cols)
    assert weight_col is not None, "is_strong and the legacy columns both have a weight column"
    unit_col = cols.get("weight unit")
    stated = header_unit(weight_col)
    seconds_col = cols.get("seconds")
    notes_col = cols.get("notes")
    parsed = ParsedFile(
        STRONG, rows=len(rows), unit_stated=stated is not None or unit_col is not None
    )
    comma = delimiter == ";"
    for row in rows:
        check_width(row, header, source)
        where = where_of(source, row)

        def cell(name: str, row: Row = row) -> str:
            return row.cells[cols[name]]

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
        started = moment_in(cell("date"), "Date", where, "2021-07-07 18:35:21")
        name = cell("exercise name").strip()
        weight = number_in(row.cells[cols[weight_col]], "Weight", where, comma)
        reps = whole_in(cell("reps"), "Reps", where, comma)
        seconds = (
            clock_seconds(row.cells[seconds_col], "Seconds", where)
            if seconds_col is not None else None
        )
        unit = stated or (unit_in(row.cells[unit_col], where) if unit_col is not None else None)
        if not reps and not seconds:
            parsed.non_set += 1
            continue
        if name == "":
            raise EntryError(f"{where}: the Exercise Name is empty")
        key = import_key(STRONG, started, name, order, weight, unit, reps, seconds)
        parsed.sets.append(
            ImportedSet(
                row=row.number, day=started.date(), name=name,
                **matched(mapper, name, note_in(row, notes_col)),
                set_order=number, reps=reps, seconds=seconds, weight=weight,
                unit=unit or weight_unit, key=key, kind=kind, time=started,
            )
        )
    return parsed
