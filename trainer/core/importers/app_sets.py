"""What the readers of other apps' exports share: a name mapped to an exercise, level and side,
and import keys that recognise a set on a second import."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from trainer.core.importers.csv_rows import Row
from trainer.core.names import NameMapper, NameMatch, side_in_text


def matched(mapper: NameMapper, name: str, *notes: str) -> dict[str, Any]:
    """The catalogue exercise, level and side of a set row: the side from the name, else from the
    first note that names one (the set's note before the exercise's)."""
    match: NameMatch | None = mapper(name)
    if match is None:
        return {"exercise_id": None}
    side = match.side or next(
        (found for note in notes if note and (found := side_in_text(note)) is not None), None
    )
    return {"exercise_id": match.exercise_id, "level": match.level, "side": side}


def note_in(row: Row, column: int | None) -> str:
    return row.cells[column] if column is not None else ""


def import_key(fmt: str, *parts: object) -> str:
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


def with_unique_keys(sets: list[Any]) -> list[Any]:
    """Make keys repeated inside one file unique (#2, #3, ...) in file order, so two identical
    sets of one workout are both imported, and both recognised on a second import."""
    seen: Counter[str] = Counter()
    unique = []
    for item in sets:
        seen[item.key] += 1
        count = seen[item.key]
        unique.append(item if count == 1 else replace(item, key=f"{item.key}#{count}"))
    return unique
