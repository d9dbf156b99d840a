"""Checking what a person wants to log against the catalogue, before anything is written.

Both the CLI and the TUI log through `sets_to_log`, so the same input is accepted or refused with
the same message everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer.core.catalog import MAX_HOLD_S, MAX_REPS
from trainer.core.errors import EntryError
from trainer.core.model import (
    BODYWEIGHT,
    Catalogue,
    DoseKind,
    Exercise,
    Level,
    Load,
    MorningCheck,
    SetEntry,
    Side,
    Sidedness,
    parse_load,
)
from trainer.core.numbers import MAX_DIGITS, whole_number  # noqa: F401  (re-exported)

PAIN_MIN, PAIN_MAX = 0, 10


@dataclass(frozen=True)
class Standing:
    """What a side last performed of an exercise: the starting point when level/load are omitted."""

    level: int
    load: Load


def parse_counts(text: str, what: str) -> list[int]:
    """Read a comma list such as `15,15,12` (one number per set)."""
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise EntryError(f"--{what} needs numbers separated by commas, e.g. --{what} 15,15,12")
    return [whole_number(item, f"--{what}") for item in items]


def parse_side(text: str) -> Side:
    try:
        return Side(text.strip().lower())
    except ValueError:
        raise EntryError(f"side '{text}' is not one of: left, right, both") from None


# What a set logged without a pain value records, in the app (empty pain field) and in
# `trainer log` (no --pain) alike: the help, the CLI's --help and the README say this sentence.
PAIN_NOT_NOTED = (
    "A set logged with no pain value (an empty pain field, or no --pain) is saved as "
    '"pain not noted" and every decision counts it as no pain (0/10).'
)


def check_pain(pain: int | None, what: str = "pain") -> int | None:
    if pain is not None and not PAIN_MIN <= pain <= PAIN_MAX:
        raise EntryError(f"{what} {pain} is outside the scale 0-10 (0 none, 10 worst imaginable)")
    return pain


def check_date(on: date, today: date) -> date:
    if on > today:
        raise EntryError(f"{on.isoformat()} is in the future (today is {today.isoformat()})")
    return on


def morning_check(
    side: Side, pain: int, soreness: int | None, *, on: date, today: date
) -> MorningCheck:
    """A checked next-morning entry: pain (and, if given, muscle soreness) on waking, 0-10."""
    check_date(on, today)
    check_pain(pain)
    check_pain(soreness, "soreness")
    return MorningCheck(date=on, side=side, pain=pain, soreness=soreness)


def sets_to_log(
    catalogue: Catalogue,
    exercise_id: str,
    side: Side,
    *,
    reps: list[int] | None = None,
    holds: list[int] | None = None,
    level: int | None = None,
    load: str | Load | None = None,
    pain: int | None = None,
    sharp: bool = False,
    stopped: bool = False,
    poor_technique: bool = False,
    on: date,
    today: date,
    standing: Standing | None = None,
) -> list[SetEntry]:
    """The sets to write for one side of one exercise, or EntryError saying what is wrong.

    Without `level` or `load` the side's last performed level and load count (progression rules
    6.8.6), else the ladder's entry level at body weight.
    """
    exercise = catalogue.get(exercise_id)
    check_date(on, today)
    check_pain(pain)
    counts, counting_seconds = _counts_for(exercise, reps, holds)
    _check_counts(counts, counting_seconds, stopped)

    chosen = exercise.level(level) if level is not None else _current_level(exercise, standing)
    _check_side(exercise, chosen, side)
    chosen_load = _load_for(catalogue, exercise, chosen, load, standing)

    return [
        SetEntry(
            exercise_id=exercise.id,
            level=chosen.number,
            side=side,
            reps=None if counting_seconds else count,
            hold_s=count if counting_seconds else None,
            load=chosen_load,
            pain=pain,
            sharp=sharp,
            stopped_early=stopped,
            technique_ok=not poor_technique,
        )
        for count in counts
    ]


def _counts_for(
    exercise: Exercise, reps: list[int] | None, holds: list[int] | None
) -> tuple[list[int], bool]:
    if (reps is None) == (holds is None):
        wanted = "--hold SECONDS" if exercise.counts_seconds else "--reps COUNTS"
        raise EntryError(f"give either --reps or --hold (for {exercise.id}: {wanted})")
    if exercise.counts_seconds and reps is not None:
        raise EntryError(f"{exercise.id} is held for time: log it with --hold SECONDS, not --reps")
    if not exercise.counts_seconds and holds is not None:
        unit = "steps" if exercise.dose is DoseKind.STEPS else "repetitions"
        raise EntryError(f"{exercise.id} counts {unit}: log it with --reps, not --hold")
    return (holds, True) if holds is not None else (reps or [], False)


def _check_counts(counts: list[int], seconds: bool, stopped: bool) -> None:
    ceiling, unit = (MAX_HOLD_S, "seconds") if seconds else (MAX_REPS, "reps")
    if not counts:
        raise EntryError("no sets given")
    if len(counts) > 20:
        raise EntryError(f"{len(counts)} sets at once is more than the 20 trainer accepts")
    for count in counts:
        if count < 0:
            raise EntryError(f"{count} {unit} is negative")
        if count > ceiling:
            raise EntryError(f"{count} {unit} is more than the {ceiling} trainer accepts for a set")
        if count == 0 and not stopped:
            raise EntryError(f"a set of 0 {unit} counts only with --stopped (stopped early)")


def _current_level(exercise: Exercise, standing: Standing | None) -> Level:
    if standing is not None and 1 <= standing.level <= len(exercise.levels):
        return exercise.level(standing.level)
    return exercise.entry_level


def _check_side(exercise: Exercise, level: Level, side: Side) -> None:
    sided = exercise.sided_at(level)
    if sided is Sidedness.BOTH and side is not Side.BOTH:
        raise EntryError(f"{exercise.id} level {level.number} works both sides at once: use --side both")
    if sided is not Sidedness.BOTH and side is Side.BOTH:
        raise EntryError(
            f"{exercise.id} level {level.number} is logged per side: use --side left or --side right"
        )


def _load_for(
    catalogue: Catalogue,
    exercise: Exercise,
    level: Level,
    load: str | Load | None,
    standing: Standing | None,
) -> Load:
    if load is None:
        # Carry the last load forward only where this level can take it.
        if standing is not None and standing.load.kind in level.loads:
            return standing.load
        return BODYWEIGHT
    chosen = load if isinstance(load, Load) else parse_load(load, catalogue.band_colours)
    if chosen.kind is not None and chosen.kind not in level.loads:
        takes = " or ".join(k.value for k in level.loads) if level.loads else "no external load"
        raise EntryError(
            f"{exercise.id} level {level.number} ({level.name}) takes {takes}; "
            f"'{chosen}' does not fit"
        )
    return chosen


# A typed date further than this from today is a slip (0001-01-01, 9999-12-31), not a day of
# training. Refusing it also keeps the date sums done with it (weeks ahead, windows behind) inside
# the calendar: near year 1 or 9999 they overflow.
MAX_YEARS_AWAY = 100


def parse_day(text: str, today: date) -> date:
    """Read a date as YYYY-MM-DD, `today`, `yesterday` or `tomorrow`, within MAX_YEARS_AWAY of
    today. Whether a future day makes sense is for the caller (logging refuses one)."""
    value = text.strip().lower()
    relative = {"yesterday": -1, "today": 0, "tomorrow": 1}
    if value in relative:
        return date.fromordinal(today.toordinal() + relative[value])
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise EntryError(
            f"cannot read date '{text}': use YYYY-MM-DD, today, yesterday or tomorrow"
        ) from None
    if abs(day.year - today.year) > MAX_YEARS_AWAY:
        raise EntryError(
            f"date {day.isoformat()} is more than {MAX_YEARS_AWAY} years from today "
            f"({today.isoformat()}); is it a typing slip?"
        )
    return day
