"""Running a session: the order of sides and sets, and the summary at the end.

Pure functions over the engine's decisions and the logged sets; the TUI shows what they say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from trainer.core.model import Exercise, LoggedSet, Side, Sidedness
from trainer.core.pain import RED_MIN
from trainer.core.plan import PlannedSession
from trainer.core.progression import (
    DEFAULT_PARAMETERS,
    ExerciseAdvice,
    Prescription,
    SideDecision,
    Suggestion,
)

PAIN_STOP_MIN = RED_MIN  # PM-2: red pain during a set means stop the exercise (core/pain.py)


def side_order(advice: ExerciseAdvice, involved: Side | None) -> tuple[SideDecision, ...]:
    """The weaker side first (from the symmetry index, else the side the person named)."""
    first = advice.weaker_side or involved
    return tuple(sorted(advice.sides, key=lambda d: 0 if d.side is first else 1))


@dataclass(frozen=True)
class PlannedSet:
    side: Side  # LEFT, RIGHT, or BOTH for exercises done with both sides at once
    number: int  # set number on that side, from 1
    prescription: Prescription


def set_queue(exercise: Exercise, decisions: Sequence[SideDecision]) -> list[PlannedSet]:
    """Every set to do, in order: sides take turns set by set (one side's set is the other's
    rest), the first side in `decisions` leading; an exercise done with both sides at once at its
    prescribed level is one queue of `both` sets."""
    dosed = [(d.side, d.prescription) for d in decisions if d.prescription is not None]
    if len(dosed) < len(decisions) and exercise.sided_at(exercise.entry_level) is Sidedness.BOTH:
        return []  # one side skipped until checked (6.9.12): nothing done with both at once
    if not dosed:
        return []  # skipped on every side until checked (6.9.12)
    level = exercise.level(dosed[0][1].level)
    if exercise.sided_at(level) is Sidedness.BOTH:
        rx = dosed[0][1]
        return [PlannedSet(Side.BOTH, n, rx) for n in range(1, rx.sets + 1)]
    longest = max(rx.sets for _, rx in dosed)
    queue = []
    for number in range(1, longest + 1):
        for side, rx in dosed:
            if number <= rx.sets:
                queue.append(PlannedSet(side, number, rx))
    return queue


@dataclass(frozen=True)
class AdvisedSession:
    """A planned session as the engine's advice for its day leaves it (rules 6.9.11, 6.9.13):
    what `plan show` lists, the same as the today screen will run."""

    planned: PlannedSession
    blocked: bool  # an emergency answer stops all training: no session at all
    exercises: tuple[str, ...]  # to do, in the planned order
    skipped: tuple[str, ...]  # planned, but nothing to do on any side until checked (6.9.12)
    # Exercises still done, but on one side only (the other skipped until checked).
    one_side_only: tuple[tuple[str, Side], ...]
    # The side each exercise starts with (`side_order`); None for a both-sides-at-once exercise
    # and where no side has a reason to go first.
    first_sides: tuple[tuple[str, Side | None], ...]

    @property
    def date(self) -> date:
        return self.planned.date

    @property
    def first_side(self) -> Side | None:
        """The side most of the session starts with (the plan's involved side on a tie)."""
        counts: dict[Side, int] = {}
        for _, side in self.first_sides:
            if side is not None:
                counts[side] = counts.get(side, 0) + 1
        if not counts:
            return self.planned.first_side
        best = max(counts.values())
        leaders = [side for side, n in counts.items() if n == best]
        return self.planned.first_side if self.planned.first_side in leaders else leaders[0]


def advised_session(
    planned: PlannedSession,
    suggestion: Suggestion,
    exercises: Sequence[Exercise],
    involved: Side | None,
) -> AdvisedSession:
    """`planned` with the day's advice applied: nothing on a blocked day, the exercises skipped on
    every side left out, and the side each one starts with as the session will order it."""
    if suggestion.urgent:
        return AdvisedSession(planned, True, (), (), (), ())
    by_id = {ex.id: ex for ex in exercises}
    advice = {a.exercise_id: a for a in suggestion.exercises}
    kept: list[str] = []
    skipped: list[str] = []
    one_side: list[tuple[str, Side]] = []
    first_sides: list[tuple[str, Side | None]] = []
    for exercise_id in planned.exercises:
        if exercise_id not in by_id or exercise_id not in advice:
            continue
        exercise = by_id[exercise_id]
        decisions = side_order(advice[exercise_id], involved)
        queue = set_queue(exercise, decisions)
        if decisions and not queue:
            skipped.append(exercise_id)
            continue
        kept.append(exercise_id)
        dosed = [d.side for d in decisions if d.prescription is not None]
        if len(dosed) == 1 and len(decisions) > 1:
            one_side.append((exercise_id, dosed[0]))
        # Left first by convention when neither a weaker nor an involved side gives a reason:
        # then no side is named, as before the advice was known.
        reasoned = advice[exercise_id].weaker_side or involved
        lead = queue[0].side if queue and reasoned else None
        first_sides.append((exercise_id, None if lead is Side.BOTH else lead))
    return AdvisedSession(
        planned, False, tuple(kept), tuple(skipped), tuple(one_side), tuple(first_sides)
    )


def next_set(queue: Sequence[PlannedSet], logged: Sequence[LoggedSet]) -> PlannedSet | None:
    """The first planned set not yet logged today (counting sets per side)."""
    done = {side: 0 for side in Side}
    for s in logged:
        done[s.side] += 1
    for planned in queue:
        if planned.number > done[planned.side]:
            return planned
    return None


def stop_advised(logged: LoggedSet, pain_limit: int | None = None) -> bool:
    """Sharp pain, or pain of 6/10 or more: stop this exercise now (PM-1, PM-2); with a stricter
    `pain_limit` from a physiotherapist's prescription, pain above it too (issue 19)."""
    pain = logged.pain or 0
    return logged.sharp or pain >= PAIN_STOP_MIN or (pain_limit is not None and pain > pain_limit)


@dataclass(frozen=True)
class SideSummary:
    side: Side
    sets: int
    reps: int  # total reps or steps
    volume_kg: float  # kg x reps over sets with a kg load
    best_hold_s: int | None
    pain_min: int | None
    pain_max: int | None
    sharp: bool


@dataclass(frozen=True)
class SessionSummary:
    sets: int
    exercises: int
    sides: tuple[SideSummary, ...]  # left, right (sets logged for both count on each)


def summarise(logged: Sequence[LoggedSet]) -> SessionSummary:
    """Sets and volume per side, best hold per side and the pain range of a session."""
    sides = []
    for side in (Side.LEFT, Side.RIGHT):
        mine = [s for s in logged if s.side.covers(side)]
        pains = [s.pain for s in mine if s.pain is not None]
        holds = [s.hold_s for s in mine if s.hold_s is not None]
        sides.append(
            SideSummary(
                side=side,
                sets=len(mine),
                reps=sum(s.reps or 0 for s in mine),
                volume_kg=sum((s.load.kg or 0) * (s.reps or 0) for s in mine),
                best_hold_s=max(holds) if holds else None,
                pain_min=min(pains) if pains else None,
                pain_max=max(pains) if pains else None,
                sharp=any(s.sharp for s in mine),
            )
        )
    return SessionSummary(
        sets=len(logged), exercises=len({s.exercise_id for s in logged}), sides=tuple(sides)
    )


@dataclass(frozen=True)
class DayTotals:
    """One training day in the history list (sets logged for both sides count on each)."""

    date: date
    sets: int
    exercises: int
    sets_left: int
    sets_right: int
    pain_left: int | None  # worst pain recorded, None when none was
    pain_right: int | None
    sharp_left: bool
    sharp_right: bool


@dataclass(frozen=True)
class SessionItem:
    """One exercise of today's session: what to do per side, what was done last time, today's sets."""

    exercise: Exercise
    decisions: tuple[SideDecision, ...]  # the side to do first comes first
    last_time: tuple[tuple[Side, str], ...]
    logged: tuple[LoggedSet, ...]  # today's sets of this exercise, oldest first
    # Each side's worst pain on its last day (a hint when logging, never a pre-filled value).
    last_pain: tuple[tuple[Side, int], ...] = ()
    # The sets of this exercise on the days before today (for each set's target, `set_target`).
    earlier: tuple[LoggedSet, ...] = ()
    # After red or sharp pain on one side, what the person chose today (issue 15.4): the side that
    # hurt, and whether the other side carries on (True) or the exercise stops for both (False).
    pain_choices: tuple[tuple[Side, bool], ...] = ()
    # From a physiotherapist's prescription (issue 19): their note for this exercise, and the
    # pain above which it stops (None: the programme's red pain).
    note: str = ""
    pain_limit: int | None = None

    def target_of(self, planned: PlannedSet) -> tuple[int, int | None]:
        return set_target(planned.prescription, self.earlier, planned.side, planned.number)

    def last_pain_of(self, side: Side) -> int | None:
        """The worst pain `side` recorded on its last day; for a both-sides set, the worse side."""
        pains = [p for s, p in self.last_pain if s is side or side is Side.BOTH]
        return max(pains) if pains else None

    @property
    def queue(self) -> list[PlannedSet]:
        return set_queue(self.exercise, self.decisions)

    @property
    def next(self) -> PlannedSet | None:
        if self.stopped:
            return None
        stopped = self.stopped_sides
        return next_set([p for p in self.queue if p.side not in stopped], self.logged)

    @property
    def complete(self) -> bool:
        return self.next is None

    @property
    def skipped(self) -> bool:
        """No side has a dose: skipped until a professional has checked it (6.9.12)."""
        return bool(self.decisions) and not self.queue

    @property
    def stopped_sides(self) -> frozenset[Side]:
        """The sides that had sharp or red pain today (a set for both sides at once stops both)."""
        sides = {s.side for s in self.logged if stop_advised(s, self.pain_limit)}
        return frozenset(each for side in sides for each in side.each)

    @property
    def other_side_left(self) -> Side | None:
        """After pain on one side only, the other side if it still has sets to do today: the
        side the person may carry on with (issue 15.4)."""
        stopped = self.stopped_sides
        if len(stopped) != 1:
            return None
        (hurt,) = stopped
        other = Side.RIGHT if hurt is Side.LEFT else Side.LEFT
        remaining = next_set([p for p in self.queue if p.side is other], self.logged)
        return other if remaining is not None else None

    @property
    def pain_choice_pending(self) -> bool:
        """Pain on one side, the other has sets left and the person has not chosen yet."""
        if self.other_side_left is None:
            return False
        (hurt,) = self.stopped_sides
        return hurt not in dict(self.pain_choices)

    @property
    def stopped(self) -> bool:
        """Sharp or red pain today: the exercise is over for today whatever sets remain, unless
        the pain was on one side and the person chose to carry on with the other (the default is
        to stop both)."""
        stopped = self.stopped_sides
        if len(stopped) == 1:
            (hurt,) = stopped
            return not dict(self.pain_choices).get(hurt, False)
        return bool(stopped)


def _last_day_of(sets: Sequence[LoggedSet], side: Side) -> list[LoggedSet]:
    """`side`'s sets (sets for both sides included) of the last day it has any, in order."""
    mine = [s for s in sets if s.side.covers(side)]
    if not mine:
        return []
    day = max(s.date for s in mine)
    return sorted((s for s in mine if s.date == day), key=lambda s: s.id)


def set_target(
    rx: Prescription, earlier: Sequence[LoggedSet], side: Side, number: int
) -> tuple[int, int | None]:
    """What set `number` of `side` aims for, and what that set did last time (None if nothing
    to go by): double progression (issue 15.5). A hold aims for the prescribed seconds. Reps aim
    for last time's reps of that set at this level and load, one more when last time's pain was
    3/10 or less, never outside the prescribed range; with nothing to go by, the bottom of it."""
    if rx.hold_s is not None or rx.reps_min is None or rx.reps_max is None:
        return (rx.hold_s or rx.reps_max or 0), None
    same = [
        s for s in _last_day_of(earlier, side)
        if s.level == rx.level and s.load == rx.load and s.reps is not None
    ]
    if not same:
        return rx.reps_min, None
    before = same[min(number, len(same)) - 1].reps or 0
    settled = all(not s.sharp and (s.pain or 0) <= DEFAULT_PARAMETERS.pain_green_max for s in same)
    aim = before + 1 if settled else before
    return max(rx.reps_min, min(rx.reps_max, aim)), before


def last_pains(sets: Sequence[LoggedSet]) -> tuple[tuple[Side, int], ...]:
    """Each side's worst recorded pain on its last day; sides with no pain recorded are left out."""
    result = []
    for side in (Side.LEFT, Side.RIGHT):
        pains = [s.pain for s in _last_day_of(sets, side) if s.pain is not None]
        if pains:
            result.append((side, max(pains)))
    return tuple(result)


def describe_sides(sets: Sequence[LoggedSet]) -> tuple[tuple[Side, str], ...]:
    """The last day each side did the exercise, in a few words ("15, 15, 12 reps, red-band, pain 2, Mon 23 Nov")."""
    result = []
    for side in (Side.LEFT, Side.RIGHT):
        that_day = _last_day_of(sets, side)
        if not that_day:
            continue
        day = that_day[0].date
        amounts = ", ".join(
            str(s.hold_s if s.hold_s is not None else s.reps) for s in that_day
        )
        unit = "s" if that_day[0].hold_s is not None else "reps"
        pains = [s.pain for s in that_day if s.pain is not None]
        pain = f", pain {max(pains)}" if pains else ""
        sharp = ", sharp pain" if any(s.sharp for s in that_day) else ""
        text = (
            f"{amounts} {unit}, level {that_day[-1].level}, {that_day[-1].load}{pain}{sharp}, "
            f"{day:%a} {day.day} {day:%b}"
        )
        result.append((side, text))
    return tuple(result)


def easier_variation(exercise: Exercise, rx: Prescription, bands: Sequence[str]) -> Prescription | None:
    """One step easier for the rest of today after sharp or red pain: a lighter load (the next
    band down, or body weight for kilograms, which the person can lighten by hand), else the
    level below; None at the easiest variation with no load."""
    from dataclasses import replace

    from trainer.core.model import BODYWEIGHT, Load

    needs_load = exercise.level(rx.level).load_required  # never down to body weight (6.9.5)
    if rx.load.band is not None:
        index = list(bands).index(rx.load.band) if rx.load.band in bands else 0
        if index > 0:
            return replace(rx, load=Load(band=bands[index - 1]))
        if not needs_load:
            return replace(rx, load=BODYWEIGHT)
    elif rx.load.kg is not None and not needs_load:
        return replace(rx, load=BODYWEIGHT)
    if rx.level > 1:
        lower = exercise.level(rx.level - 1)
        if exercise.counts_seconds:
            return replace(rx, level=lower.number)
        return replace(rx, level=lower.number, reps_min=lower.min, reps_max=lower.max)
    return None


@dataclass(frozen=True)
class DoseChange:
    """One side of an exercise whose dose changes next time (issue 15.6)."""

    exercise_id: str
    side: Side
    decision: str  # the decision in a few words ("step up", "lighter week")
    before: str  # today's dose in words
    after: str  # next time's dose in words
    reason: str  # the leading reason


@dataclass(frozen=True)
class NextTime:
    """What the engine changes for the next session, and which exercises stay as they are."""

    changes: tuple[DoseChange, ...] = ()
    same: tuple[str, ...] = ()  # exercise ids whose every side keeps today's dose


def next_time_changes(items: Sequence[SessionItem], after: Suggestion) -> NextTime:
    """For each exercise done today: the sides whose dose differs next time (before and after in
    words, the decision and its leading reason), and the exercises that stay the same."""
    from trainer.core.wording import prescription_text

    advice = {a.exercise_id: a for a in after.exercises}
    changes: list[DoseChange] = []
    same: list[str] = []
    for item in items:
        if not item.logged or item.exercise.id not in advice:
            continue
        today = {d.side: d.prescription for d in item.decisions}
        changed = False
        for decision in advice[item.exercise.id].sides:
            before, nxt = today.get(decision.side), decision.prescription
            if before == nxt:
                continue
            changed = True
            changes.append(DoseChange(
                item.exercise.id,
                decision.side,
                decision.decision.label,
                prescription_text(before, item.exercise),
                prescription_text(nxt, item.exercise),
                next((r.text for r in decision.reasons), ""),
            ))
        if not changed:
            same.append(item.exercise.id)
    return NextTime(tuple(changes), tuple(same))
