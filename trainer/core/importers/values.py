"""Parsing one value of a file, each with a message naming where it is: numbers, whole numbers,
durations, dates and times as the exports write them, weight units, JSON numbers and instants."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from typing import Any, Literal, overload

from trainer.core.errors import EntryError

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def number_in(text: str, what: str, where: str, decimal_comma: bool = False) -> float | None:
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


def whole_in(text: str, what: str, where: str, decimal_comma: bool = False) -> int | None:
    number = number_in(text, what, where, decimal_comma)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise EntryError(f"{where}: {what} {text!r} is not a whole number of 0 or more")
    return int(number)


def clock_seconds(text: str, what: str, where: str) -> int | None:
    """Seconds from `90`, `90.0`, `1:30` or `0:01:30`."""
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(?::[0-5]?\d){1,2}", value):
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return total
    number = number_in(value, what, where)
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


def moment_in(text: str, what: str, where: str, example: str) -> datetime:
    found = parse_moment(text)
    if found is None:
        raise EntryError(f"{where}: {what} {text!r} is not a date like {example!r}")
    return found[0]


def unit_in(text: str, where: str) -> str | None:
    value = text.strip().lower().rstrip(".")
    if value in ("kg", "kgs", "kilograms", "kilogram"):
        return "kg"
    if value in ("lb", "lbs", "pounds", "pound"):
        return "lbs"
    if not value:
        return None
    raise EntryError(f"{where}: weight unit {text!r} is neither kgs nor lbs")


def header_unit(column: str) -> str | None:
    if "(kg" in column:
        return "kg"
    if "(lb" in column:
        return "lbs"
    return None


def finite(value: int | float, what: str, where: str) -> float:
    """A JSON number as a float; EntryError for NaN, infinity or an integer too big for a float."""
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise EntryError(f"{where}: {what} {value!r:.40} is not a usable number")
    return number


def iso_day(text: Any, what: str, where: str) -> date:
    if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise EntryError(f"{where}: {what} {text!r} is not a date like 2026-11-25")


@overload
def instant(text: Any, what: str, where: str, optional: Literal[False] = False) -> datetime: ...
@overload
def instant(text: Any, what: str, where: str, optional: bool) -> datetime | None: ...


def instant(text: Any, what: str, where: str, optional: bool = False) -> datetime | None:
    """An ISO time with its zone, in UTC; None only when `optional` and the JSON has null.
    `text` is a JSON value or a CSV cell: anything that is not such a string is refused."""
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
