"""trainer's own sets, shared by its CSV and JSON exports: their import keys, the checks of
each value, and the sets to write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TypedDict

from trainer.core.catalog import MAX_HOLD_S, MAX_REPS
from trainer.core.errors import EntryError
from trainer.core.importers.bounds import MAX_SET_NUMBER, check_bounds, check_day_range
from trainer.core.importers.results import ImportPlan, NewSet, TrainerSet
from trainer.core.model import MAX_LOAD_KG, Catalogue, Load, Side


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


def trainer_plan(
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


class SetValues(TypedDict):
    """One set of trainer's own export as read from the file, each value of the right type but
    not yet checked against the catalogue and the bounds."""

    date: date
    exercise: str
    level: int
    side: str
    set: int
    reps: int | None
    hold_s: int | None
    load_kg: float | None
    load_band: str | None
    pain: int | None
    sharp: bool
    stopped: bool
    technique_ok: bool
    logged_at: datetime


def check_trainer_set(values: SetValues, catalogue: Catalogue, where: str, row: int) -> TrainerSet | None:
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
