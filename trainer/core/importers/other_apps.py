"""Other apps' exports (Strong, Hevy, FitNotes): their set rows read by the right reader
(`parse_sets`), then checked against the catalogue into the sets to write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time

from trainer.core.catalog import MAX_HOLD_S, MAX_REPS
from trainer.core.errors import EntryError
from trainer.core.importers.app_sets import with_unique_keys
from trainer.core.importers.bounds import MAX_NAME_CHARS, check_bounds, check_day_range
from trainer.core.importers.csv_rows import where_of
from trainer.core.importers.detect import detect_format
from trainer.core.importers.fitnotes import parse_fitnotes
from trainer.core.importers.formats import FITNOTES, FORMAT_NAMES, HEVY, STRONG, WARMUP, WEIGHT_UNITS
from trainer.core.importers.hevy import parse_hevy
from trainer.core.importers.results import ImportPlan, NewSet, ParsedFile
from trainer.core.importers.strong import parse_strong
from trainer.core.model import MAX_LOAD_KG, Catalogue, Exercise, Level, Load, LoadKind, SetEntry, Side, Sidedness
from trainer.core.names import NameMapper, NameMatch

_PARSERS = {STRONG: parse_strong, HEVY: parse_hevy, FITNOTES: parse_fitnotes}


def parse_sets(
    text: str,
    catalogue: Catalogue,
    *,
    source: str = "the file",
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ParsedFile:
    """Read the set rows of a Strong, Hevy or FitNotes export, names mapped to catalogue ids
    (`mappings`, the person's own, first: core/names.py).

    `weight_unit` (kg or lbs) is used where the file does not say.
    """
    if weight_unit is not None and weight_unit not in WEIGHT_UNITS:
        raise EntryError(f"weight unit {weight_unit!r} is neither kg nor lbs")
    fmt = detect_format(text, source)
    if fmt not in _PARSERS:
        raise EntryError(f"{source} is a {FORMAT_NAMES[fmt]}; read it with read_import")
    parsed = _PARSERS[fmt](text, source, NameMapper(catalogue, mappings), weight_unit)
    parsed.sets = with_unique_keys(parsed.sets)
    return parsed


def _level_for(exercise: Exercise, kg: float | None) -> Level:
    """The entry level; for a set with a weight, the first level from the entry up taking one."""
    entry = exercise.entry_level
    if kg is None or LoadKind.WEIGHT in entry.loads:
        return entry
    return next(
        (lv for lv in exercise.levels if lv.number > entry.number and LoadKind.WEIGHT in lv.loads),
        entry,
    )


def plan_sets(
    parsed: ParsedFile, catalogue: Catalogue, today: date, source: str, mapper: NameMapper
) -> ImportPlan:
    fmt, sets = parsed.format, parsed.sets
    new: list[NewSet] = []
    unmapped: Counter[str] = Counter()
    mapped: Counter[str] = Counter()
    unfit: Counter[tuple[str, str]] = Counter()
    warmups = all_warmups = 0
    raised_level: dict[str, Level] = {}
    timed_holds: Counter[str] = Counter()
    sided: Counter[bool] = Counter()  # True: the set said its side
    for item in sets:
        all_warmups += item.kind == WARMUP
        if len(item.name) > MAX_NAME_CHARS:
            raise EntryError(
                f"{where_of(source, item.row)}: an exercise name of {len(item.name)} characters; "
                f"no app writes one longer than {MAX_NAME_CHARS} (a broken file?)"
            )
        if item.exercise_id is None:
            unmapped[item.name] += 1
            continue
        if item.kind == WARMUP:
            warmups += 1
            continue
        exercise = catalogue.get(item.exercise_id)
        where = where_of(source, item.row)
        if item.day > today:
            raise EntryError(
                f"{where}: {item.name} is dated {item.day.isoformat()}, in the future "
                f"(today is {today.isoformat()})"
            )
        check_day_range(item.day, today, where, f"the date of {item.name}")
        if item.weight and item.unit is None:
            # Strong's legacy export: 44 could be kg or lbs. Guessing could double a load.
            unfit[(item.name, "the file does not say whether its weights are kg or lbs; "
                   "import it again with --weight-unit kg or --weight-unit lbs to add them")] += 1
            continue
        kg = item.weight_kg
        level = exercise.level(item.level) if item.level is not None else _level_for(exercise, kg)
        amount = item.seconds if exercise.counts_seconds else item.reps
        held = None
        if not amount and level.rep_hold_s and item.seconds:
            # Reps of a timed hold (the Copenhagen plank) logged as one hold in seconds: the
            # seconds are kept, counted as the level's holds (at least one).
            held = item.seconds
            amount = max(1, item.seconds // level.rep_hold_s)
        if not amount:
            unit = "seconds" if exercise.counts_seconds else "reps"
            unfit[(item.name, f"no {unit}, which {exercise.id} counts")] += 1
            continue
        if amount > (MAX_HOLD_S if exercise.counts_seconds else MAX_REPS) or (held or 0) > MAX_HOLD_S:
            unfit[(item.name, "more reps or seconds than trainer accepts")] += 1
            continue
        if kg is not None and not 0 < kg <= MAX_LOAD_KG:
            unfit[(item.name, f"a weight outside 0-{MAX_LOAD_KG:g} kg")] += 1
            continue
        if item.level is None and level is not exercise.entry_level:
            raised_level[exercise.id] = level
        side = _side_for(exercise, level, item.side)
        sided[side is not Side.BOTH] += 1
        entry = SetEntry(
            exercise_id=exercise.id,
            level=level.number,
            side=side,
            reps=None if exercise.counts_seconds else amount,
            hold_s=amount if exercise.counts_seconds else held,
            load=Load(kg=kg) if kg is not None else Load(),
            pain=None,
        )
        mapped[exercise.id] += 1
        timed_holds[exercise.id] += held is not None
        new.append(NewSet(item.day, entry, item.key, item.row, time=item.time))
    check_bounds(new, source)
    notes = list(parsed.notes)
    if sided[True]:
        notes.append(
            f"{sided[True]} sets named their side (in the exercise name or a note) and were "
            "imported for that side"
        )
    if sided[False]:
        notes.append(
            f"{FORMAT_NAMES[fmt]}s have no side field and {sided[False]} sets named no side in the "
            "exercise name or a note: they were imported for both sides, with pain not recorded"
        )
    for exercise_id, count in sorted((i, n) for i, n in timed_holds.items() if n):
        notes.append(
            f"{count} sets of {exercise_id} logged as one hold in seconds were imported as that "
            "hold, counted in the level's holds"
        )
    for exercise_id, level in sorted(raised_level.items()):
        notes.append(
            f"weighted sets of {exercise_id} were put at level {level.number} ({level.name}), "
            "the first level from its entry level that takes a weight"
        )
    if all_warmups:
        notes.append(
            f"the file marks {all_warmups} sets as warm-ups; warm-ups are not imported as "
            f"training sets ({warmups} of them are of exercises in the catalogue)"
        )
    for (name, why), count in sorted(unfit.items()):
        notes.append(f"{count} sets of {name!r} not imported: {why}")
    hints = {
        name: hint.id for name in unmapped if (hint := mapper.closest(name)) is not None
    }
    return ImportPlan(
        format=fmt,
        rows=parsed.rows,
        set_rows=len(sets),
        hints=hints,
        matched_names=frozenset(item.name for item in sets if item.exercise_id is not None),
        sets=tuple(new),
        non_set=parsed.non_set,
        warmups=warmups,
        unfit=sum(unfit.values()),
        mapped=dict(sorted(mapped.items())),
        unmapped=dict(sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0]))),
        notes=tuple(notes),
    )


def _side_for(exercise: Exercise, level: Level, named: Side | None) -> Side:
    """The side a set is stored for: the side it names, if the level is done one side at a time."""
    if named is None or exercise.sided_at(level) is Sidedness.BOTH:
        return Side.BOTH
    return named


def local_noon(day: date) -> datetime:
    """The time given to a set whose file has only its date (naive, local)."""
    return datetime.combine(day, time(12, 0))
