"""Reading trainer's own CSV export."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from trainer.core.errors import EntryError
from trainer.core.importers.csv_rows import Row, check_width, csv_rows, where_of
from trainer.core.importers.formats import TRAINER_CSV, TRAINER_CSV_COLUMNS
from trainer.core.importers.results import ImportPlan, TrainerSet
from trainer.core.importers.trainer_sets import SetValues, check_trainer_set, trainer_plan
from trainer.core.importers.values import instant, iso_day, whole_in
from trainer.core.model import Catalogue

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


def read_trainer_csv(text: str, catalogue: Catalogue, today: date, source: str) -> ImportPlan:
    header, rows, _ = csv_rows(text, source)
    col = {name: i for i, name in enumerate(TRAINER_CSV_COLUMNS)}
    sets: list[TrainerSet] = []
    unknown: Counter[str] = Counter()
    for row in rows:
        check_width(row, header, source)
        where = where_of(source, row)

        def cell(name: str, row: Row = row) -> str:
            return _unescaped(row.cells[col[name]])

        # Every cell is read, in the columns' order, before the empty ones are refused: the first
        # unreadable cell is the one a message names.
        kg, band = _csv_load(cell("load"), where)
        day = iso_day(cell("date"), "date", where)
        exercise = cell("exercise").strip()
        level = whole_in(cell("level"), "level", where)
        side = cell("side").strip().lower()
        set_number = whole_in(cell("set"), "set", where)
        reps = whole_in(cell("reps"), "reps", where)
        hold_s = whole_in(cell("hold_s"), "hold_s", where)
        pain = whole_in(cell("pain"), "pain", where)
        sharp = _csv_bool(cell("sharp"), "sharp", where)
        stopped = _csv_bool(cell("stopped"), "stopped", where)
        technique_ok = _csv_bool(cell("technique_ok"), "technique_ok", where)
        logged_at = instant(cell("logged_at"), "logged_at", where)
        if level is None:
            raise EntryError(f"{where}: level is empty")
        if set_number is None:
            raise EntryError(f"{where}: set is empty")
        values: SetValues = {
            "date": day, "exercise": exercise, "level": level, "side": side, "set": set_number,
            "reps": reps, "hold_s": hold_s, "load_kg": kg, "load_band": band, "pain": pain,
            "sharp": sharp, "stopped": stopped, "technique_ok": technique_ok, "logged_at": logged_at,
        }
        checked = check_trainer_set(values, catalogue, where, row.number)
        if checked is None:
            unknown[values["exercise"]] += 1
        else:
            sets.append(checked)
    return trainer_plan(TRAINER_CSV, len(rows), sets, unknown, today, source, "row")
