"""The progression engine: per exercise and side, progress, hold, regress, deload or stop, and when
pain calls for a professional, with the reason in plain words.

This implements section 6 of design/progression-rules.md; the rule ids in the reasons (PM-1,
TR-1, ...) are that document's. Every threshold lives in `Parameters`.

How a decision is reached: the side-sessions of one exercise and side are replayed oldest first.
After each one the engine decides the prescription for the next session (the "fold"), because
some rules depend on what the engine prescribed before: the hold target of the day, a deload's
fixed dose, the two re-entry sessions after a layoff, a regression that fires only once. The last
step of the replay, evaluated at the requested date, is the suggestion.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from trainer.core.balance import BALANCED_LSI, Pair, Symmetry, comparable, pairs_of, symmetry
from trainer.core.model import (
    BODYWEIGHT,
    Catalogue,
    DoseKind,
    Exercise,
    Group,
    Level,
    Load,
    LoadKind,
    MorningCheck,
    Settings,
    Side,
    Sidedness,
    SideSession,
    SymptomAnswers,
)
from trainer.core.pain import AMBER_MAX, GREEN_MAX, RED_MIN
from trainer.core.symptoms import BY_ID as SYMPTOMS
from trainer.core.symptoms import Urgency, counting, emergency_block
from trainer.core.usual_pain import UsualPain, first_week_mornings, usual_morning_pain
from trainer.core.visits import lifted_by_visit, lifting_visit


@dataclass(frozen=True)
class Parameters:
    """Every threshold of the engine (progression rules 6.4, with the basis of each there)."""

    pain_green_max: int = GREEN_MAX  # the zones are defined once, in core/pain.py
    pain_accept_max: int = AMBER_MAX
    pain_red_min: int = RED_MIN
    copenhagen_regress_above: int = 3
    soreness_progress_max: int = 4
    next_morning_tolerance: int = 0
    trend_deload: float = 2.0
    trend_hold: float = 1.0  # 6.9.7: a weekly rise under 1.0 point is noise, not a reason to hold
    consec_at_target: int = 2
    load_step_min_pct: float = 2.0
    load_jump_flag_pct: float = 10.0
    hold_step_s: int = 5
    hold_cap_s: int = 60
    hold_restart_s: int = 30
    hold_min_s: int = 10
    stretch_steps_s: tuple[int, ...] = (30, 45, 60)
    stretch_regress_s: int = 15
    sets_min: int = 2
    sets_max: int = 3
    red_repeat_refer: int = 2
    sharp_repeat_days: int = 14
    amber_streak_refer_days: int = 14
    no_improvement_days: int = 42
    no_improvement_min_drop: float = 2.0
    no_improvement_min_drop_pct: float = 30.0
    no_improvement_min_level: float = 3.0
    deload_days: int = 7
    layoff_hold_days: int = 8  # gaps of 8-14 days
    layoff_reentry_days: int = 15  # 15-28
    layoff_regress_days: int = 29  # more than 28
    reentry_sessions: int = 2
    lsi_flag: float = BALANCED_LSI  # the 90 % line, defined once (core/balance.py)
    lsi_min_sessions: int = 3
    lsi_window_days: int = 28
    chronic_days: int = 90
    copenhagen_id: str = "copenhagen-plank"
    # Not a rule threshold: how far before a checkpoint a resumed replay reads, more than the
    # longest look-back of the rules (the 28-day symmetry window, two weeks for RE-2).
    lookback_days: int = 60


DEFAULT_PARAMETERS = Parameters()


class Outcome(StrEnum):
    """Decisions, most severe first (6.3)."""

    URGENT = "URGENT"
    REFER = "REFER"
    STOP_NOW = "STOP_NOW"
    DELOAD = "DELOAD"
    REGRESS = "REGRESS"
    HOLD = "HOLD"
    PROGRESS = "PROGRESS"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        """The decision in a few plain words, for a table cell or a heading."""
        return _LABELS[self]


_SEVERITY = {outcome: len(Outcome) - rank for rank, outcome in enumerate(Outcome)}
_LABELS = {
    Outcome.URGENT: "urgent: stop",
    Outcome.REFER: "see a professional",
    Outcome.STOP_NOW: "stop for now",
    Outcome.DELOAD: "lighter week",
    Outcome.REGRESS: "easier",
    Outcome.HOLD: "same dose",
    Outcome.PROGRESS: "step up",
}


class Flag(StrEnum):
    LARGE_JUMP = "LARGE_JUMP"
    MCID_JUMP = "MCID_JUMP"
    AWAITING_24H = "AWAITING_24H"
    ASYMMETRY = "ASYMMETRY"
    SYMMETRY_CAP = "SYMMETRY_CAP"
    REFER = "REFER"  # a STOP_NOW that waits for a professional to see the person (6.9.12)

    @property
    def words(self) -> str:
        """The flag as a patient reads it."""
        return _FLAG_WORDS[self]


_FLAG_WORDS = {
    Flag.LARGE_JUMP: "a big step up: take the first sets carefully",
    Flag.MCID_JUMP: "pain rose by 2 points or more since the session before",
    Flag.AWAITING_24H: "waiting for the next morning's check",
    Flag.ASYMMETRY: "the weaker side",
    Flag.SYMMETRY_CAP: "the stronger side, waiting for the other",
    Flag.REFER: "see a professional",
}


class ReferralLevel(StrEnum):
    EMERGENCY = "emergency"
    GP_THIS_WEEK = "gp_this_week"
    ROUTINE = "routine"


@dataclass(frozen=True)
class Prescription:
    level: int
    load: Load
    sets: int
    reps_min: int | None = None
    reps_max: int | None = None
    hold_s: int | None = None


@dataclass(frozen=True)
class Reason:
    rule: str
    text: str


@dataclass(frozen=True)
class Referral:
    level: ReferralLevel
    side: Side | None
    exercise: str | None
    rule: str
    reason: str


@dataclass(frozen=True)
class SideDecision:
    side: Side
    decision: Outcome
    prescription: Prescription | None  # None: skip this exercise on this side (6.9.12)
    flags: tuple[Flag, ...]
    reasons: tuple[Reason, ...]
    # The last dose done on this side (None before its first session), in the prescription's
    # shape, so a face says the dose before and after in the same words (issue 15.1).
    previous: Prescription | None = None


@dataclass(frozen=True)
class ExerciseAdvice:
    exercise_id: str
    lsi: float | None  # rolling symmetry index, percent
    last_lsi: float | None
    weaker_side: Side | None
    involved_ratio: float | None
    sides: tuple[SideDecision, ...]

    @property
    def asym_pct(self) -> float | None:
        return None if self.lsi is None else 100.0 - self.lsi


@dataclass(frozen=True)
class Suggestion:
    date: date
    urgent: bool
    referrals: tuple[Referral, ...]
    exercises: tuple[ExerciseAdvice, ...]


class DayPain(NamedTuple):
    """The worst pain of one side on one training day, over every exercise of the catalogue."""

    date: date
    side: Side
    pain: int  # 0 when none was written down
    noted: bool = True  # False: no set of that side that day had its pain written down


@dataclass(frozen=True)
class History:
    """Everything logged, as the engine reads it.

    Resuming from checkpoints (see `Checkpoint`), `sessions` need only reach back to each
    exercise's `lookback_from`; the side-level rules still read every training day, so then
    `day_pain` carries those (it is worked out from `sessions` when None).
    """

    sessions: tuple[SideSession, ...] = ()
    mornings: tuple[MorningCheck, ...] = ()
    symptoms: tuple[SymptomAnswers, ...] = ()
    settings: Settings = Settings()
    plan_start: date | None = None
    day_pain: tuple[DayPain, ...] | None = None
    checkpoints: tuple[Checkpoint, ...] = ()
    # Days a professional saw the person (6.9.14); `settings.seen_professional`, the latest
    # visit, counts as one too (see `_visits`).
    visits: tuple[date, ...] = ()
    # The mornings the usual-pain estimate reads (6.9.8): each side's first seven days of morning
    # entries (`usual_pain.first_week_mornings`). None: worked out from `mornings`, which must then
    # reach back to the first entry (resuming from checkpoints, the caller passes these).
    usual_mornings: tuple[MorningCheck, ...] | None = None


def _usual_pains(history: History, on: date) -> tuple[UsualPain, UsualPain]:
    """The usual morning pain of the left and right side as the engine reads it on `on`."""
    source = history.mornings if history.usual_mornings is None else history.usual_mornings
    return tuple(usual_morning_pain(history.settings, side, source, on) for side in (Side.LEFT, Side.RIGHT))


def _visits(history: History) -> tuple[date, ...]:
    """Every recorded visit, oldest first: the history's and the settings' latest one."""
    seen = history.settings.seen_professional
    return tuple(sorted({*history.visits, *((seen,) if seen is not None else ())}))


# --- messages ------------------------------------------------------------------------------------

URGENT_TEXT = (
    "Stop exercising. The symptoms you reported can, rarely, be a sign of a problem that needs "
    "medical care today. Go to an emergency department or call your emergency number now. "
    "trainer cannot diagnose anything."
)
ALREADY_EASIEST = "this is already the easiest dose: keep it, and stop at once if it hurts"
EASIER_NEXT = "so next time is one step easier"
GP_TEXT = (
    "Please see your GP this week before making any exercise harder. You can keep doing what "
    "causes no more than mild pain (3/10) meanwhile."
)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _evolve(obj, **changes):
    """dataclasses.replace without its per-call field introspection: the replay calls this a
    few times per session, hundreds of thousands of times over years of history."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return cls(**changes)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date) -> str:
    # Not strftime: locale-independent, and cheap in the replay, which formats every step.
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"


def _side_word(side: Side) -> str:
    return side.value


# --- loads ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    load: Load
    large_jump: bool


class _Loads:
    """What "one step" of external load is, from the person's bands and dumbbells (6.8.8-9)."""

    def __init__(
        self, bands: tuple[str, ...], dumbbells: tuple[float, ...], jump_pct: float, min_step_pct: float
    ):
        self.bands = bands
        self.dumbbells = tuple(sorted(set(dumbbells)))
        self.jump_pct = jump_pct
        self.min_step_pct = min_step_pct

    def up(self, load: Load, level: Level) -> _Step | None:
        if load.band is not None:
            if LoadKind.BAND not in level.loads:
                return None
            index = self.bands.index(load.band) if load.band in self.bands else len(self.bands)
            if index + 1 < len(self.bands):
                return _Step(Load(band=self.bands[index + 1]), large_jump=True)
            return None
        if load.kg is not None:
            if LoadKind.WEIGHT not in level.loads:
                return None
            # The smallest available step of at least 2 % (6.4 LOAD_STEP_PCT).
            heavier = [kg for kg in self.dumbbells if kg >= load.kg * (1 + self.min_step_pct / 100)]
            if not heavier:
                return None
            jump = (heavier[0] - load.kg) / load.kg * 100 > self.jump_pct
            return _Step(Load(kg=heavier[0]), large_jump=jump)
        # Body weight: the lightest load the person owns that this level takes; always a big step.
        if LoadKind.BAND in level.loads and self.bands:
            return _Step(Load(band=self.bands[0]), large_jump=True)
        if LoadKind.WEIGHT in level.loads and self.dumbbells:
            return _Step(Load(kg=self.dumbbells[0]), large_jump=True)
        return None

    def down(self, load: Load) -> Load:
        if load.band is not None:
            index = self.bands.index(load.band) if load.band in self.bands else 0
            return Load(band=self.bands[index - 1]) if index > 0 else BODYWEIGHT
        if load.kg is not None:
            lighter = [kg for kg in self.dumbbells if kg < load.kg]
            return Load(kg=lighter[-1]) if lighter else BODYWEIGHT
        return BODYWEIGHT

    def lightest(self, level: Level) -> Load | None:
        """The lightest load the person owns that `level` takes; None when they own none."""
        if LoadKind.BAND in level.loads and self.bands:
            return Load(band=self.bands[0])
        if LoadKind.WEIGHT in level.loads and self.dumbbells:
            return Load(kg=self.dumbbells[0])
        return None


def _load_fits(load: Load, level: Level) -> Load:
    return load if load.kind is None or load.kind in level.loads else BODYWEIGHT


def _needs_load_text(level: Level) -> str:
    """Why a step up to `level` waits: it needs a load the person has not recorded (6.9.5)."""
    if LoadKind.WEIGHT in level.loads:
        what, how = "a light dumbbell or ankle weight", "`trainer settings --dumbbells KG`"
    else:
        what, how = "a resistance band", "`trainer settings --bands COLOUR`"
    return (
        f"The next level, {level.name}, needs {what}, and none is recorded. Get one and record it "
        f"with {how}; until then keep this dose."
    )


# --- side-level timeline -------------------------------------------------------------------------


@dataclass
class _Window:
    start: date
    end: date
    reference: float  # wk_mean of the week before the trigger (W-1)


@dataclass(frozen=True)
class _Event:
    """A routine referral that fired; it lasts until a professional has been seen (6.8.25)."""

    rule: str
    fired: date
    text: str
    regress_key: str | None = None  # RE-1/RE-4 regress once per key (6.8.18)


def _latest_per_rule(events: dict[str, _Event], event: _Event) -> None:
    events[event.rule] = event


@dataclass(frozen=True)
class _SideStatus:
    trend: float | None
    window: _Window | None  # deload window as of this training day
    events: tuple[_Event, ...]  # the latest routine referral of each rule, on or before this day


_UNREAD = object()


class _SideTimeline:
    """One side's training days with their session pain, morning checks and side-level rules."""

    def __init__(
        self,
        side: Side,
        pain: dict[date, int],
        mornings: list[MorningCheck],
        programme_start: date | None,
        settings: Settings,
        p: Parameters,
        usual_mornings: Iterable[MorningCheck] = (),
    ):
        self.side = side
        self.p = p
        self.days = sorted(pain)
        self.pain = [pain[d] for d in self.days]
        self.prefix = [0]
        for value in self.pain:
            self.prefix.append(self.prefix[-1] + value)
        self.morning: dict[date, MorningCheck] = {}
        for check in sorted(mornings, key=lambda m: m.date):
            if check.side is not side:
                continue
            index = bisect.bisect_left(self.days, check.date) - 1
            if index >= 0:
                # The earliest entry for a training day counts (6.8.2).
                self.morning.setdefault(self.days[index], check)
        self.programme_start = programme_start
        self.settings = settings
        self._usual_mornings = first_week_mornings(usual_mornings, side)
        self._first_week: float | None | object = _UNREAD  # the programme's first week's mean
        self.statuses = self._replay()

    def _mean(self, first: date, last: date) -> float | None:
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        if hi <= lo:
            return None
        return (self.prefix[hi] - self.prefix[lo]) / (hi - lo)

    def usual_pain(self, at: date) -> UsualPain:
        """The side's usual morning pain for a decision on `at` (6.9.8): the recorded level, else
        estimated from the first week's entries on or before `at`."""
        return usual_morning_pain(self.settings, self.side, self._usual_mornings, at)

    def week_mean(self, t: date, weeks_back: int = 0) -> float | None:
        end = t - timedelta(days=7 * weeks_back)
        return self._mean(end - timedelta(days=6), end)

    def last_day_before(self, at: date) -> int:
        """Index of the last training day before `at`, or -1."""
        return bisect.bisect_left(self.days, at) - 1

    def _amber_streak_start(self, index: int) -> date | None:
        if self.pain[index] <= self.p.pain_green_max:
            return None
        start = index
        while start > 0 and self.pain[start - 1] > self.p.pain_green_max:
            start -= 1
        return self.days[start]

    def _replay(self) -> list[_SideStatus]:
        p, side = self.p, self.side
        statuses: list[_SideStatus] = []
        window: _Window | None = None
        events: dict[str, _Event] = {}
        chronic_done = False
        first_pain_day = next((d for d, v in zip(self.days, self.pain, strict=True) if v >= 1), None)
        for index, t in enumerate(self.days):
            # This week's and last week's means, once per day (every rule below reads them).
            current, before = self.week_mean(t), self.week_mean(t, 1)
            trend = None if current is None or before is None else current - before
            if window is not None and t > window.end:
                if current is not None and current >= window.reference + p.trend_deload:
                    _latest_per_rule(events, _Event(
                        "RE-3", t,
                        f"Pain on the {side} side stayed high through a lighter week "
                        f"(this week {current:.1f}/10 against {window.reference:.1f}/10 before). "
                        "Please see a physiotherapist or GP; keep the lighter dose meanwhile.",
                    ))
                    window = _Window(window.start, window.end + timedelta(days=p.deload_days), window.reference)
                else:
                    window = None  # and TR-1 is judged afresh at this session (6.8.16)
            if window is None and trend is not None and trend >= p.trend_deload:
                reference = before or 0.0
                window = _Window(t, t + timedelta(days=p.deload_days), reference)
            streak = self._amber_streak_start(index)
            if streak is not None and streak <= t - timedelta(days=p.amber_streak_refer_days):
                _latest_per_rule(events, _Event(
                    "RE-4", t,
                    f"Pain on the {side} side has been 4/10 or more in every session since "
                    f"{_day(streak)}, over two weeks. Please see a physiotherapist or GP; until "
                    "then keep to exercises that stay at 3/10 or less.",
                    regress_key=f"RE-4@{streak}",
                ))
            no_improvement = self._no_improvement(t, current)
            if no_improvement is not None:
                _latest_per_rule(events, _Event("RE-5", t, no_improvement))
            if (
                not chronic_done
                and first_pain_day is not None
                and (t - first_pain_day).days > p.chronic_days
            ):
                chronic_done = True  # 6.8.20: judged once, at the first session past 90 days
                if self.pain[index] >= 1:
                    _latest_per_rule(events, _Event(
                        "RE-6", t,
                        f"Pain on the {side} side has gone on for more than three months. If no "
                        "physiotherapist or doctor has assessed it yet, please book one; record "
                        "the visit with `trainer settings --seen-professional DATE`.",
                    ))
            statuses.append(_SideStatus(trend, window, tuple(events.values())))
        return statuses

    def _no_improvement(self, t: date, current: float | None) -> str | None:
        p, start = self.p, self.programme_start
        if start is None or (t - start).days < p.no_improvement_days:
            return None
        first = self._first_week
        if first is _UNREAD:
            first = self._first_week = self._mean(start, start + timedelta(days=6))
        if first is None or current is None or current < p.no_improvement_min_level:
            return None
        drop = first - current
        if drop >= p.no_improvement_min_drop or (first > 0 and drop / first * 100 >= p.no_improvement_min_drop_pct):
            return None
        return (
            f"After {(t - start).days // 7} weeks, pain on the {self.side} side has not improved "
            f"(first week {first:.1f}/10, this week {current:.1f}/10). Please see a "
            "physiotherapist or GP; you can keep training at the current level."
        )

    def status_before(self, at: date) -> _SideStatus | None:
        index = self.last_day_before(at)
        return self.statuses[index] if index >= 0 else None


# --- per exercise and side -----------------------------------------------------------------------


class _Ladder(StrEnum):
    REPS = "reps"  # double progression: sets, then load, then level (6.5)
    STEPS = "steps"  # every level a fixed dose (Copenhagen, 6.8.11)
    HOLD = "hold"  # isometric holds: +5 s up to 60 s, then next level at 30 s
    STRETCH = "stretch"  # 30 -> 45 -> 60 s


def _ladder_of(exercise: Exercise, p: Parameters) -> _Ladder:
    if exercise.dose is DoseKind.HOLD:
        return _Ladder.STRETCH if exercise.stretch else _Ladder.HOLD
    if exercise.id == p.copenhagen_id or all(level.min == level.max for level in exercise.levels):
        return _Ladder.STEPS
    return _Ladder.REPS


@dataclass(frozen=True)
class _Fold:
    """What the engine remembers between sessions of one exercise and side."""

    rx: Prescription | None = None  # prescribed for the next session
    reentry_left: int = 0  # LO-3 re-entry sessions still to do
    pre_layoff: Prescription | None = None
    events: tuple[_Event, ...] = ()  # exercise-level routine referrals (RE-1, RE-2)
    deload_rx: Prescription | None = None  # the dose fixed for the current deload window
    deload_source: Prescription | None = None  # the last dose before that window
    deload_start: date | None = None
    regressed_for: frozenset[str] = frozenset()  # "RE-4@date" once applied
    last_target: int | None = None  # the hold target that applied to the session just judged
    extra_set: bool = False  # `rx` holds the weaker side's extra set on top of its base (6.9.1)
    eased: bool = False  # `rx` is below its level's normal dose (6.9.2): the next base keeps that
    # The dates of this side's recent sessions whose dose a rule capped (lighter week, re-entry,
    # symmetry cap, extra set, skip): they do not count for the symmetry index (6.9.9).
    capped_days: tuple[date, ...] = ()
    rx_capped: bool = False  # a rule held `rx` below what the side would do (see `capped_days`)


@dataclass(frozen=True)
class Checkpoint:
    """Where the replay of one exercise and side can pick up next time.

    `fold` is the engine's memory just before judging the side-session of `covers_to`; every
    step before it depended only on data dated up to `covers_to` (plus the settings, plan start,
    checklist answer and catalogue, which the caller's fingerprint covers). So as long as nothing
    dated on or before `covers_to` changes, a replay may start at that session, given the
    side-sessions from `lookback_from` on.
    """

    exercise_id: str
    side: Side
    covers_to: date
    lookback_from: date
    fold: _Fold
    last_lsi_before: float | None  # the exercise's symmetry at its last comparable pair before lookback_from


@dataclass
class _Context:
    catalogue: Catalogue
    history: History
    settings: Settings
    p: Parameters
    loads: _Loads
    sides: dict[Side, _SideTimeline]
    urgent: tuple[str, ...]
    gp: tuple[str, ...]
    visits: tuple[date, ...] = ()
    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    lsi: dict[tuple, Symmetry | None] = field(default_factory=dict)
    # (exercise id, side, date) of sessions done under a capped dose (6.9.9), filled as the
    # replay of both sides walks forward in time together.
    capped: set[tuple[str, Side, date]] = field(default_factory=set)


class _Decider:
    """Applies the rules of 6.6 to one exercise and side at one point of the replay."""

    def __init__(self, ctx: _Context, exercise: Exercise, side: Side, sessions: list[SideSession]):
        self.ctx, self.p = ctx, ctx.p
        self.exercise, self.side, self.sessions = exercise, side, sessions
        self.session_days = [s.date for s in sessions]
        self.ladder = _ladder_of(exercise, ctx.p)
        self.timeline = ctx.sides[side]
        pairs = ctx.pairs.get(exercise.id, [])
        self.comparable = [pair for pair in pairs if comparable(pair)]
        self.comparable_days = [pair.date for pair in self.comparable]

    # -- doses ------------------------------------------------------------------------------
    def level(self, number: int) -> Level:
        levels = self.exercise.levels
        return levels[min(max(number, 1), len(levels)) - 1]

    def sets_floor(self, level: Level) -> int:
        return min(self.p.sets_min, level.sets)

    def entry_target(self, level: Level) -> int:
        if self.ladder is _Ladder.STRETCH:
            return max(level.min, self.p.stretch_steps_s[0])
        return level.min

    def dose(self, level: Level, load: Load, sets: int, target: int | None) -> Prescription:
        if self.exercise.dose is DoseKind.HOLD:
            return Prescription(level.number, load, sets, hold_s=target or self.entry_target(level))
        return Prescription(level.number, load, sets, reps_min=level.min, reps_max=level.max)

    def start(self) -> Prescription:
        level = self.exercise.entry_level
        load = self.load_at(level, BODYWEIGHT) or BODYWEIGHT
        return self.dose(level, load, level.sets, self.entry_target(level))

    def target_for(self, index: int, fold: _Fold) -> int:
        """The hold target prescribed for session `index` (the level's entry target at first)."""
        session = self.sessions[index]
        if fold.rx is not None and fold.rx.level == session.level and fold.rx.hold_s:
            return fold.rx.hold_s
        return self.entry_target(self.level(session.level))

    def hold_steps(self, level: Level) -> list[int]:
        if self.ladder is _Ladder.STRETCH:
            return list(self.p.stretch_steps_s)
        first = self.entry_target(level)
        return list(range(first, self.p.hold_cap_s + 1, self.p.hold_step_s)) or [first]

    def reached_step(self, index: int) -> int | None:
        """The highest hold step every set of the last two sessions (at this level) reached."""
        session = self.sessions[index]
        recent = [s for s in self.sessions[max(0, index - 1) : index + 1] if s.level == session.level]
        lowest = min((min(s.performed) for s in recent if s.performed), default=None)
        if lowest is None:
            return None
        reached = [step for step in self.hold_steps(self.level(session.level)) if step <= lowest]
        return reached[-1] if reached else None

    def at_target(self, session: SideSession, target: int | None, reps_cap: int | None = None) -> bool:
        """Every set reached the hold target, or the top of the range (`reps_cap` when an eased
        dose caps it, 6.9.2)."""
        if not session.performed:
            return False
        if self.exercise.dose is DoseKind.HOLD:
            return target is not None and all(x >= target for x in session.performed)
        top = self.level(session.level).max
        return all(x >= min(top, reps_cap or top) for x in session.performed)

    def below_normal(self, rx: Prescription) -> bool:
        """An eased dose (6.9.2): fewer sets than the level's floor, or the reps capped."""
        level = self.level(rx.level)
        floor = level.sets if self.ladder is _Ladder.STEPS else self.sets_floor(level)
        return rx.sets < floor or (rx.reps_max is not None and rx.reps_max < level.max)

    # -- ladder moves -----------------------------------------------------------------------
    def progress(self, rx: Prescription) -> tuple[Prescription | None, str, bool]:
        """The next step up, a plain description, and whether it is a large jump."""
        level = self.level(rx.level)
        if self.ladder is _Ladder.STRETCH:
            steps = [s for s in self.p.stretch_steps_s if s > (rx.hold_s or 0)]
            if not steps:
                return None, "You are at the longest hold (60 s): keep it there.", False
            return _evolve(rx, hold_s=steps[0]), f"hold each stretch {steps[0]} s", False
        if self.ladder is _Ladder.HOLD:
            target = (rx.hold_s or self.entry_target(level)) + self.p.hold_step_s
            if target <= self.p.hold_cap_s:
                return _evolve(rx, hold_s=target), f"hold {target} s", False
            return self.level_up(rx, restart_hold=True)
        if rx.reps_max is not None and rx.reps_max < level.max:
            # Back up the way an eased dose came down (6.9.2): the full range first, then the set.
            return _evolve(rx, reps_max=level.max), f"back to {level.min}-{level.max} reps", False
        if self.ladder is _Ladder.STEPS:
            if rx.sets < level.sets:
                return _evolve(rx, sets=rx.sets + 1), f"add a set ({rx.sets + 1} sets)", False
            return self.level_up(rx)
        if rx.sets < self.p.sets_max and level.sets > 1:
            return _evolve(rx, sets=rx.sets + 1), f"add a set ({rx.sets + 1} sets)", False
        step = self.ctx.loads.up(rx.load, level)
        if step is not None:
            return _evolve(rx, load=step.load), f"move up to {step.load}", step.large_jump
        if rx.load.is_bodyweight and level.loads:
            owned = "band colours" if LoadKind.BAND in level.loads else "dumbbells"
            moved = self.level_up(rx)
            if moved[0] is not None:
                return moved[0], moved[1] + f" (no {owned} recorded in settings)", moved[2]
            return moved
        return self.level_up(rx)

    def level_up(self, rx: Prescription, restart_hold: bool = False) -> tuple[Prescription | None, str, bool]:
        if rx.level >= len(self.exercise.levels):
            return None, "You are at the top of this exercise's ladder: keep this dose.", False
        nxt = self.level(rx.level + 1)
        load = self.load_at(nxt, rx.load)
        if load is None:
            return None, _needs_load_text(nxt), False
        if self.ladder is _Ladder.STEPS:
            sets = nxt.sets
        else:
            sets = max(rx.sets, self.sets_floor(nxt))
        target = self.p.hold_restart_s if restart_hold else None
        new = self.dose(nxt, load, sets, target)
        return new, f"move to level {nxt.number} ({nxt.name})", False

    def step_down(self, rx: Prescription) -> tuple[Prescription, str]:
        """One step easier without touching the set count: a shorter hold, load -1, else level -1."""
        if self.ladder is _Ladder.STRETCH and (rx.hold_s or 0) > self.p.stretch_steps_s[0]:
            target = max(self.p.stretch_steps_s[0], (rx.hold_s or 0) - self.p.stretch_regress_s)
            return _evolve(rx, hold_s=target), f"hold each stretch {target} s"
        if self.ladder is _Ladder.HOLD and (rx.hold_s or 0) - self.p.hold_step_s >= self.p.hold_min_s:
            target = (rx.hold_s or 0) - self.p.hold_step_s
            return _evolve(rx, hold_s=target), f"hold {target} s"
        lighter = None if rx.load.is_bodyweight else self.ctx.loads.down(rx.load)
        if lighter is not None and not (lighter.is_bodyweight and self.level(rx.level).load_required):
            # A level that needs a load keeps its lightest one; easier is the level below (6.9.5).
            return _evolve(rx, load=lighter), f"go down to {lighter}"
        if rx.level > 1:
            lower = self.level(rx.level - 1)
            if self.ladder is _Ladder.STEPS:
                sets = lower.sets  # each Copenhagen step has its own fixed dose
            else:
                sets = max(self.sets_floor(lower), rx.sets)
            new = self.dose(lower, self.load_at(lower, rx.load) or BODYWEIGHT, sets, None)
            return new, f"go back to level {lower.number} ({lower.name})"
        return self.ease(rx) or (rx, ALREADY_EASIEST)

    def ease(self, rx: Prescription) -> tuple[Prescription, str] | None:
        """6.9.2: with no easier variation, a smaller dose: one set fewer (not below 1), else
        reps capped at the bottom of the range, else a hold 15 s shorter (a stretch not under
        30 s, another hold not under its level's shortest); None when nothing is easier."""
        if rx.sets > 1:
            return _evolve(rx, sets=rx.sets - 1), f"do {rx.sets - 1} set{'s' if rx.sets > 2 else ''}"
        if rx.reps_min is not None and rx.reps_max is not None and rx.reps_max > rx.reps_min:
            return _evolve(rx, reps_max=rx.reps_min), f"{rx.reps_min} reps a set"
        if rx.hold_s is not None:
            floor = self.p.stretch_steps_s[0] if self.ladder is _Ladder.STRETCH else self.level(rx.level).min
            shorter = max(floor, rx.hold_s - self.p.stretch_regress_s)
            if shorter < rx.hold_s:
                return _evolve(rx, hold_s=shorter), f"hold {shorter} s"
        return None

    def restart_easier(self, rx: Prescription) -> Prescription:
        """One level easier at that level's starting dose (6.9.12); at level 1 a smaller dose."""
        if rx.level <= 1:
            eased = self.ease(rx)
            return eased[0] if eased else rx
        lower = self.level(rx.level - 1)
        sets = lower.sets if self.ladder is _Ladder.STEPS else max(self.sets_floor(lower), min(rx.sets, lower.sets))
        return self.dose(lower, self.load_at(lower, rx.load) or BODYWEIGHT, sets, None)

    def load_at(self, level: Level, load: Load) -> Load | None:
        """The load to prescribe at `level` coming from `load`: `load` when the level takes it,
        else body weight; but a level that needs a load (6.9.5) gets the lightest one the person
        owns instead of body weight, and None when they own none."""
        fitted = _load_fits(load, level)
        if level.load_required and fitted.is_bodyweight:
            return self.ctx.loads.lightest(level)
        return fitted

    def regress(self, rx: Prescription, with_cut: bool) -> tuple[Prescription, str]:
        """REGRESS (6.5, 6.8.10): load, then sets, then level; with a set cut, the step and the cut."""
        floor = self.sets_floor(self.level(rx.level))
        if with_cut:
            new, text = self.step_down(rx)
            return _evolve(new, sets=max(self.sets_floor(self.level(new.level)), rx.sets - 1)), text
        if rx.load.is_bodyweight and self.ladder is _Ladder.REPS and rx.sets > floor:
            return _evolve(rx, sets=floor), f"do {floor} sets"
        return self.step_down(rx)

    def cut(self, rx: Prescription) -> tuple[Prescription, str]:
        """One set fewer (min 2); at 2 sets, reps capped at the bottom of the range or holds -25 %."""
        floor = self.sets_floor(self.level(rx.level))
        if rx.sets > floor:
            return _evolve(rx, sets=rx.sets - 1), f"{rx.sets - 1} sets"
        if rx.hold_s is not None and self.ladder is _Ladder.STRETCH:
            # 6.9.4: one step down the 30/45/60 ladder, never under its first step.
            steps = [step for step in self.p.stretch_steps_s if step < rx.hold_s]
            shorter = steps[-1] if steps else self.p.stretch_steps_s[0]
            return _evolve(rx, hold_s=shorter), f"holds of {shorter} s"
        if rx.hold_s is not None:
            shorter = max(self.p.hold_min_s, round(rx.hold_s * 0.75))
            return _evolve(rx, hold_s=shorter), f"holds of {shorter} s"
        return _evolve(rx, reps_max=rx.reps_min), f"{rx.reps_min} reps a set"

    # -- one decision -----------------------------------------------------------------------
    def decide(self, index: int, at: date, fold: _Fold) -> tuple[SideDecision, _Fold]:
        p, side, exercise = self.p, self.side, self.exercise
        outcomes: list[tuple[Outcome, Reason]] = []
        flags: list[Flag] = []
        notes: list[Reason] = []

        def add(outcome: Outcome, rule: str, text: str) -> None:
            outcomes.append((outcome, Reason(rule, text)))

        for text in self.ctx.urgent[:1]:
            add(Outcome.URGENT, "RF-1", text)
        for text in self.ctx.gp[:1]:
            add(Outcome.REFER, "RF-2", text)

        status = self.timeline.status_before(at)
        side_events = [e for e in (status.events if status else ()) if self._referral_active(e, at)]
        events = {event.rule: event for event in fold.events}
        regress = False
        cut = False

        if index < 0:
            base = self.start()
            for event in side_events:
                add(Outcome.REFER, event.rule, event.text)
            if not outcomes:
                level = exercise.entry_level
                add(Outcome.HOLD, "START", f"No sessions on the {side} side yet: start at level "
                    f"{level.number} ({level.name}).")
            return self._finish(outcomes, flags, notes, base, at), fold

        last = self.sessions[index]
        prev = self.sessions[index - 1] if index > 0 else None
        previous = self._done(last, fold)
        level = self.level(last.level)
        target = self.target_for(index, fold) if exercise.dose is DoseKind.HOLD else None
        current_target = target
        if target is not None:
            reached = self.reached_step(index)
            current_target = max(target, reached or 0)
        sets_done = len(last.performed) or level.sets
        if fold.extra_set and fold.rx is not None and sets_done >= fold.rx.sets:
            # 6.9.1: the weaker side's extra set is never carried into its base dose.
            sets_done = fold.rx.sets - 1
        sets_now = min(max(sets_done, self.sets_floor(level)), p.sets_max)
        base = self.dose(level, self.load_at(level, last.load) or last.load, sets_now, current_target)
        eased_before = fold.rx if fold.eased and fold.rx is not None else None
        if eased_before is not None and (eased_before.level, eased_before.load) == (base.level, base.load):
            # 6.9.2: an eased dose done as prescribed stays the dose until it is stepped back up.
            base = _evolve(
                base,
                sets=min(base.sets, max(eased_before.sets, len(last.performed))),
                reps_max=eased_before.reps_max,
            )

        morning = self.timeline.morning.get(last.date)
        usual = self.timeline.usual_pain(at)
        when = _day(last.date)

        # PM: pain monitoring of the last session.
        if last.sharp:
            regress = True
            add(Outcome.REGRESS, "PM-1", f"You felt sharp pain on {when}. Sharp pain means stop "
                f"the exercise at once, {EASIER_NEXT}.")
        if last.pain >= p.pain_red_min:
            regress = True
            add(Outcome.REGRESS, "PM-2", f"Pain reached {last.pain}/10 on {when}; "
                f"{p.pain_red_min} or more is too much, {EASIER_NEXT}.")
        if morning is not None and morning.pain > usual.value + p.next_morning_tolerance:
            regress = True
            estimated = (
                f" (estimated from your first week's mornings; record yours with "
                f"`trainer settings --baseline-pain-{side.value} N`)" if usual.estimated else ""
            )
            add(Outcome.REGRESS, "PM-3", f"The next morning this side hurt {morning.pain}/10, "
                f"more than your usual {usual.value}/10{estimated}: the session was too much, "
                f"{EASIER_NEXT}.")
        if exercise.id == p.copenhagen_id and last.pain > p.copenhagen_regress_above:
            regress = True
            add(Outcome.REGRESS, "PM-4", f"Groin pain in the Copenhagen plank was {last.pain}/10; "
                f"above {p.copenhagen_regress_above}/10 is too much for this exercise, {EASIER_NEXT}.")
        if p.pain_green_max < last.pain <= p.pain_accept_max:
            add(Outcome.HOLD, "PM-5", f"Pain was {last.pain}/10 on {when}. Up to "
                f"{p.pain_accept_max}/10 is acceptable if it settles by the next morning; keep "
                f"this dose until it is {p.pain_green_max}/10 or less.")
        if prev is not None and last.pain - prev.pain >= 2:
            flags.append(Flag.MCID_JUMP)
            notes.append(Reason("PM-6", f"Pain rose from {prev.pain}/10 to {last.pain}/10 since "
                                        "the session before: watch it."))

        # RE-1 / RE-2: exercise-level routine referrals.
        recent_red = self.sessions[max(0, index - p.red_repeat_refer + 1) : index + 1]
        if len(recent_red) == p.red_repeat_refer and all(s.pain >= p.pain_red_min for s in recent_red):
            _latest_per_rule(events, _Event("RE-1", last.date, f"Pain was {p.pain_red_min}/10 or "
                f"more in the last {p.red_repeat_refer} sessions of this exercise on the {side} "
                "side. Please see a physiotherapist or GP; until then do only what stays at "
                f"{p.pain_green_max}/10 or less."))
        if last.sharp:
            earlier = [s for s in self.sessions[:index] if s.sharp
                       and (last.date - s.date).days <= p.sharp_repeat_days]
            if earlier:
                _latest_per_rule(events, _Event("RE-2", last.date, f"Sharp pain twice within two weeks "
                    f"({_day(earlier[-1].date)} and {when}). Skip this exercise on the {side} side "
                    "until a physiotherapist or GP has checked it, then record the visit."))
        # 6.9.12: the skip lasts until the visit is recorded, whatever was done meanwhile; then
        # the exercise starts again one level easier.
        re2 = events.get("RE-2")
        stopped = re2 is not None and self._referral_active(re2, at)
        seen = None if re2 is None or stopped else lifting_visit(re2.fired, at, self.ctx.visits)
        restart = seen is not None and last.date <= seen
        if stopped:
            flags.append(Flag.REFER)
        if restart:  # the leading reason among the reductions: it says why the level drops
            outcomes.insert(0, (Outcome.REGRESS, Reason("SEEN", f"A professional checked the "
                f"{side} side on {_day(seen)} after the sharp pain, {EASIER_NEXT}.")))
        for event in [*events.values(), *side_events]:
            if self._referral_active(event, at):
                add(Outcome.STOP_NOW if event.rule == "RE-2" else Outcome.REFER, event.rule, event.text)
                key = event.regress_key
                if key is not None and key not in fold.regressed_for:
                    regress = True
                    fold = _evolve(fold, regressed_for=fold.regressed_for | {key})
        events = {rule: e for rule, e in events.items() if self._referral_active(e, at)}

        # TR: the side's weekly pain trend, and deload windows.
        deload_rx: Prescription | None = None
        if status is not None and status.window is not None:
            window = status.window
            if at <= window.end:
                if fold.deload_start != window.start or fold.deload_rx is None:
                    anchor = [s for s in self.sessions[: index + 1] if s.date <= window.start]
                    source = self._dose_of(anchor[-1], fold) if anchor else base
                    fold = _evolve(
                        fold,
                        deload_rx=self.cut(source)[0],
                        deload_source=source,
                        deload_start=window.start,
                    )
                deload_rx = fold.deload_rx
                add(Outcome.DELOAD, "TR-1", f"Pain on the {side} side rose by 2 points or "
                    "more (on average) against the week before: a lighter week with one set fewer, "
                    f"until {_day(window.end)}.")
            else:
                add(Outcome.HOLD, "TR-1", "The lighter week is over: keep this dose for one "
                    "session while trainer checks how the side responds.")
        elif status is not None and status.trend is not None and p.trend_hold <= status.trend < p.trend_deload:
            add(Outcome.HOLD, "TR-2", f"Pain on the {side} side is a little higher than the week "
                f"before (+{status.trend:.1f}): keep the same dose this week.")

        # LO: the gap up to the session being planned.
        gap = (at - last.date).days
        reentry_left, pre_layoff = fold.reentry_left, fold.pre_layoff
        if gap >= p.layoff_regress_days:
            regress = cut = True
            add(Outcome.REGRESS, "LO-4", f"{gap} days since the last session: restart one step "
                "easier with one set fewer.")
            reentry_left, pre_layoff = 0, None
        elif gap >= p.layoff_reentry_days:
            cut = True
            reentry_left, pre_layoff = p.reentry_sessions - 1, base
            add(Outcome.DELOAD, "LO-3", f"{gap} days since the last session: two lighter sessions "
                "(one set fewer) to get back in, then the dose from before the break.")
        elif gap >= p.layoff_hold_days:
            add(Outcome.HOLD, "LO-2", f"{gap} days since the last session: repeat the last dose "
                "before moving on.")
        elif reentry_left > 0 and pre_layoff is not None:
            cut = True
            base = pre_layoff
            reentry_left -= 1
            add(Outcome.DELOAD, "LO-3", "Second lighter session after the break.")
        elif pre_layoff is not None:
            base = pre_layoff
            pre_layoff = None
            add(Outcome.HOLD, "LO-3", "Back to the dose from before the break.")
        fold = _evolve(
            fold, reentry_left=reentry_left, pre_layoff=pre_layoff, events=tuple(events.values())
        )

        # AS: the exercise's symmetry.
        lsi = self.rolling_lsi(at)
        stronger = lsi is not None and lsi.weaker_side not in (None, side) and lsi.lsi < p.lsi_flag
        weaker = lsi is not None and lsi.weaker_side is side and lsi.lsi < p.lsi_flag

        # PR: progression, only when nothing above asked otherwise.
        progress_step: Prescription | None = None
        if not outcomes and exercise.group is Group.WARM_UP:
            add(Outcome.HOLD, "WARM-UP", "Warm-up movements prepare the hips; they stay the same.")
        elif not outcomes:
            progress_step = self._try_progress(index, fold, base, target, morning, lsi, stronger, flags, add)

        if weaker:
            flags.append(Flag.ASYMMETRY)
        if stronger:
            flags.append(Flag.SYMMETRY_CAP)

        # The prescription: reductions combine (6.6), progress only when nothing else matched.
        eased = False  # whether `rx` is an eased dose (6.9.2) the next base keeps
        if stopped:
            rx = None
        elif restart:
            rx = self.restart_easier(base)
            eased = rx.level == base.level
            if deload_rx is not None or cut:
                rx, eased = self.cut(rx)[0], False
        elif deload_rx is not None:
            # REGRESS inside a deload: the load/level step and the deload's cut together (6.6),
            # and it stays for the rest of the window (6.9.3: a lighter week never undoes it).
            if regress:
                source = self.step_down(fold.deload_source)[0]
                rx = self.cut(source)[0]
                fold = _evolve(fold, deload_rx=rx, deload_source=source)
            else:
                rx = deload_rx
        elif regress:
            rx = self.regress(base, with_cut=cut)[0]
            eased = not cut and (rx.level, rx.load) == (base.level, base.load)
        elif cut:
            rx = self.cut(base)[0]
        elif progress_step is not None:
            rx, eased = progress_step, eased_before is not None
        else:
            rx, eased = base, eased_before is not None
        # Whatever made it, a dose below the level's normal one is where the next base starts
        # when it was done as prescribed (6.9.2, 6.9.3), until a step up restores it.
        eased = rx is not None and self.below_normal(rx)
        if rx == base and (regress or restart):
            # 6.9.2: nothing is easier, so this is a HOLD, never a REGRESS that changes nothing.
            outcomes = [
                (Outcome.HOLD, Reason(r.rule, r.text.replace(EASIER_NEXT, f"but {ALREADY_EASIEST}")))
                if o is Outcome.REGRESS else (o, r)
                for o, r in outcomes
            ]
        decision = self._finish(outcomes, flags, notes, rx, at, stopped, previous)
        extra_set = False
        if weaker and decision.prescription is not None and decision.decision in (Outcome.HOLD, Outcome.PROGRESS):
            # 6.9.1: one set on top of the base, at most p.sets_max in all; a base already at
            # the most gets no fourth set: the side only goes first.
            sets = decision.prescription.sets
            extra_set = sets < p.sets_max
            why = (
                "one extra set, and do it first" if extra_set
                else f"it already does {sets} sets, the most: do it first"
            )
            as1 = Reason("AS-1", f"This side is the weaker one (symmetry {lsi.lsi:.0f}%, "
                         f"below {p.lsi_flag:.0f}%): {why}.")
            # When the extra set is all that changes the dose done last, it leads: "keep going"
            # beside a dose that grows would contradict it (issue 15.1).
            leads = extra_set and decision.prescription == previous
            decision = _evolve(
                decision,
                prescription=_evolve(decision.prescription, sets=sets + 1 if extra_set else sets),
                reasons=(as1, *decision.reasons) if leads else (*decision.reasons, as1),
            )
        final = decision.prescription
        # 6.9.9: a dose held down by a rule does not measure the side: a lighter week or
        # re-entry, the symmetry cap, the extra set, a skip, or reps capped under the range.
        rx_capped = (
            final is None or deload_rx is not None or cut or stronger or extra_set
            or (final.reps_max is not None and final.reps_max < self.level(final.level).max)
        )
        return decision, _evolve(
            fold, rx=final, last_target=target, extra_set=extra_set, eased=eased, rx_capped=rx_capped
        )

    def _try_progress(self, index, fold, base, target, morning, lsi, stronger, flags, add):
        p, side = self.p, self.side
        last = self.sessions[index]
        prev = self.sessions[index - 1] if index > 0 else None
        pair = [prev, last] if prev is not None else [last]
        same_dose = (
            prev is not None
            and (prev.level, prev.load, len(prev.performed)) == (last.level, last.load, len(last.performed))
            and fold.last_target == target  # 6.8.4: both sessions at the same hold target too
        )
        if not (same_dose and all(self.at_target(s, target, base.reps_max) for s in pair)):
            if self.exercise.dose is DoseKind.HOLD:
                wanted = f"every hold reaching {target} s"
            else:
                wanted = f"every set reaching {self.level(last.level).max}"
            add(Outcome.HOLD, "PR-1", f"Not yet two sessions in a row at this dose with {wanted}: keep going.")
            return None
        if any(s.pain > p.pain_green_max for s in pair):
            add(Outcome.HOLD, "PR-2", f"Moving on needs pain of {p.pain_green_max}/10 or less in "
                "both of the last two sessions.")
            return None
        if morning is None:
            flags.append(Flag.AWAITING_24H)
            add(Outcome.HOLD, "PR-3", f"Record how the {side} side felt the morning after "
                f"{_day(last.date)} (`trainer morning`) before moving on.")
            return None
        if morning.soreness is not None and morning.soreness > p.soreness_progress_max:
            add(Outcome.HOLD, "PR-4", f"Muscle soreness the next morning was {morning.soreness}/10 "
                f"(more than {p.soreness_progress_max}): hold until it eases.")
            return None
        if not all(s.technique_ok for s in pair):
            add(Outcome.HOLD, "PR-5", "Form slipped in a recent session: hold this dose until it is solid.")
            return None
        if stronger:
            add(Outcome.HOLD, "PR-7", f"This is the stronger side (symmetry {lsi.lsi:.0f}%, below "
                f"{p.lsi_flag:.0f}%): it holds while the other side catches up.")
            return None
        step, text, large = self.progress(base)
        if step is None:
            top = base.level >= len(self.exercise.levels)
            waits_for_load = not top and self.load_at(self.level(base.level + 1), base.load) is None
            add(Outcome.HOLD, "LOAD" if waits_for_load else "TOP", text)
            return None
        if large:
            flags.append(Flag.LARGE_JUMP)
        add(Outcome.PROGRESS, "PR", f"Two sessions in a row at the top of the range with little "
            f"pain and a settled next morning: {text}.")
        return step

    def _done(self, session: SideSession, fold: _Fold) -> Prescription:
        """The dose done in `session`, as a prescription: the one given for it when it was done
        at that level and load (its range or hold target), with the sets done; else the dose
        the session itself shows."""
        given = fold.rx
        if given is not None and (given.level, given.load) == (session.level, session.load):
            return _evolve(given, sets=len(session.performed) or given.sets)
        level = self.level(session.level)
        sets = len(session.performed) or level.sets
        if self.exercise.dose is DoseKind.HOLD:
            done = min(session.performed) if session.performed else self.entry_target(level)
            return Prescription(level.number, session.load, sets, hold_s=done)
        return Prescription(level.number, session.load, sets, reps_min=level.min, reps_max=level.max)

    def _dose_of(self, session: SideSession, fold: _Fold) -> Prescription:
        level = self.level(session.level)
        sets = min(max(len(session.performed) or level.sets, self.sets_floor(level)), self.p.sets_max)
        target = None
        if self.exercise.dose is DoseKind.HOLD:
            target = max(self.entry_target(level), min(session.performed) if session.performed else 0)
            steps = [s for s in self.hold_steps(level) if s <= target]
            target = steps[-1] if steps else self.entry_target(level)
        return self.dose(level, self.load_at(level, session.load) or session.load, sets, target)

    def _referral_active(self, event: _Event, at: date) -> bool:
        """A referral stands for the session on `at` unless a visit on or after the day it fired,
        and not after `at`, lifted it (6.8.25, 6.9.14): each step of the replay reads the visits
        up to its own day, so a visit recorded later never changes an earlier suggestion."""
        return not lifted_by_visit(event.fired, at, self.ctx.visits)

    @property
    def in_symmetry(self) -> bool:
        """Stretches and warm-ups never enter the symmetry index or the weaker side (6.9.10)."""
        return self.exercise.group is not Group.WARM_UP and self.ladder is not _Ladder.STRETCH

    def rolling_lsi(self, at: date) -> Symmetry | None:
        if not self.in_symmetry:
            return None
        chosen = self.comparable_before(at)
        if len(chosen) < self.p.lsi_min_sessions:
            return None
        # Both sides of an exercise, and consecutive sessions, ask about the same few pairs.
        key = (self.exercise.id, chosen[0].date, chosen[-1].date)
        if key not in self.ctx.lsi:
            self.ctx.lsi[key] = symmetry(chosen, self.ctx.settings.involved_side)
        return self.ctx.lsi[key]

    def comparable_before(self, at: date) -> list[Pair]:
        """The last (up to 3) pairs before `at`, within 28 days, that are comparable: the same
        level and load on both sides, no stop for pain, and neither dose capped by a rule that
        day (6.9.9)."""
        capped, exercise_id = self.ctx.capped, self.exercise.id
        oldest = at - timedelta(days=self.p.lsi_window_days)
        chosen: list[Pair] = []
        index = bisect.bisect_left(self.comparable_days, at) - 1
        while index >= 0 and len(chosen) < self.p.lsi_min_sessions:
            pair = self.comparable[index]
            if pair.date < oldest:
                break
            if (exercise_id, Side.LEFT, pair.date) not in capped and (exercise_id, Side.RIGHT, pair.date) not in capped:
                chosen.append(pair)
            index -= 1
        return chosen[::-1]

    def _finish(
        self, outcomes, flags, notes, rx: Prescription | None, at: date, stopped: bool = False,
        previous: Prescription | None = None,
    ) -> SideDecision:
        def rank(item: tuple[Outcome, Reason]) -> float:
            # A skip waiting for a visit outranks the referrals that only limit pain (6.9.12).
            outcome = item[0]
            return outcome.severity + (1.5 if stopped and outcome is Outcome.STOP_NOW else 0)

        ordered = sorted(outcomes, key=lambda item: -rank(item))
        if ordered and ordered[0][0] in (Outcome.URGENT, Outcome.STOP_NOW):
            # Under a stop, the reasons of rules that would give a dose ("keep this dose", "one
            # step easier", "a lighter week") contradict it: only the stop and the referrals are
            # said (issue 15.1).
            ordered = [item for item in ordered if item[0].severity >= Outcome.STOP_NOW.severity]
        decision = ordered[0][0] if ordered else Outcome.HOLD
        reasons = tuple(reason for _, reason in ordered) + tuple(notes)
        return SideDecision(
            side=self.side,
            decision=decision,
            prescription=rx,
            flags=tuple(dict.fromkeys(flags)),
            reasons=reasons,
            previous=previous,
        )


class StaleCheckpoint(Exception):
    """A checkpoint does not fit the history it was given: replay from the start instead."""


def _replay(
    deciders: dict[Side, _Decider], on: date, resume: dict[Side, Checkpoint]
) -> dict[Side, tuple[SideDecision, _Fold | None]]:
    """Fold over both sides' side-sessions of one exercise together, in date order; the last
    step of each, evaluated at `on`, is the suggestion.

    Both sides walk forward together because each side's symmetry index reads which of the other
    side's doses were capped (6.9.9), and an exercise done with both sides at once gets one dose
    (6.9.4). Also returns, per side, the fold as it stood before that last step, which is what a
    checkpoint keeps: the last step depends on `on` (the gap since the last session), the steps
    before it do not.
    """
    results: dict[Side, tuple[SideDecision, _Fold | None]] = {}
    folds: dict[Side, _Fold] = {}
    steps: list[tuple[date, int, int, Side]] = []
    for order, (side, decider) in enumerate(deciders.items()):
        sessions, start = decider.sessions, resume.get(side)
        if not sessions:
            if start is not None:
                raise StaleCheckpoint(f"{decider.exercise.id} {side}: no sessions to resume")
            results[side] = (decider.decide(-1, on, _Fold())[0], None)
            continue
        first, fold = 0, _Fold()
        if start is not None:
            first = bisect.bisect_left(decider.session_days, start.covers_to)
            if first == len(sessions) or sessions[first].date != start.covers_to:
                raise StaleCheckpoint(f"{decider.exercise.id} {side}: {start.covers_to} is gone")
            fold = start.fold
            decider.ctx.capped.update((decider.exercise.id, side, day) for day in fold.capped_days)
        folds[side] = fold
        for index in range(first, len(sessions)):
            at = on if index + 1 == len(sessions) else sessions[index + 1].date
            steps.append((at, order, index, side))
    steps.sort()
    waiting: dict[Side, _Fold] = {}
    decided: dict[Side, SideDecision] = {}
    position = 0
    while position < len(steps):
        at = steps[position][0]
        group = []
        while position < len(steps) and steps[position][0] == at:
            group.append(steps[position])
            position += 1
        outcome: dict[Side, tuple[SideDecision, _Fold, bool]] = {}
        for _, _, index, side in group:
            decider = deciders[side]
            last = index + 1 == len(decider.sessions)
            if last:
                waiting[side] = folds[side]
            decision, fold = decider.decide(index, at, folds[side])
            outcome[side] = (decision, fold, last)
        if len(outcome) == 2:
            outcome = _one_dose_for_both(deciders, outcome)
        for side, (decision, fold, last) in outcome.items():
            decider = deciders[side]
            kept = tuple(d for d in fold.capped_days if d >= at - timedelta(days=decider.p.lookback_days))
            if not last and fold.rx_capped:
                decider.ctx.capped.add((decider.exercise.id, side, at))
                kept += (at,)
            folds[side] = _evolve(fold, capped_days=kept)
            decided[side] = decision
    for side in folds:
        results[side] = (decided[side], waiting.get(side))
    return results


def _one_dose_for_both(
    deciders: dict[Side, _Decider], outcome: dict[Side, tuple[SideDecision, _Fold, bool]]
) -> dict[Side, tuple[SideDecision, _Fold, bool]]:
    """6.9.4: an exercise done with both sides at once gets one dose, the more cautious side's
    (the graver decision, else the easier dose). The other side keeps its own decision and
    reasons (a pain-free side gets no lighter week of its own), but not a step up, and says
    whose dose it does; its memory takes that dose as the one it was given."""
    exercise = deciders[Side.LEFT].exercise
    left, right = outcome[Side.LEFT][0], outcome[Side.RIGHT][0]
    dosed = [d.prescription for d in (left, right) if d.prescription is not None]
    level = exercise.level(dosed[0].level) if dosed else exercise.entry_level
    if exercise.sided_at(level) is not Sidedness.BOTH or (
        left.prescription == right.prescription and left.decision is right.decision
    ):
        return outcome
    cautious = min((left, right), key=_caution_key)
    merged = {}
    for side, (decision, fold, last) in outcome.items():
        if decision is not cautious:
            why = next((r.text for r in cautious.reasons), "")
            both = Reason("BOTH", f"Done with both sides at once, so one dose for both: the "
                          f"{cautious.side} side's. {why}".strip())
            stepped_up = decision.decision is Outcome.PROGRESS
            decision = SideDecision(
                side=side,
                decision=Outcome.HOLD if stepped_up else decision.decision,
                prescription=cautious.prescription,
                flags=decision.flags,
                reasons=(both,) + tuple(r for r in decision.reasons if not (stepped_up and r.rule == "PR")),
                previous=decision.previous,
            )
            fold = _evolve(fold, rx=cautious.prescription, eased=outcome[cautious.side][1].eased)
        merged[side] = (decision, fold, last)
    return merged


def _caution_key(decision: SideDecision) -> tuple:
    """Orders decisions most cautious first: the graver decision, then no dose, then the easier
    dose (lower level, fewer sets, shorter hold, fewer reps), then left before right."""
    rx = decision.prescription
    dose = (0,) if rx is None else (1, rx.level, rx.sets, rx.hold_s or 0, rx.reps_max or 0, rx.load.kg or 0)
    return (-decision.decision.severity, dose, decision.side is not Side.LEFT)


def _urgency(history: History, on: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The emergency and GP texts for `on`: an emergency answer stands until it is lifted
    (6.9.13, `emergency_block`); the GP advice comes from the latest answer that counts
    (6.8.25). Answers marked as a mistake count for neither."""
    # A stable sort keeps same-day answers in entry order, so the latest entered counts.
    answers = sorted((a for a in counting(history.symptoms) if a.date <= on), key=lambda a: a.date)
    latest = answers[-1].yes if answers else frozenset()
    urgent = (URGENT_TEXT,) if emergency_block(answers, _visits(history), on) else ()
    gp = tuple(GP_TEXT for s in sorted(latest) if s in SYMPTOMS and SYMPTOMS[s].urgency is Urgency.GP_THIS_WEEK)
    return urgent, gp


def suggest(
    catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS
) -> Suggestion:
    """The decisions for a session on `on`, from what was logged before it (6.8.1)."""
    return replay(catalogue, history, on, params)[0]


def replay(
    catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS
) -> tuple[Suggestion, tuple[Checkpoint, ...]]:
    """`suggest`, plus the checkpoints from which the next replay can pick up.

    With `history.checkpoints`, each exercise and side is replayed only from its checkpoint on;
    StaleCheckpoint when one does not fit the sessions given (the caller then replays in full).
    """
    sessions = [s for s in history.sessions if s.date < on and s.exercise_id in catalogue]
    mornings = [m for m in history.mornings if m.date <= on]
    usual_mornings = [
        m for m in (history.mornings if history.usual_mornings is None else history.usual_mornings)
        if m.date <= on
    ]
    urgent, gp = _urgency(history, on)
    resume = {(c.exercise_id, c.side): c for c in history.checkpoints}
    if any(c.covers_to >= on for c in resume.values()):
        raise StaleCheckpoint(f"checkpoints reach {on} or later")

    pain: dict[Side, dict[date, int]] = {Side.LEFT: {}, Side.RIGHT: {}}
    if history.day_pain is None:
        for s in sessions:
            days = pain[s.side]
            days[s.date] = max(days.get(s.date, 0), s.own_side_pain)  # 6.9.6
    else:
        for entry in history.day_pain:
            if entry.date < on and entry.side in pain:
                pain[entry.side][entry.date] = entry.pain
    first_days = [min(days) for days in pain.values() if days]
    starts = [d for d in (history.plan_start, min(first_days) if first_days else None) if d]
    programme_start = min(starts) if starts else None
    settings = history.settings
    bands = settings.bands or catalogue.band_colours
    by_key: dict[tuple[str, Side], list[SideSession]] = {}
    for s in sessions:
        by_key.setdefault((s.exercise_id, s.side), []).append(s)
    ctx = _Context(
        catalogue=catalogue,
        history=history,
        settings=settings,
        p=params,
        loads=_Loads(
            tuple(bands), settings.dumbbells_kg, params.load_jump_flag_pct, params.load_step_min_pct
        ),
        sides={
            side: _SideTimeline(
                side, pain[side], mornings, programme_start, settings, params, usual_mornings
            )
            for side in (Side.LEFT, Side.RIGHT)
        },
        urgent=urgent,
        gp=gp,
        visits=_visits(history),
    )
    advice = []
    checkpoints: list[Checkpoint] = []
    for exercise in catalogue.exercises:
        left = by_key.get((exercise.id, Side.LEFT), [])
        right = by_key.get((exercise.id, Side.RIGHT), [])
        ctx.pairs[exercise.id] = pairs_of(left, right)
        deciders = {
            side: _Decider(ctx, exercise, side, runs) for side, runs in ((Side.LEFT, left), (Side.RIGHT, right))
        }
        replayed = _replay(
            deciders, on, {side: c for side in deciders if (c := resume.get((exercise.id, side)))}
        )
        decisions = tuple(replayed[side][0] for side in (Side.LEFT, Side.RIGHT))
        rolling = deciders[Side.LEFT].rolling_lsi(on)
        comparable_pairs = deciders[Side.LEFT].comparable
        # Resumed, the sessions may not reach back to the last comparable pair: the checkpoint
        # remembers its index.
        earlier = [c.last_lsi_before for c in (resume.get((exercise.id, s)) for s in deciders) if c]
        last = symmetry(comparable_pairs[-1:]) if comparable_pairs else None
        last_lsi = round(last.lsi, 1) if last is not None else (earlier[0] if earlier else None)
        if not deciders[Side.LEFT].in_symmetry:
            last_lsi = None  # 6.9.10: no symmetry for stretches and warm-ups
        advice.append(
            ExerciseAdvice(
                exercise_id=exercise.id,
                lsi=None if rolling is None else round(rolling.lsi, 1),
                last_lsi=last_lsi,
                weaker_side=weaker_side_of(rolling, params),
                involved_ratio=None
                if rolling is None or rolling.involved_ratio is None
                else round(rolling.involved_ratio, 1),
                sides=decisions,
            )
        )
        checkpoints += _checkpoints_of(exercise.id, deciders, replayed, earlier[0] if earlier else None, params)
    suggestion = Suggestion(on, bool(urgent), _referrals(advice, urgent, gp), tuple(advice))
    return suggestion, tuple(checkpoints)


def weaker_side_of(rolling: Symmetry | None, params: Parameters = DEFAULT_PARAMETERS) -> Side | None:
    """The weaker side: the lower one while the rolling index is under the flag line (90 %), else
    none (6.9.11). The one definition the session order, `suggest`, the report and charts use."""
    if rolling is None or rolling.lsi >= params.lsi_flag:
        return None
    return rolling.weaker_side


def _checkpoints_of(exercise_id, deciders, replayed, stored_lsi, params) -> list[Checkpoint]:
    """One checkpoint per side that has sessions: the fold before its last session, and how far
    back a resumed replay must read (the rules look at most two sessions and 28 days back)."""
    waiting = {side: fold for side, (_, fold) in replayed.items() if fold is not None}
    if not waiting:
        return []
    lookback = min(
        min(d.sessions[max(0, len(d.sessions) - 3)].date, d.sessions[-1].date - timedelta(days=params.lookback_days))
        for side, d in deciders.items()
        if side in waiting
    )
    before = [pair for pair in deciders[Side.LEFT].comparable if pair.date < lookback]
    last = symmetry(before[-1:]) if before else None
    last_lsi = round(last.lsi, 1) if last is not None else stored_lsi
    return [
        Checkpoint(exercise_id, side, deciders[side].sessions[-1].date, lookback, fold, last_lsi)
        for side, fold in waiting.items()
    ]


_REFER_LEVEL = {"RF-1": ReferralLevel.EMERGENCY, "RF-2": ReferralLevel.GP_THIS_WEEK}
_SIDE_RULES = {"RE-3", "RE-4", "RE-5", "RE-6"}


def _referrals(advice: list[ExerciseAdvice], urgent, gp) -> tuple[Referral, ...]:
    found: dict[tuple, Referral] = {}
    if urgent:
        found[("RF-1",)] = Referral(ReferralLevel.EMERGENCY, None, None, "RF-1", URGENT_TEXT)
    if gp:
        found[("RF-2",)] = Referral(ReferralLevel.GP_THIS_WEEK, None, None, "RF-2", GP_TEXT)
    for item in advice:
        for decision in item.sides:
            for reason in decision.reasons:
                if not reason.rule.startswith("RE-"):
                    continue
                if reason.rule in _SIDE_RULES:
                    key = (reason.rule, decision.side)
                    found.setdefault(
                        key, Referral(ReferralLevel.ROUTINE, decision.side, None, reason.rule, reason.text)
                    )
                else:
                    key = (reason.rule, decision.side, item.exercise_id)
                    found.setdefault(
                        key, Referral(ReferralLevel.ROUTINE, decision.side, item.exercise_id, reason.rule, reason.text)
                    )
    return tuple(found.values())


# --- checkpoints as plain data (the store keeps them as JSON) --------------------------------------

# Bump when a rule changes, so stored checkpoints are not reused (2: 6.9.1, 6.9.4, 6.9.6, 6.9.7,
# 6.9.10-11, 6.9.13; 3: 6.9.2, 6.9.12; 4: 6.9.3, 6.9.4, 6.9.5, 6.9.9; 5: both-sides sets out of the
# symmetry index; 6: 6.9.8).
ENGINE_VERSION = "6"


def checkpoint_key(catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS) -> str:
    """What a checkpoint also depends on besides the dated data: the engine and its parameters,
    the catalogue, the settings, the plan's start, the checklist answer in force on `on` and
    the visits (a visit recorded afterwards may lift a referral inside a checkpoint's memory)
    and each side's usual morning pain on `on`, its value and whether it is estimated (6.9.8).
    A checkpoint made under another key is not used."""
    urgent, gp = _urgency(history, on)
    material = repr((
        ENGINE_VERSION, params, catalogue.exercises, catalogue.band_colours, history.settings,
        history.plan_start, urgent, gp, _visits(history), _usual_pains(history, on),
    ))
    return hashlib.sha256(material.encode()).hexdigest()


def _load_data(load: Load) -> list:
    return [load.kg, load.band]


def _rx_data(rx: Prescription | None) -> list | None:
    if rx is None:
        return None
    return [rx.level, _load_data(rx.load), rx.sets, rx.reps_min, rx.reps_max, rx.hold_s]


def _rx_from(data: list | None) -> Prescription | None:
    if data is None:
        return None
    level, (kg, band), sets, reps_min, reps_max, hold_s = data
    return Prescription(level, Load(kg=kg, band=band), sets, reps_min, reps_max, hold_s)


def _day_from(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def checkpoint_data(checkpoint: Checkpoint) -> dict:
    """A checkpoint as JSON-able data (lists, strings, numbers)."""
    fold = checkpoint.fold
    return {
        "exercise": checkpoint.exercise_id,
        "side": checkpoint.side.value,
        "covers_to": checkpoint.covers_to.isoformat(),
        "lookback_from": checkpoint.lookback_from.isoformat(),
        "last_lsi_before": checkpoint.last_lsi_before,
        "fold": {
            "rx": _rx_data(fold.rx),
            "reentry_left": fold.reentry_left,
            "pre_layoff": _rx_data(fold.pre_layoff),
            "events": [[e.rule, e.fired.isoformat(), e.text, e.regress_key] for e in fold.events],
            "deload_rx": _rx_data(fold.deload_rx),
            "deload_source": _rx_data(fold.deload_source),
            "deload_start": None if fold.deload_start is None else fold.deload_start.isoformat(),
            "regressed_for": sorted(fold.regressed_for),
            "last_target": fold.last_target,
            "extra_set": fold.extra_set,
            "eased": fold.eased,
            "capped_days": [d.isoformat() for d in fold.capped_days],
            "rx_capped": fold.rx_capped,
        },
    }


def checkpoint_from(data: dict) -> Checkpoint:
    """The inverse of `checkpoint_data`; ValueError (or KeyError/TypeError) on anything malformed."""
    fold = data["fold"]
    return Checkpoint(
        exercise_id=str(data["exercise"]),
        side=Side(data["side"]),
        covers_to=date.fromisoformat(data["covers_to"]),
        lookback_from=date.fromisoformat(data["lookback_from"]),
        last_lsi_before=data["last_lsi_before"],
        fold=_Fold(
            rx=_rx_from(fold["rx"]),
            reentry_left=int(fold["reentry_left"]),
            pre_layoff=_rx_from(fold["pre_layoff"]),
            events=tuple(
                _Event(rule, date.fromisoformat(fired), text, key) for rule, fired, text, key in fold["events"]
            ),
            deload_rx=_rx_from(fold["deload_rx"]),
            deload_source=_rx_from(fold["deload_source"]),
            deload_start=_day_from(fold["deload_start"]),
            regressed_for=frozenset(fold["regressed_for"]),
            last_target=fold["last_target"],
            extra_set=bool(fold.get("extra_set", False)),
            eased=bool(fold.get("eased", False)),
            capped_days=tuple(date.fromisoformat(d) for d in fold.get("capped_days", ())),
            rx_capped=bool(fold.get("rx_capped", False)),
        ),
    )
