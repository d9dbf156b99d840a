"""What reading a file gives: the sets as a file has them, the sets to write, and a backup."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from trainer.core.assessment import AssessmentResult
from trainer.core.importers.formats import KG_PER_LB, NORMAL
from trainer.core.model import Load, MorningCheck, SetEntry, Settings, Side, SymptomAnswers, TrainingSession
from trainer.core.plan import Plan
from trainer.core.prescription import PhysioPrescription


@dataclass(frozen=True)
class ImportedSet:
    """One set row of another app's export, as the file has it."""

    row: int  # the row of the file (the header is row 1)
    day: date
    name: str  # the exercise name in the file
    exercise_id: str | None  # the catalogue id it maps to, None if none
    set_order: int  # 1-based position within the exercise (as the file numbers it)
    reps: int | None
    seconds: int | None
    weight: float | None  # as written in the file (None: empty)
    unit: str | None  # "kg" or "lbs"; None when the file does not say
    key: str  # format + stable fields, so a second import of the file is recognised
    kind: str = NORMAL  # normal, warmup, dropset or failure
    time: datetime | None = None  # the workout's start, naive local time (None: date only)
    level: int | None = None  # the name means this level of the ladder
    side: Side | None = None  # the side the name or a note names (None: not said)

    @property
    def weight_kg(self) -> float | None:
        """The weight in kg (rounded to 10 g); None for body weight or an unknown unit."""
        if not self.weight or self.unit is None:
            return None
        kg = self.weight * KG_PER_LB if self.unit == "lbs" else self.weight
        return round(kg, 2)


@dataclass(frozen=True)
class TrainerSet:
    """One set of trainer's own export: everything that was logged."""

    row: int  # position in the file: CSV row, or item number in the JSON's "sets"
    day: date
    exercise_id: str
    level: int
    side: Side
    set_number: int
    reps: int | None
    hold_s: int | None
    load: Load
    pain: int | None
    sharp: bool
    stopped_early: bool
    technique_ok: bool
    logged_at: datetime  # UTC-aware
    key: str = ""
    # The import key the set had in the database (JSON backups from #16.4 on), in a tuple:
    # (None,) for a set logged in trainer; () when the file does not say (CSV, older backups).
    own_key: tuple[str | None, ...] = ()

    def entry(self) -> SetEntry:
        return SetEntry(
            exercise_id=self.exercise_id, level=self.level, side=self.side, reps=self.reps,
            hold_s=self.hold_s, load=self.load, pain=self.pain, sharp=self.sharp,
            stopped_early=self.stopped_early, technique_ok=self.technique_ok,
        )


@dataclass(frozen=True)
class NewSet:
    """A set ready to be written: the entry, its day, its import key and when it was done."""

    day: date
    entry: SetEntry
    key: str
    row: int
    logged_at: datetime | None = None  # UTC-aware (trainer's exports)
    time: datetime | None = None  # naive local time of the workout (other apps; None: date only)
    set_number: int | None = None  # kept from trainer's exports; other apps' sets are numbered anew
    # The import key a backup says the set had ((None,): logged in trainer, no key); () for
    # every other file, whose sets are stored with `key`.
    own_key: tuple[str | None, ...] = ()

    @property
    def stored_key(self) -> str | None:
        """The import key the set is written with. `key` recognises a set already here; a
        restored set keeps the key it had, so the file it first came from (a Strong export,
        say) is still recognised after the restore."""
        return self.own_key[0] if self.own_key else self.key


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file's sets would do, all checked; nothing written yet."""

    format: str
    rows: int  # data rows read (header and blank lines not counted)
    set_rows: int  # rows that are sets (of any exercise)
    sets: tuple[NewSet, ...]  # the sets to write
    non_set: int = 0  # rows that are not sets: rest timers, neither reps nor seconds
    warmups: int = 0  # warm-up sets of mapped exercises, not imported
    unfit: int = 0  # sets of mapped exercises that do not fit the exercise, not imported
    mapped: dict[str, int] = field(default_factory=dict)  # catalogue id -> sets to write
    unmapped: dict[str, int] = field(default_factory=dict)  # name in the file -> rows
    hints: dict[str, str] = field(default_factory=dict)  # unmapped name -> closest catalogue id
    matched_names: frozenset[str] = frozenset()  # names in the file that matched an exercise
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Backup:
    """Everything in a trainer JSON export, checked."""

    settings: Settings
    plans: tuple[Plan, ...]
    sessions: tuple[TrainingSession, ...]
    sets: ImportPlan
    mornings: tuple[MorningCheck, ...]
    symptoms: tuple[SymptomAnswers, ...]
    # The visits to a professional, oldest first (6.9.14); an export made before they were kept
    # has only the settings' seen_professional, which counts as one.
    visits: tuple[date, ...] = ()
    # After pain on one side: (date, exercise id, side that hurt, carried on) (issue 15.4).
    pain_choices: tuple[tuple[date, str, Side, bool], ...] = ()
    # The person's --map names: (app, name, exercise id, level) (issue 16.1).
    name_maps: tuple[tuple[str, str, str, int | None], ...] = ()
    # The self-assessment results (#16.4); none in a backup made before they were kept.
    assessments: tuple[AssessmentResult, ...] = ()
    # The physiotherapist's prescriptions: (starts on, source, the file's text, checked) (issue 19).
    prescriptions: tuple[tuple[date, str, str, PhysioPrescription], ...] = ()
    notes: tuple[str, ...] = ()  # what of the file (besides sets) was left out, and why


@dataclass
class ParsedFile:
    """The set rows of another app's export, before they are checked against the catalogue."""

    format: str
    rows: int = 0  # data rows (header and blank rows not counted)
    sets: list[ImportedSet] = field(default_factory=list)  # rows that are sets, any exercise
    non_set: int = 0  # rows that are not sets
    unit_stated: bool = True  # False: the file does not say whether weights are kg or lbs
    notes: list[str] = field(default_factory=list)
