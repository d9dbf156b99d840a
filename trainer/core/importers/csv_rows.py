"""Reading a CSV file into rows: the text's BOM and delimiter, row and line numbers for every
message, and the width check."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.errors import EntryError


def clean_text(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def delimiter_of(first_line: str) -> str:
    # Strong's older exports (and spreadsheets in comma-decimal locales) use semicolons.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def first_line(text: str) -> str:
    return next((line for line in clean_text(text).splitlines() if line.strip()), "")


@dataclass(frozen=True)
class Row:
    number: int  # record number, header = 1
    line: int  # line of the file where it starts
    cells: list[str]


def where_of(source: str, row: Row | int) -> str:
    if isinstance(row, int):
        return f"{source}, row {row}"
    line = f" (line {row.line})" if row.line != row.number else ""
    return f"{source}, row {row.number}{line}"


def csv_rows(text: str, source: str) -> tuple[list[str], list[Row], str]:
    """The header and the data rows (blank rows dropped), with their row and line numbers."""
    text = clean_text(text)
    delimiter = delimiter_of(first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    number, line = 0, 1
    try:
        for cells in reader:
            number += 1
            rows.append(Row(number, line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise EntryError(
            f"{where_of(source, Row(number + 1, line, []))}: not readable as CSV ({error})"
        ) from None
    filled = [row for row in rows if any(cell.strip() for cell in row.cells)]
    if not filled:
        raise EntryError(f"{source} is empty: there is nothing to import")
    return filled[0].cells, filled[1:], delimiter


def check_width(row: Row, header: Sequence[str], source: str) -> None:
    if len(row.cells) != len(header):
        raise EntryError(
            f"{where_of(source, row)}: has {len(row.cells)} cells, the header has {len(header)}"
            " (a missing or extra comma, or a quote not closed?)"
        )
