"""Checking a change to the person's settings (progression rules 6.1, "per user") before saving.

The CLI reads its flags with the `parse_*` functions before the database is opened; the services
check the whole change with `changed_settings`, against the catalogue's band colours, before saving.
Both the CLI and the TUI go through `changed_settings`, so a value is refused with the same message
everywhere.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from trainer.core.entry import check_date, check_pain, parse_day
from trainer.core.errors import EntryError
from trainer.core.model import MAX_LOAD_KG, Settings, Side

SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Settings))
# "unknown" is a real answer (no side is known to be involved), stored as no side.
INVOLVED_SIDES = ("left", "right", "unknown")
NO_DUMBBELLS = "none"
_KG_ITEM = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?)\s*(?:kg)?$")


def parse_involved_side(value: str | Side | None) -> Side | None:
    """left or right; `unknown` (or None) means no involved side is known."""
    if value is None or (isinstance(value, Side) and value is not Side.BOTH):
        return value
    text = str(value).strip().lower()
    if text == "unknown":
        return None
    if text in (Side.LEFT.value, Side.RIGHT.value):
        return Side(text)
    raise EntryError(f"involved side '{value}' is not one of: {', '.join(INVOLVED_SIDES)}")


def parse_dumbbells(text: str) -> tuple[float, ...]:
    """Read the dumbbells a person owns, e.g. `6,8,10,12` (kg; `none` for none)."""
    if text.strip().lower() == NO_DUMBBELLS:
        return ()
    items = [item.strip().lower() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise EntryError(
            "--dumbbells needs weights in kg separated by commas, e.g. --dumbbells 6,8,10,12 "
            f"(or --dumbbells {NO_DUMBBELLS})"
        )
    weights = []
    for item in items:
        match = _KG_ITEM.match(item)
        if match is None:
            raise EntryError(f"--dumbbells: '{item}' is not a weight in kg, e.g. 8 or 2.5")
        weights.append(float(match.group(1)))
    return check_dumbbells(weights)


def check_dumbbells(weights: Iterable[float]) -> tuple[float, ...]:
    """Positive weights up to the load ceiling, returned ascending with repeats dropped."""
    checked = set()
    for kg in weights:
        kg = float(kg)
        if not math.isfinite(kg) or kg <= 0:
            raise EntryError(f"dumbbell weight {kg:g} kg is not a positive weight")
        if kg > MAX_LOAD_KG:
            raise EntryError(
                f"dumbbell weight {kg:g} kg is more than the {MAX_LOAD_KG:g} kg trainer accepts"
            )
        checked.add(kg)
    # Ascending, so "the next available load" is simply the next one up.
    return tuple(sorted(checked))


def parse_bands(text: str) -> tuple[str, ...]:
    """Read a person's band ladder, light to heavy, e.g. `yellow,red,green` (order kept)."""
    items = [item.strip().lower() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise EntryError(
            "--bands needs band colours separated by commas, light to heavy, "
            "e.g. --bands yellow,red,green"
        )
    return _no_repeats(items)


def check_bands(bands: Iterable[str], band_colours: tuple[str, ...]) -> tuple[str, ...]:
    """At least one band, each a colour the catalogue knows, none twice, in the given order."""
    chosen = _no_repeats([band.strip().lower() for band in bands])
    if not chosen:
        raise EntryError("give at least one band colour, light to heavy")
    for colour in chosen:
        if colour not in band_colours:
            raise EntryError(
                f"unknown band colour '{colour}'; the catalogue's bands are: "
                + ", ".join(band_colours)
            )
    return chosen


def _no_repeats(colours: list[str]) -> tuple[str, ...]:
    # A colour twice would make two rungs of the ladder the same load.
    for colour in colours:
        if colours.count(colour) > 1:
            raise EntryError(f"band colour '{colour}' is listed twice; give each band once")
    return tuple(colours)


def changed_settings(
    current: Settings,
    changes: Mapping[str, Any],
    *,
    band_colours: tuple[str, ...],
    today: date,
) -> Settings:
    """`current` with `changes` applied, each value checked; EntryError on the first bad one.

    Values may be typed (int, Side, a sequence of kg or colours, date) or text as typed by a person
    ("left", "6,8,10", "yellow,red", "2026-11-01"). `bands=None` goes back to the catalogue's
    colours, `seen_professional=None` forgets the date and `baseline_pain_left/right=None` makes the
    usual pain not recorded (the engine then estimates it, 6.9.8).
    """
    unknown = sorted(set(changes) - set(SETTING_NAMES))
    if unknown:
        # A caller's mistake, not the person's: the names are fixed by the Settings dataclass.
        raise TypeError(f"unknown settings: {', '.join(unknown)}")
    checked: dict[str, Any] = {}
    for name, value in changes.items():
        if name in ("baseline_pain_left", "baseline_pain_right"):
            side = name.removeprefix("baseline_pain_")
            if value is None:
                checked[name] = None  # not recorded: the engine estimates it (6.9.8)
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise EntryError(f"{side} baseline pain must be a whole number 0-10")
            checked[name] = check_pain(value, f"{side} baseline pain")
        elif name == "involved_side":
            checked[name] = parse_involved_side(value)
        elif name == "dumbbells_kg":
            checked[name] = (
                parse_dumbbells(value) if isinstance(value, str) else check_dumbbells(value)
            )
        elif name == "bands":
            if value is None:
                checked[name] = None
            else:
                chosen = parse_bands(value) if isinstance(value, str) else value
                checked[name] = check_bands(chosen, band_colours)
        elif name == "seen_professional":
            if isinstance(value, str):
                value = parse_day(value, today)
            checked[name] = None if value is None else _seen_on(value, today)
    return dataclasses.replace(current, **checked)


def _seen_on(day: date, today: date) -> date:
    try:
        return check_date(day, today)
    except EntryError as error:
        raise EntryError(f"seen-professional date {error}") from None
