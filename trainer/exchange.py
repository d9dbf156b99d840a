"""Export all of a person's data (JSON or CSV) and import files into the database.

Imports read trainer's own exports (JSON: everything; CSV: the sets) and the CSV exports of
Strong, Hevy and FitNotes; `trainer.core.importers` does the reading and checking. Here the file
is read from disk, checked WHOLE, and only then written: the sets in one transaction
(`Store.import_sets`), so a bad file leaves the database as it was, and every set carries an
import key, so importing a file twice adds nothing the second time.

A JSON export read back into an empty database gives the same export again, and the same
database, table by table (tests/test_backup_round_trip.py): it also carries each set's import key
(null for a set logged here), so a file imported before the backup is still recognised after a
restore, and the self-assessment results. Older exports without those keys still import. Two things the
store's API cannot yet restore exactly are reported as notes rather than invented: a session
marked done without a finish time (the store only finishes a session at a given time; it gets
its start time), and session notes (no method writes them; trainer does not write them yet
either). Set numbers with a gap (a set deleted) are numbered again 1, 2, ... on import.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from trainer import __version__
from trainer.core.clock import Clock
from trainer.core.errors import EntryError
from trainer.core.importers import (
    BOUNDS_NOTE,
    EXPORT_MARKER,
    EXPORT_VERSION,
    FORMAT_NAMES,
    FORMULA_STARTS,
    TRAINER_CSV,
    TRAINER_CSV_COLUMNS,
    TRAINER_JSON,
    Backup,
    ImportPlan,
    detect_format,
    local_noon,
    read_backup,
    read_import,
    trainer_keys,
    weekday_names,
)
from trainer.core.model import Catalogue, SessionStatus, Settings, SymptomAnswers
from trainer.core.names import NameMatch
from trainer.core.prescription import prescription_json
from trainer.core.set_json import set_json
from trainer.core.terminal_text import visible
from trainer.private_files import user_path

if TYPE_CHECKING:
    from trainer.store import Store


class Services(Protocol):
    """What the file exchange works on: the facade hands itself over (trainer.services), and this
    module never imports it, so the arrows point one way (services -> exchange -> store)."""

    @property
    def store(self) -> Store: ...

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def clock(self) -> Clock: ...

MAX_IMPORT_BYTES = 100 * 1024 * 1024  # far above any phone app's export


# --- export ------------------------------------------------------------------------------------


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


class _StreamedArray(list):
    """A JSON array that json's (pure Python, indenting) encoder writes item by item as it
    iterates, instead of a list of every item built first: ten years of sets are 130,000."""

    def __init__(self, count: int, items: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._count, self._items = count, items

    def __len__(self) -> int:  # the encoder writes [] for an empty array
        return self._count

    def __iter__(self) -> Iterator[Any]:
        return self._items()


def export_json(services: Services, streamed: bool = False) -> dict[str, Any]:
    """Everything in the database, as plain JSON values (database ids left out); `streamed`:
    the sets are read as the JSON encoder writes them (see `export_chunks`)."""
    store = services.store
    settings = store.settings()
    if streamed:
        sets: list = _StreamedArray(
            store.count_sets(), lambda: (set_json(s) for s in store.iter_sets_oldest_first())
        )
    else:
        sets = [set_json(s) for s in store.iter_sets_oldest_first()]
    return {
        "format": EXPORT_MARKER,
        "version": EXPORT_VERSION,
        "trainer": __version__,
        "settings": {
            "baseline_pain_left": settings.baseline_pain_left,
            "baseline_pain_right": settings.baseline_pain_right,
            "involved_side": settings.involved_side.value if settings.involved_side else None,
            "dumbbells_kg": list(settings.dumbbells_kg),
            "bands": None if settings.bands is None else list(settings.bands),
            "seen_professional": (
                settings.seen_professional.isoformat() if settings.seen_professional else None
            ),
        },
        "plans": [
            {
                "weekdays": weekday_names(plan),
                "start": plan.start.isoformat(),
                "effective_from": plan.effective_from.isoformat(),
                "rrule": plan.rule,
                "involved_side": plan.involved_side.value if plan.involved_side else None,
                "minutes": plan.minutes,
            }
            for plan in store.plans()
        ],
        "sessions": [
            {
                "date": session.date.isoformat(),
                "status": session.status,
                "started_at": _stamp(session.started_at),
                "finished_at": _stamp(session.finished_at),
                "notes": session.notes,
            }
            for session in store.sessions()
        ],
        "sets": sets,
        "morning_checks": [
            {
                "date": check.date.isoformat(),
                "side": check.side.value,
                "pain": check.pain,
                "soreness": check.soreness,
            }
            for check in store.morning_checks()
        ],
        "symptom_answers": [
            {"date": answer.date.isoformat(), "yes": sorted(answer.yes), "mistaken": answer.mistaken}
            for answer in store.symptom_answers()
        ],
        "visits": [{"date": visit.isoformat()} for visit in store.visits()],
        "import_name_maps": [
            {"app": app, "name": name, "exercise": exercise_id, "level": level}
            for app, name, exercise_id, level in store.name_maps()
        ],
        "pain_stop_choices": [
            {"date": day.isoformat(), "exercise": exercise_id, "side": side.value, "carry_on": carry_on}
            for day, exercise_id, side, carry_on in store.pain_choices()
        ],
        "prescriptions": [
            {"starts_on": loaded.starts_on.isoformat(), "source": loaded.source, "text": loaded.text}
            for loaded in store.prescriptions()
        ],
        "assessment_results": [
            {
                "date": result.date.isoformat(),
                "test": result.test_id,
                "side": result.side.value,
                "value": result.value,
                "pain": result.pain,
            }
            for result in store.assessment_results()
        ],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(str(value)) if isinstance(value, str) else str(value)


def csv_safe(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: one starting with =, +, -, @, a tab
    or a carriage return gets a leading apostrophe, the escape spreadsheet programs expect
    (issue 18.5; trainer's CSV import takes it off again)."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _csv_chunks(services: Services, rows_per_chunk: int = 2000) -> Iterator[str]:
    """One row per logged set, oldest first (the columns of TRAINER_CSV_COLUMNS), in pieces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TRAINER_CSV_COLUMNS)
    for count, s in enumerate(services.store.iter_sets_oldest_first(), start=1):
        writer.writerow(
            _cell(value)
            for value in (
                s.date.isoformat(), s.exercise_id, s.level, s.side.value, s.set_number, s.reps,
                s.hold_s, str(s.load), s.pain, s.sharp, s.stopped_early, s.technique_ok,
                _stamp(s.logged_at),
            )
        )
        if count % rows_per_chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def export_csv(services: Services) -> str:
    """One row per logged set, oldest first (the columns of TRAINER_CSV_COLUMNS)."""
    return "".join(_csv_chunks(services))


def export_chunks(services: Services, fmt: str) -> Iterator[str]:
    """The export (`json` or `csv`) as pieces of text, written as they are made: an export of
    years of sets never holds them all in memory."""
    if fmt == "json":
        import json

        encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
        tokens = itertools.chain(encoder.iterencode(export_json(services, streamed=True)), ["\n"])
        return _in_blocks(tokens)
    if fmt == "csv":
        return _csv_chunks(services)
    raise EntryError(f"export format {fmt!r} is neither json nor csv")


def _in_blocks(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Small pieces joined into blocks of about `size` characters: the encoder yields one per
    token, and a write per token would cost more than the export itself."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    yield "".join(block)


def export_text(services: Services, fmt: str) -> str:
    """The export as text: `json` or `csv`."""
    return "".join(export_chunks(services, fmt))


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    format: str
    rows: int  # data rows (JSON: sets) in the file
    set_rows: int  # rows that are sets, of any exercise
    added: int = 0
    duplicates: int = 0  # already in the database (imported before, or the same set logged)
    reloaded: int = 0  # of those, sets whose weight this import reads differently (weight unit)
    non_set: int = 0  # rows that are not sets (rest timers, neither reps nor seconds)
    warmups: int = 0  # warm-up sets of mapped exercises, not imported
    unfit: int = 0  # sets of mapped exercises that could not be imported (see notes)
    mapped: dict[str, int] = field(default_factory=dict)  # catalogue id -> sets in the file
    unmapped: dict[str, int] = field(default_factory=dict)  # name -> rows, not imported
    hints: dict[str, str] = field(default_factory=dict)  # unmapped name -> closest exercise id
    restored: dict[str, int] = field(default_factory=dict)  # JSON: settings, plans, ...
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "rows": self.rows,
            "set_rows": self.set_rows,
            "added": self.added,
            "duplicates_skipped": self.duplicates,
            "weights_replaced": self.reloaded,
            "non_set_rows_skipped": self.non_set,
            "warmups_skipped": self.warmups,
            "unfit_skipped": self.unfit,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "unmapped_hints": self.hints,
            "restored": self.restored,
            "notes": self.notes,
        }

    def text(self) -> str:
        def line(label: str, value: str) -> str:
            return f"  {label + ':':<26}{value}"

        lines = [
            f"{self.file}: {FORMAT_NAMES.get(self.format, self.format)}, {self.rows} rows, "
            f"{self.set_rows} sets.",
            line("added", f"{self.added} sets"),
            line("already there, skipped", f"{self.duplicates} sets"),
            *([line("weights read again", f"{self.reloaded} sets (see notes)")] if self.reloaded else []),
            line("not sets, skipped", f"{self.non_set} rows"),
        ]
        if self.warmups:
            lines.append(line("warm-ups, skipped", f"{self.warmups} sets"))
        if self.unfit:
            lines.append(line("did not fit, skipped", f"{self.unfit} sets (see notes)"))
        if self.mapped:
            lines.append(
                line(
                    "matched in the catalogue",
                    ", ".join(f"{ex} ({n})" for ex, n in self.mapped.items()),
                )
            )
        if self.restored:
            lines.append(
                line("also restored", ", ".join(f"{what} {n}" for what, n in self.restored.items()))
            )
        if self.unmapped:
            lines.append(
                f"  not in the catalogue, not imported ({len(self.unmapped)} names, "
                f"{sum(self.unmapped.values())} rows):"
            )
            for name, n in self.unmapped.items():
                hint = self.hints.get(name)
                lines.append(
                    f"    {name} ({n})"
                    + (f": closest is {hint}; to import as that, add --map \"{name}={hint}\""
                       if hint else "")
                )
            lines.append(
                '    to import a name as a catalogue exercise: --map "Name=exercise-id" '
                "(or =exercise-id:level); `trainer catalog` lists the ids"
            )
        lines.append(f"  {BOUNDS_NOTE}")
        if self.notes:
            lines.append("  notes:")
            lines += [f"    - {note}" for note in self.notes]
        # Names and notes come from the file: nothing in them may act on the terminal (18.4).
        return "\n".join(visible(line) for line in lines)


def read_text(path: str | Path) -> str:
    """The text of a file to import; EntryError for a missing, unreadable or binary file."""
    from trainer.paths import read_bounded

    source = user_path(path)
    data = read_bounded(source, MAX_IMPORT_BYTES, EntryError, "an export to import")
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")  # a CSV saved by some spreadsheet programs
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EntryError(
            f"{source} is not UTF-8 text (byte {error.start}); is it an export in CSV or JSON?"
        ) from None
    if "\x00" in text:
        raise EntryError(f"{source} holds binary data; is it an export in CSV or JSON?")
    return text


def import_file(
    services: Services,
    path: str | Path,
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ImportReport:
    """Import a file: check all of it, then write. `weight_unit` (kg or lbs) is for files that do
    not say (Strong's legacy export); `mappings` are the person's own names for catalogue
    exercises (`--map`)."""
    source = str(path)
    text = read_text(path)
    fmt = detect_format(text, source)
    today = services.clock.today()
    if fmt == TRAINER_JSON:
        backup = read_backup(text, services.catalogue, today=today, source=source)
        # One transaction for the whole file: a restore the database refuses part-way (a full
        # disk, say) leaves nothing of it behind.
        with services.store.all_or_nothing():
            return _restore(services, backup, source)
    given = dict(mappings or {})
    remembered = _remembered_names(services, fmt)
    plan = read_import(
        text, services.catalogue, today=today, source=source, weight_unit=weight_unit,
        mappings={**remembered, **given},
    )
    report = _report(source, plan)
    used = sorted(name for name in remembered if name not in given and name in plan.matched_names)
    if used:
        report.notes.append(
            f"names you mapped at an earlier import were used again: {', '.join(used)}"
        )
    _write_sets(services.store, plan, report)
    # Remembered for this app's next export, once the file went in.
    services.store.save_name_maps(fmt, {name: (m.exercise_id, m.level) for name, m in given.items()})
    return report


def _remembered_names(services: Services, fmt: str) -> dict[str, NameMatch]:
    """The person's earlier `--map`s for this app, those the catalogue still has."""
    remembered = {}
    for _, name, exercise_id, level in services.store.name_maps(fmt):
        if exercise_id not in services.catalogue:
            continue
        ladder = services.catalogue.get(exercise_id).levels
        remembered[name] = NameMatch(exercise_id, level if level and level <= len(ladder) else None)
    return remembered


def _report(source: str, plan: ImportPlan) -> ImportReport:
    return ImportReport(
        file=source,
        format=plan.format,
        rows=plan.rows,
        set_rows=plan.set_rows,
        non_set=plan.non_set,
        warmups=plan.warmups,
        unfit=plan.unfit,
        mapped=dict(plan.mapped),
        unmapped=dict(plan.unmapped),
        hints=dict(plan.hints),
        notes=list(plan.notes),
    )


def _existing_keys(store: Store) -> set[str]:
    """Keys of the sets already in the database, computed as a trainer export would key them,
    so a set logged here and exported is recognised when the export comes back."""
    sets = list(store.iter_sets_oldest_first())
    return set(
        trainer_keys((s.date, s.exercise_id, s.side, s.logged_at, s.set_number) for s in sets)
    )


def _write_sets(store: Store, plan: ImportPlan, report: ImportReport) -> None:
    existing = _existing_keys(store) if plan.format in (TRAINER_JSON, TRAINER_CSV) else set()
    rows = []
    for new in plan.sets:
        if new.key in existing:
            report.duplicates += 1
            continue
        # Other apps write local times without a zone: this computer's zone is the best guess.
        logged_at = new.logged_at or (new.time or local_noon(new.day)).astimezone(UTC)
        rows.append((new.day, new.entry, logged_at, new.stored_key, new.set_number))
    if rows:
        added, skipped = store.import_sets(rows, SessionStatus.DONE)
        report.added += added
        report.duplicates += skipped
    if plan.format not in (TRAINER_JSON, TRAINER_CSV) and report.duplicates:
        # The same file again with the other --weight-unit: its sets get the weights it now gives.
        report.reloaded = store.reload_import_loads(
            [(new.key, new.entry.load.kg) for new in plan.sets if new.entry.load.kg is not None]
        )
        if report.reloaded:
            report.notes.append(
                f"{report.reloaded} sets imported before from this file were given the weights "
                "read now (the weight unit differs from the last import)"
            )


def _restore(services: Services, backup: Backup, source: str) -> ImportReport:
    """Write a checked JSON export: what the database lacks is added, what it has is kept."""
    store = services.store
    now = services.clock.now()
    report = _report(source, backup.sets)
    restored: Counter[str] = Counter()

    # The sets first (the bulk of the file); the sessions they created, and those without sets,
    # then get the file's status and times.
    days = {session.date for session in store.sessions()}
    _write_sets(store, backup.sets, report)
    for session in backup.sessions:
        if session.date in days:
            continue
        store.restore_session(session)
        restored["sessions"] += 1

    # The latest visit is the visits' to restore (below), not a setting to compare.
    current = store.settings()
    theirs = replace(backup.settings, seen_professional=None)
    if theirs != Settings() and replace(current, seen_professional=None) != theirs:
        if replace(current, seen_professional=None) == Settings():
            store.save_settings(replace(theirs, seen_professional=current.seen_professional), now)
            restored["settings"] = 1
        else:
            report.notes.append("your settings differ from the file's: yours were kept")
    # Visits are only ever added (6.9.14): each is a day someone saw the person.
    for visit in backup.visits:
        if store.add_visit(visit, now):
            restored["visits"] += 1

    plans = store.plans()
    if backup.plans and plans != list(backup.plans):
        if plans:
            report.notes.append(
                f"the database already has a plan: the file's {len(backup.plans)} plan versions "
                "were not imported"
            )
        else:
            for plan in backup.plans:
                store.add_plan(plan, now)
            restored["plans"] = len(backup.plans)

    mornings = {(m.date, m.side): m for m in store.morning_checks()}
    differing = 0
    for check in backup.mornings:
        there = mornings.get((check.date, check.side))
        if there is None:
            store.record_morning(check, now)
            restored["morning_checks"] += 1
        elif there != check:
            differing += 1
    if differing:
        report.notes.append(
            f"{differing} morning checks differ from the ones already recorded: those were kept"
        )

    mine = {(app, name) for app, name, _, _ in store.name_maps()}
    for app, name, exercise_id, level in backup.name_maps:
        if (app, name) not in mine:  # the database's own mapping is kept
            store.save_name_maps(app, {name: (exercise_id, level)})
            restored["import_name_maps"] += 1
    known = {(day, exercise_id, side) for day, exercise_id, side, _ in store.pain_choices()}
    for day, exercise_id, side, carry_on in backup.pain_choices:
        if (day, exercise_id, side) not in known:  # the database's own choice is kept
            store.record_pain_choice(day, exercise_id, side, carry_on, now)
            restored["pain_stop_choices"] += 1

    loaded = {(p.starts_on, p.text) for p in store.prescriptions()}
    for starts_on, source, text, prescription in backup.prescriptions:
        if (starts_on, text) not in loaded:  # the same prescription from the same day is kept once
            store.add_prescription(starts_on, source, text, prescription_json(prescription), now)
            restored["prescriptions"] += 1

    answers = _restore_symptoms(store, backup.symptoms, now)
    if answers:
        restored["symptom_answers"] += answers

    # A result here for the same day, test and side is kept: a repeat there is a correction.
    results = {(r.date, r.test_id, r.side): r for r in store.assessment_results()}
    differing = 0
    for result in backup.assessments:
        recorded = results.get((result.date, result.test_id, result.side))
        if recorded is None:
            store.record_assessment(result, now)
            restored["assessment_results"] += 1
        elif recorded != result:
            differing += 1
    if differing:
        report.notes.append(
            f"{differing} self-assessment results differ from the ones already recorded: "
            "those were kept"
        )
    report.notes.extend(backup.notes)
    report.restored = dict(restored)
    return report


def _restore_symptoms(store: Store, answers: Iterable[SymptomAnswers], now: datetime) -> int:
    """Add the file's checklist answers the database lacks; how many were added or marked.

    An answer here and one in the file with the same date and ticks are the same answer, marked
    as a mistake or not (6.9.13): the mark is only ever added, so a backup made before it does
    not stop training again, and one made after it withdraws the answer here too."""
    here: dict[tuple[date, frozenset[str]], list[SymptomAnswers]] = {}
    for answer in store.symptom_answers():
        here.setdefault((answer.date, answer.yes), []).append(answer)
    changed = 0
    unmatched = []
    for answer in answers:  # the same answer, same mark: nothing to do
        same = here.get((answer.date, answer.yes), [])
        match = next((a for a in same if a.mistaken == answer.mistaken), None)
        if match is None:
            unmatched.append(answer)
        else:
            same.remove(match)
    for answer in unmatched:
        same = here.get((answer.date, answer.yes), [])
        if not same:
            store.record_symptoms(answer, now)
            changed += 1
            continue
        match = same.pop(0)  # the other mark: the file's answer is this one
        if answer.mistaken and match.id is not None:
            store.mark_symptoms_mistaken(match.id)
            changed += 1
    return changed
