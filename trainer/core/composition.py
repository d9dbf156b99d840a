"""Session composition: which exercises go into each session of a week, in the principles order.

Every session runs warm-up, mobility release, activation, strength, core, single-leg integration
and cool-down stretches (the order of `Group`). When the whole catalogue fits the session length,
every session holds all of it. When it does not, sessions rotate, filled round by round: every
exercise once, then a second time (on a session far from its first), then extras, with gluteus
medius work first in every round. So a short session length still keeps every part of the
programme in the week, and everything comes twice a week wherever the time allows.

Two things come whatever the session length (progression rules 6.9.15), placed before the rounds
like the warm-ups: every session ends with a static stretch (the article: "end with static
stretches"), and each hip-flexor stretch comes at least twice a week (ACSM: stretching at least
2-3 times a week; once when the plan has one session). They count in the session's time like
everything else, so they leave less room for the rest; only when they alone do not fit does a
session run over its minutes, as the warm-ups may.

Durations are estimates (`exercise_seconds`): the composition only has to be right to a minute or
so, and a caller that knows the person's current doses passes its own seconds per exercise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from trainer.core.model import Exercise, Group, Level, Sidedness

SECONDS_PER_REP = 3  # one slow, controlled rep or step (the programme's tempo)
SETUP_S = 30  # getting into position, fetching a band or a weight, reading the cue
PRIORITY_MUSCLE = "gluteus medius"
# The hip flexors as the article names them (iliopsoas, rectus femoris, sartorius), and the
# words a catalogue may use for them ("psoas" also matches "iliopsoas").
HIP_FLEXOR_MUSCLES = ("hip flexor", "psoas", "iliacus", "rectus femoris", "sartorius")
SESSIONS_RANGE = (1, 7)
MINUTES_RANGE = (5, 240)


@dataclass(frozen=True)
class Dose:
    """What one side does of an exercise in a session, for the estimate.

    Exactly one of `reps` (reps or steps per set) and `hold_s` (seconds per hold) is given.
    """

    sets: int
    reps: int | None = None
    hold_s: int | None = None

    def __post_init__(self) -> None:
        if self.sets < 1:
            raise ValueError(f"a dose has at least one set, not {self.sets}")
        if (self.reps is None) == (self.hold_s is None):
            raise ValueError("a dose counts either reps or hold seconds, exactly one of them")
        counted = self.reps if self.reps is not None else self.hold_s
        if counted is not None and counted < 0:
            raise ValueError(f"a dose cannot count {counted} reps or seconds")


def entry_dose(exercise: Exercise, level: Level | None = None) -> Dose:
    """The dose the estimate assumes: the level's sets at the bottom of its range, where a person
    starts (reps grow to the top before anything else changes) and a hold's entry target."""
    level = level or exercise.entry_level
    if exercise.counts_seconds:
        return Dose(sets=level.sets, hold_s=level.min)
    return Dose(sets=level.sets, reps=level.min)


def exercise_seconds(
    exercise: Exercise,
    dose: Dose | None = None,
    extra_set_side: bool = False,
    *,
    level: Level | None = None,
) -> int:
    """Estimated seconds for the exercise in a session, both sides, rests and a setup change included.

    `level` (default: the entry level) gives the sidedness and the seconds each rep is held;
    `dose` (default: `entry_dose` of that level) the sets and reps or hold seconds. A rep or step
    takes `SECONDS_PER_REP` plus the level's `rep_hold_s`; `each` and `alternating` exercises do
    the work on both sides, `both` once. A rest of `exercise.rest_s` comes between consecutive sets
    (not after the last; for `each` exercises between rounds of left and right, since one side's
    set is the other's rest), and `SETUP_S` once. `extra_set_side`: the weaker side does one more set
    (progression rule AS-1).
    """
    level = level or exercise.entry_level
    dose = dose or entry_dose(exercise, level)
    if dose.reps is not None:
        one_side = dose.reps * (SECONDS_PER_REP + (level.rep_hold_s or 0))
    else:
        one_side = dose.hold_s or 0
    sided = exercise.sided_at(level)
    if sided is Sidedness.EACH:
        # Left and right take turns set by set, so one side's set is the other's rest: a rest
        # comes only between rounds (left and right), plus the weaker side's extra set.
        sets = dose.sets + (1 if extra_set_side else 0)
        work = (2 * dose.sets + (1 if extra_set_side else 0)) * one_side
    elif sided is Sidedness.ALTERNATING:
        # Each set holds both sides in turn; an extra set for the weaker side holds only that side.
        sets = dose.sets + (1 if extra_set_side else 0)
        work = dose.sets * 2 * one_side + (one_side if extra_set_side else 0)
    else:
        # Both sides work at once, so there is no side to give an extra set to.
        sets = dose.sets
        work = sets * one_side
    return work + (sets - 1) * exercise.rest_s + SETUP_S


def works_gluteus_medius(exercise: Exercise) -> bool:
    """Gluteus medius work gets priority: its weakness is the usual core of a hip imbalance."""
    return any(PRIORITY_MUSCLE in muscle.lower() for muscle in exercise.muscles)


def is_hip_flexor_stretch(exercise: Exercise) -> bool:
    """A static stretch of a hip flexor: it comes at least twice a week (rules 6.9.15)."""
    return exercise.stretch and any(
        word in muscle.lower() for muscle in exercise.muscles for word in HIP_FLEXOR_MUSCLES
    )


def closing_stretches(exercises: Sequence[Exercise]) -> tuple[str, ...]:
    """The static stretches a session can end with: those of the last group that has any
    (the cool-down's, in the programme's catalogue), warm-ups aside; in catalogue order."""
    stretches = [ex for ex in exercises if ex.stretch and ex.group is not Group.WARM_UP]
    last = max((ex.group.order for ex in stretches), default=None)
    return tuple(ex.id for ex in stretches if ex.group.order == last)


def session_order(exercises: Sequence[Exercise], ids: Iterable[str]) -> tuple[str, ...]:
    """The exercises `ids` (all of them in `exercises`) in the order of a session.

    The principles order (`Group`, catalogue order within a group), and a session ends with a
    static stretch: if its last exercise is not one, its last stretch (warm-ups aside) moves to
    the end. With the programme's catalogue that never happens (the cool-down holds only
    stretches); a catalogue with no cool-down stretch closes with a mobility stretch this way.
    """
    by_id = {ex.id: ex for ex in exercises}
    position = {ex.id: index for index, ex in enumerate(exercises)}
    ordered = sorted(set(ids), key=lambda i: (by_id[i].group.order, position[i]))
    stretches = [i for i in ordered if by_id[i].stretch and by_id[i].group is not Group.WARM_UP]
    if stretches and ordered[-1] != stretches[-1]:
        ordered.remove(stretches[-1])
        ordered.append(stretches[-1])
    return tuple(ordered)


@dataclass(frozen=True)
class WeekPlan:
    """The sessions of one week, in the order they are done."""

    sessions: tuple[tuple[str, ...], ...]  # exercise ids per session, in principles order
    seconds: tuple[int, ...]  # estimated seconds of each session
    shortfall: tuple[str, ...]  # ids that come fewer than twice (budget too small), may be empty

    def count(self, exercise_id: str) -> int:
        """How many sessions of the week hold the exercise."""
        return sum(exercise_id in session for session in self.sessions)


def compose_week(
    exercises: Sequence[Exercise],
    sessions_per_week: int,
    minutes: int,
    seconds: Mapping[str, int] | None = None,
    mobility_first: bool = False,
) -> WeekPlan:
    """Compose the week's sessions from the catalogue's exercises (in catalogue order).

    `mobility_first` (tight hip flexors in the self-assessment) places the mobility stretches
    ahead of everything else in every round, gluteus medius work next.

    `seconds` overrides the estimate of the exercises it names (for example the seconds of the
    person's current doses); ids it names that are not in `exercises` are ignored.

    Warm-ups open every session, even when they alone overrun `minutes`. If everything fits,
    every session holds everything. Otherwise, first (rules 6.9.15) every session is given a
    closing stretch (`closing_stretches`, the one that fits, then the one held least, then the
    one farthest from its other sessions) and each hip-flexor stretch (`is_hip_flexor_stretch`)
    two sessions (one if there is one), far apart and on the emptier sessions; these go in even
    when they overrun `minutes`, as the warm-ups do, but count in the time. Then each other
    exercise is given two sessions, spread as far apart in the weekly cycle as room allows and
    on the emptier sessions, round by round (everything once, then everything twice, then
    extras), gluteus medius work first in every round (catalogue order within each tier).

    Two of everything is guaranteed when 2 x (seconds of the non-warm-up exercises) + (seconds
    of the closing stretches' appearances beyond two) <= (sessions_per_week - 1) x (room -
    longest of them), room being minutes x 60 less the warm-ups: a pair of sessions with room
    for the next exercise always exists then. With one session a week nothing comes twice, so
    `shortfall` names every exercise.
    """
    low, high = SESSIONS_RANGE
    if not low <= sessions_per_week <= high:
        raise ValueError(f"sessions_per_week must be {low}-{high}, not {sessions_per_week}")
    low, high = MINUTES_RANGE
    if not low <= minutes <= high:
        raise ValueError(f"minutes must be {low}-{high}, not {minutes}")
    ids = [exercise.id for exercise in exercises]
    if len(set(ids)) != len(ids):
        raise ValueError("exercise ids must be unique")
    overrides = seconds or {}
    if any(value < 0 for value in overrides.values()):
        raise ValueError("an exercise cannot take negative seconds")

    cost = {ex.id: overrides.get(ex.id, exercise_seconds(ex)) for ex in exercises}
    warm_ups = [ex.id for ex in exercises if ex.group is Group.WARM_UP]
    others = [ex for ex in exercises if ex.group is not Group.WARM_UP]
    room = minutes * 60 - sum(cost[i] for i in warm_ups)

    if sum(cost[ex.id] for ex in others) <= room:
        chosen = [set(ids) for _ in range(sessions_per_week)]
    else:
        rotation = _Rotation(sessions_per_week, room, cost)
        rotation.close_every_session(closing_stretches(exercises))
        for exercise in others:
            if is_hip_flexor_stretch(exercise):
                while rotation.count(exercise.id) < min(2, sessions_per_week):
                    rotation.place_one(exercise.id, overrun=True)
        mobility = [ex.id for ex in others if mobility_first and ex.group is Group.MOBILITY]
        glute = [ex.id for ex in others if works_gluteus_medius(ex) and ex.id not in mobility]
        rotation.fill(
            priority=mobility + glute,
            rest=[ex.id for ex in others if ex.id not in mobility and ex.id not in glute],
        )
        chosen = [set(warm_ups) | members for members in rotation.members]

    sessions = tuple(session_order(exercises, members) for members in chosen)
    plan_seconds = tuple(sum(cost[i] for i in session) for session in sessions)
    counts = {i: sum(i in members for members in chosen) for i in ids}
    shortfall = tuple(i for i in ids if counts[i] < 2)
    return WeekPlan(sessions=sessions, seconds=plan_seconds, shortfall=shortfall)


class _Rotation:
    """The non-warm-up part of each session while a week is being composed (mutable scratch)."""

    def __init__(self, sessions: int, room: int, cost: Mapping[str, int]) -> None:
        self.n = sessions
        self.room = room
        self.cost = cost
        self.load = [0] * sessions
        self.members: list[set[str]] = [set() for _ in range(sessions)]

    def fill(self, priority: list[str], rest: list[str]) -> None:
        # Round by round: everything once, then everything a second time, then extras. Breadth
        # first keeps every part of the programme in the week (stretches and core work too)
        # instead of letting a few long exercises take all the time; inside each round gluteus
        # medius work goes first, so it is the last to be squeezed out.
        ranked = priority + rest
        for target in range(1, self.n + 1):
            for exercise_id in ranked:
                if self.count(exercise_id) < target:
                    self.place_one(exercise_id)

    def close_every_session(self, closing: Sequence[str]) -> None:
        # Each session without a closing stretch gets one: one that fits its room if any does,
        # then the one held least (so they take turns), then the one farthest from its other
        # sessions, then catalogue order. It goes in even past the room.
        for session in range(self.n):
            if not closing or any(i in self.members[session] for i in closing):
                continue
            best = max(
                closing,
                key=lambda i: (
                    self._fits(session, i),
                    -self.count(i),
                    self._nearest(session, i),
                    -closing.index(i),
                ),
            )
            self._add(session, best)

    def count(self, exercise_id: str) -> int:
        return sum(exercise_id in members for members in self.members)

    def _fits(self, session: int, exercise_id: str) -> bool:
        return (
            exercise_id not in self.members[session]
            and self.load[session] + self.cost[exercise_id] <= self.room
        )

    def _gap(self, a: int, b: int) -> int:
        # Sessions repeat weekly, so the last one of a week and the first of the next are neighbours.
        distance = abs(a - b)
        return min(distance, self.n - distance)

    def _add(self, session: int, exercise_id: str) -> None:
        self.members[session].add(exercise_id)
        self.load[session] += self.cost[exercise_id]

    def _nearest(self, session: int, exercise_id: str) -> int:
        """How far `session` is from the nearest session holding the exercise (n: none does)."""
        held = [s for s in range(self.n) if exercise_id in self.members[s]]
        return min((self._gap(session, h) for h in held), default=self.n)

    def place_one(self, exercise_id: str, overrun: bool = False) -> None:
        """One more session for the exercise: far from its others, then the emptiest. None if no
        session has room, unless `overrun` (then one that does not hold it yet)."""
        open_sessions = [s for s in range(self.n) if self._fits(s, exercise_id)]
        if not open_sessions and overrun:
            open_sessions = [s for s in range(self.n) if exercise_id not in self.members[s]]
        if not open_sessions:
            return
        best = max(
            open_sessions,
            key=lambda s: (self._nearest(s, exercise_id), self.room - self.load[s], -s),
        )
        self._add(best, exercise_id)
