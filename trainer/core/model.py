"""The domain vocabulary: exercises and their ladders, sides, loads and logged sets.

Frozen dataclasses only; parsing of the catalogue file lives in `catalog.py`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.errors import EntryError

if TYPE_CHECKING:  # core.assessment imports this module
    from trainer.core.assessment import AssessmentTest


class Group(StrEnum):
    """Purpose group; the declaration order is the order of a session (the article's principles)."""

    WARM_UP = "warm-up"
    MOBILITY = "mobility"
    ACTIVATION = "activation"
    STRENGTH = "strength"
    CORE = "core"
    INTEGRATION = "integration"
    COOL_DOWN = "cool-down"

    @property
    def order(self) -> int:
        return list(Group).index(self)


class Sidedness(StrEnum):
    """How an exercise works the two sides."""

    EACH = "each"  # all sets on one side, then the other
    ALTERNATING = "alternating"  # left and right in turn within a set
    BOTH = "both"  # both sides at once


class DoseKind(StrEnum):
    """What one set counts."""

    REPS = "reps"
    HOLD = "hold"  # seconds
    STEPS = "steps"


class LoadKind(StrEnum):
    """External load a ladder level can take. Band colours and kilograms are loads, not levels."""

    BAND = "band"
    WEIGHT = "weight"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def phrase(self) -> str:
        """The side in a sentence: "the left side", "the right side", "both sides"."""
        return "both sides" if self is Side.BOTH else f"the {self.value} side"

    @property
    def label(self) -> str:
        """The side as a short label: "left", "right", "both sides"."""
        return "both sides" if self is Side.BOTH else self.value

    @property
    def each(self) -> tuple[Side, ...]:
        """The sides this stands for: a set for BOTH counts for the left and for the right side
        (the one meaning of "both sides", issue 17.2)."""
        return (Side.LEFT, Side.RIGHT) if self is Side.BOTH else (self,)

    def covers(self, side: Side) -> bool:
        """Whether a set logged for this side counts for `side`."""
        return side in self.each or self is side


@dataclass(frozen=True)
class Level:
    """One rung of an exercise's progression ladder, numbered from 1 (easiest)."""

    number: int
    name: str
    sets: int
    min: int
    max: int
    entry: bool = False
    loads: tuple[LoadKind, ...] = ()
    sided: Sidedness | None = None
    rep_hold_s: int | None = None
    how: str = ""
    load_required: bool = False  # the variation itself needs a band or weight (6.9.5)
    aliases: tuple[str, ...] = ()  # names other apps use for this level (core/names.py)

    @property
    def takes_load(self) -> bool:
        return bool(self.loads)


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    group: Group
    muscles: tuple[str, ...]
    sided: Sidedness
    dose: DoseKind
    levels: tuple[Level, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    stretch: bool = False
    rest_s: int = 60
    aliases: tuple[str, ...] = ()  # names other apps use for the exercise (core/names.py)
    # Set by a physiotherapist's prescription (core.prescription.prescribed_catalogue), never by
    # the catalogue file: the level each side starts from, the most sets, and the pain above
    # which the exercise stops and steps back.
    start_left: int | None = None
    start_right: int | None = None
    sets_cap: int | None = None
    pain_limit: int | None = None
    # The day a prescription that sets a start level applies from: the engine judges this
    # exercise from that day only, so each side starts again at its prescribed level.
    restart_on: date | None = None

    @property
    def entry_level(self) -> Level:
        return next(level for level in self.levels if level.entry)

    def start_level(self, side: Side) -> Level:
        """Where a side with no sessions starts: the prescribed level, else the entry level."""
        number = self.start_left if side is Side.LEFT else self.start_right if side is Side.RIGHT else None
        return self.level(number) if number else self.entry_level

    def level(self, number: int) -> Level:
        """The ladder level `number` (1-based); EntryError if the ladder has no such level."""
        if not 1 <= number <= len(self.levels):
            raise EntryError(
                f"{self.id} has levels 1-{len(self.levels)}; there is no level {number}"
            )
        return self.levels[number - 1]

    def sided_at(self, level: Level) -> Sidedness:
        return level.sided or self.sided

    @property
    def counts_seconds(self) -> bool:
        return self.dose is DoseKind.HOLD


@dataclass(frozen=True)
class Catalogue:
    exercises: tuple[Exercise, ...]
    band_colours: tuple[str, ...]
    source: str = "catalog.toml"
    assessments: tuple[AssessmentTest, ...] = ()  # the self-assessment tests
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {ex.id: ex for ex in self.exercises})

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; EntryError naming the closest ids otherwise."""
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise EntryError(self._unknown_message(exercise_id)) from None

    def _unknown_message(self, exercise_id: str) -> str:
        close = difflib.get_close_matches(exercise_id.lower(), list(self._by_id), n=3, cutoff=0.5)
        # Names as people say them ("clamshells", "Dead Bug") also count as close.
        wanted = exercise_id.lower().replace(" ", "-").rstrip("s")
        close += [i for i in self._by_id if wanted and wanted in i and i not in close]
        hint = f"; did you mean {' or '.join(close[:3])}?" if close else "; see `trainer catalog`"
        return f"unknown exercise '{exercise_id}'{hint}"

    def by_group(self) -> list[tuple[Group, list[Exercise]]]:
        """Exercises grouped in session order, catalogue order inside a group."""
        return [
            (group, [ex for ex in self.exercises if ex.group is group])
            for group in Group
            if any(ex.group is group for ex in self.exercises)
        ]


MAX_LOAD_KG = 300.0
_KG = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*kg$")


@dataclass(frozen=True)
class Load:
    """External load of a set: kilograms, a band colour, or neither (body weight)."""

    kg: float | None = None
    band: str | None = None

    @property
    def is_bodyweight(self) -> bool:
        return self.kg is None and self.band is None

    @property
    def kind(self) -> LoadKind | None:
        if self.kg is not None:
            return LoadKind.WEIGHT
        if self.band is not None:
            return LoadKind.BAND
        return None

    def __str__(self) -> str:
        """The load as `--load` reads it and JSON keeps it: "8kg", "red-band", "bw"."""
        if self.kg is not None:
            return f"{self.kg:g}kg"
        if self.band is not None:
            return f"{self.band}-band"
        return "bw"

    @property
    def words(self) -> str:
        """The load as a sentence says it: "8 kg", "red band", "body weight"."""
        if self.kg is not None:
            return f"{self.kg:g} kg"
        if self.band is not None:
            return f"{self.band} band"
        return "body weight"


BODYWEIGHT = Load()


def parse_load(text: str, band_colours: tuple[str, ...]) -> Load:
    """Read `8kg`, `2.5kg`, `red-band` or `bw`; EntryError with the accepted forms otherwise."""
    value = text.strip().lower()
    if value in ("bw", "bodyweight", "body-weight"):
        return BODYWEIGHT
    if match := _KG.match(value):
        kg = float(match.group(1))
        if not 0 < kg <= MAX_LOAD_KG:
            raise EntryError(f"load {text!r} is out of range: give 0.5-{MAX_LOAD_KG:g} kg")
        return Load(kg=kg)
    if value.endswith("-band"):
        colour = value.removesuffix("-band")
        if colour in band_colours:
            return Load(band=colour)
        raise EntryError(
            f"unknown band colour '{colour}'; the catalogue's bands are: "
            + ", ".join(band_colours)
        )
    raise EntryError(
        f"cannot read load {text!r}: use kilograms like 8kg or 2.5kg, a band like "
        f"{band_colours[0] if band_colours else 'red'}-band, or bw for body weight"
    )


@dataclass(frozen=True)
class SetEntry:
    """One set about to be logged, already checked against the catalogue."""

    exercise_id: str
    level: int
    side: Side
    reps: int | None
    hold_s: int | None
    load: Load
    pain: int | None
    sharp: bool = False
    stopped_early: bool = False
    technique_ok: bool = True


@dataclass(frozen=True)
class LoggedSet:
    """A set as stored: what was done, when, and in which session."""

    id: int
    session_id: int
    date: date
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
    logged_at: datetime
    # Set by an import: the file and row the set came from (None: logged in trainer).
    import_key: str | None = None


@dataclass(frozen=True)
class TrainingSession:
    """A day's session: planned, in progress (also after a crash, until finished), done, skipped."""

    id: int
    date: date
    status: str
    started_at: datetime | None = None
    finished_at: datetime | None = None
    notes: str = ""


@dataclass(frozen=True)
class SideSession:
    """What one side did of one exercise on one day: the unit the progression engine judges."""

    date: date
    exercise_id: str
    side: Side  # LEFT or RIGHT; a set logged for both sides counts for each
    level: int
    load: Load
    performed: tuple[int, ...]  # reps (or steps) per set, or seconds per set for holds
    pain: int  # worst pain during, 0-10 (0 when not recorded)
    sharp: bool
    stopped_early: bool
    technique_ok: bool
    # The worst pain of the sets logged for this side alone: what counts for the side's weekly
    # trend and referrals (6.9.6; a both-sides set's pain counts only for its exercise). None:
    # the same as `pain` (every set was this side's).
    side_pain: int | None = None
    # Was pain written down for any of its sets? An import from another app has none: its 0 means
    # "not recorded", which a report or chart must not show as no pain (issue 16.5).
    pain_noted: bool = True
    # Was any set logged for this side alone? A day of only both-sides-at-once sets says nothing
    # about left against right, so it never enters the symmetry index (issue 16.5).
    own_sets: bool = True

    @property
    def own_side_pain(self) -> int:
        return self.pain if self.side_pain is None else self.side_pain


class SetFacts(NamedTuple):
    """What the engine reads of one logged set (a plain row, so years of them load quickly)."""

    date: date
    exercise_id: str
    side: str  # "left", "right" or "both"
    level: int
    kg: float | None
    band: str | None
    amount: int  # reps, steps or seconds
    pain: int
    sharp: bool
    stopped_early: bool
    technique_ok: bool
    pain_noted: bool = True  # False: no pain written down for this set (0 stands in for it)


def side_sessions_from(sets: list[LoggedSet]) -> list[SideSession]:
    """Group logged sets into side-sessions, oldest first; `both` counts for left and right.

    If one side did an exercise at two levels or loads on one day, the last one logged counts as
    the dose, and every set counts toward pain and flags.
    """
    ordered = sorted(sets, key=lambda s: (s.date, s.id))
    return side_sessions_of(
        SetFacts(
            s.date, s.exercise_id, s.side.value, s.level, s.load.kg, s.load.band,
            (s.hold_s if s.hold_s is not None else s.reps) or 0, s.pain or 0,
            s.sharp, s.stopped_early, s.technique_ok, s.pain is not None,
        )
        for s in ordered
    )


_BOTH_SIDES = {"left": ("left",), "right": ("right",), "both": ("left", "right")}


def side_sessions_of(facts: Iterable[SetFacts]) -> list[SideSession]:
    """`side_sessions_from` for sets already in logging order (by date, then as logged)."""
    groups: dict[tuple[date, str, str], list[SetFacts]] = {}
    for fact in facts:
        for side in _BOTH_SIDES[fact.side]:
            key = (fact.date, fact.exercise_id, side)
            group = groups.get(key)
            if group is None:
                groups[key] = [fact]
            else:
                group.append(fact)
    loads: dict[tuple[float | None, str | None], Load] = {}
    sides = {"left": Side.LEFT, "right": Side.RIGHT}
    sessions = []
    for (day, exercise_id, side), group in groups.items():
        last = group[-1]
        level, kg, band = last.level, last.kg, last.band
        load = loads.get((kg, band))
        if load is None:
            load = loads[(kg, band)] = Load(kg=kg, band=band)
        # One pass per group: years of sets go through here.
        performed, pain, sharp, stopped, technique = [], 0, False, False, True
        own_pain, shared, noted, own = 0, False, False, False
        for f in group:
            noted = noted or f.pain_noted
            if f.level == level and f.kg == kg and f.band == band:
                performed.append(f.amount)
            pain = f.pain if f.pain > pain else pain
            if f.side == "both":
                shared = True
            else:
                own = True
                if f.pain > own_pain:
                    own_pain = f.pain
            sharp = sharp or f.sharp
            stopped = stopped or f.stopped_early
            technique = technique and f.technique_ok
        sessions.append(
            SideSession(
                day, exercise_id, sides[side], level, load, tuple(performed), pain, sharp, stopped,
                technique, own_pain if shared else None, noted, own,
            )
        )
    sessions.sort(key=lambda s: (s.date, s.exercise_id, s.side.value))
    return sessions


@dataclass(frozen=True)
class MorningCheck:
    """Pain and muscle soreness of one side on waking, for the training day before `date`."""

    date: date
    side: Side
    pain: int
    soreness: int | None = None


@dataclass(frozen=True)
class Settings:
    """What the engine needs to know about the person (progression rules 6.1, per user)."""

    # The usual pain on waking per side (0-10); None: not recorded, the engine estimates it
    # from the first week's mornings (6.9.8, core/usual_pain.py).
    baseline_pain_left: int | None = None
    baseline_pain_right: int | None = None
    involved_side: Side | None = None  # LEFT or RIGHT when known
    dumbbells_kg: tuple[float, ...] = ()  # what the person owns, ascending
    bands: tuple[str, ...] | None = None  # the person's band ladder, light to heavy; None: the catalogue's
    seen_professional: date | None = None  # last time a professional assessed them

    def baseline_pain(self, side: Side) -> int | None:
        return self.baseline_pain_left if side is Side.LEFT else self.baseline_pain_right


@dataclass(frozen=True)
class SymptomAnswers:
    """One answer to the red-flag checklist: the ids answered yes (empty: none of them).

    `mistaken`: the person marked the answer as given by mistake; it no longer counts (6.9.13).
    `id` addresses a stored answer; it takes no part in comparing answers."""

    date: date
    yes: frozenset[str]
    mistaken: bool = False
    id: int | None = field(default=None, compare=False)


class SessionStatus:
    """The states a TrainingSession's `status` takes (stored as this text)."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"
    ALL = (PLANNED, IN_PROGRESS, DONE, SKIPPED)
