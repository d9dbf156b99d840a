"""A scripted patient for the twelve-week simulation test (issue 14, tests/test_simulation.py).

The patient trains through the services exactly as the app is used: each training day they
open the day (`today_view`, which asks `suggest`), look at `trainer plan show --json`, do what
is prescribed side by side, log each side's sets with the pain felt, and record the morning
check the next day. Everything is deterministic: one seeded `random.Random`, consumed in a fixed
order, and a clock the script moves.

The patient:
- a weaker left side: fewer reps on the left at first, catching up over the weeks;
- left pain 1-3/10 during exercises, easing to 0-2 from week 8; waking pain 1 (their usual);
- the right side pain-free throughout (never above 3/10, mornings 0);
- a flare-up in week 5: left pain 4-6 during exercises, waking pain 3-4, and sharp pain in the
  left Cossack squat twice in that week;
- a break of 19 days in weeks 8-10: on the Friday of week 8 they answer the red-flag checklist
  with a hot, swollen, feverish hip (an emergency answer: training stops), open the app on the
  planned days while blocked, see a doctor the next Thursday (recorded), and rest until week 11.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from trainer.cli import main as cli_main
from trainer.core.clock import FixedClock
from trainer.core.model import DoseKind, Exercise, Load, Side, Sidedness
from trainer.core.progression import Outcome, Prescription, SideDecision, Suggestion
from trainer.services import Services, build_services

START = date(2026, 1, 5)  # a Monday
WEEKS = 12
FLARE_WEEK = 4  # 0-based: the fifth week
LAST_BEFORE_BREAK = START + timedelta(weeks=7, days=2)  # Wednesday of week 8
BACK_AFTER_BREAK = START + timedelta(weeks=10)  # Monday of week 11: 19 days later
EMERGENCY_DAY = START + timedelta(weeks=7, days=4)  # Friday of week 8: a red-flag answer
VISIT = START + timedelta(weeks=8, days=3)  # Thursday of week 9: seen by a doctor (recorded)
# Sharp pain in the left Cossack squat in its first two sessions from the flare-up week's Tuesday
# on (whichever days the composition puts it on; at most a week apart, so RE-2's 14 days hold).
SHARP_FROM = START + timedelta(weeks=FLARE_WEEK, days=1)
SHARP_EXERCISE = "cossack-squat"
SEED = 14


class SimClock:
    """The script's clock: a day and a time of day it moves explicitly."""

    def __init__(self, day: date) -> None:
        self.at = datetime.combine(day, time(18, 0), tzinfo=UTC)

    def set(self, day: date, hour: int) -> None:
        self.at = datetime.combine(day, time(hour, 0), tzinfo=UTC)

    def today(self) -> date:
        return self.at.date()

    def now(self) -> datetime:
        return self.at


def planned_days() -> list[date]:
    """Mon, Wed and Fri of the twelve weeks: the plan's days."""
    return [
        START + timedelta(weeks=week, days=offset) for week in range(WEEKS) for offset in (0, 2, 4)
    ]


def opened(day: date) -> bool:
    """Does the patient open the app on this planned day? Not during the break, except on the
    days training is stopped by the emergency answer (they look, and do not train)."""
    return not LAST_BEFORE_BREAK < day < BACK_AFTER_BREAK or EMERGENCY_DAY <= day < VISIT


def week_of(day: date) -> int:
    return (day - START).days // 7


@dataclass(frozen=True)
class Done:
    """What one side did of one exercise on one day, and the decision it followed."""

    decision: SideDecision  # the engine's decision for this side that day
    logged_side: Side  # LEFT, RIGHT, or BOTH when done with both sides at once
    level: int  # as performed (a both-sides set: the dose of the side listed first)
    load: Load
    amounts: tuple[int, ...]  # reps or seconds per set
    pain: int  # as logged (a both-sides set: the worse side's pain)
    sharp: bool

    @property
    def prescription(self) -> Prescription:
        return self.decision.prescription


@dataclass
class Day:
    """One opened day: what the services said, what plan show said, what the patient did."""

    date: date
    suggestion: Suggestion
    order: dict[str, tuple[Side, ...]]  # the today screen's side order per exercise
    session_ids: tuple[str, ...]  # the exercises of the today screen
    plan_show: dict | None  # `plan show --json` session of this date (None: none listed)
    done: dict[tuple[str, Side], Done] = field(default_factory=dict)


class Patient:
    """Strength and pain of each side, week by week (see the module docstring)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.sharp_days: list[date] = []  # the days the sharp exercise hurt sharply

    def strength(self, side: Side, day: date) -> float:
        week = week_of(day)
        right = 15.0 + 0.4 * week
        left = min(right, 10.0 + 1.0 * week)
        value = left if side is Side.LEFT else right
        if side is Side.LEFT and week == FLARE_WEEK:
            value -= 3  # pain-limited
        if day >= BACK_AFTER_BREAK:
            value -= 1  # three weeks off
        return value

    def capacity(self, exercise: Exercise, side: Side, rx: Prescription, day: date) -> int:
        """Reps (or steps) per set this side manages at this dose."""
        strength = self.strength(side, day) + self.rng.choice((-1, 0, 0, 0, 1))
        entry = exercise.entry_level.number
        level = exercise.level(rx.level)
        if level.min == level.max:  # fixed reps per step (Copenhagen): a harder exercise
            reps = strength * 0.55 - 1.0 * (rx.level - entry)
        else:
            reps = strength - 4 * (rx.level - entry)
        reps -= 2 * _load_steps(rx.load)
        reps -= 1 if rx.sets >= 3 else 0
        return max(3, int(reps))

    def pain(self, exercise: Exercise, side: Side, day: date) -> tuple[int, bool]:
        """Worst pain during the exercise on that side, and whether it was sharp."""
        if side is Side.RIGHT:
            return self.rng.choice((0, 0, 0, 1, 1, 2)), False
        if exercise.id == SHARP_EXERCISE and day >= SHARP_FROM:
            if day in self.sharp_days or len(self.sharp_days) < 2:
                if day not in self.sharp_days:
                    self.sharp_days.append(day)
                return 6, True
        if week_of(day) == FLARE_WEEK:
            if exercise.stretch:
                return 4, False
            return self.rng.choice((4, 5, 5, 6)), False
        if week_of(day) < FLARE_WEEK:
            return self.rng.choice((1, 2, 2, 3)), False
        if week_of(day) < FLARE_WEEK + 3:
            return self.rng.choice((1, 1, 2, 3)), False
        return self.rng.choice((0, 1, 1, 2)), False  # improving

    def morning(self, side: Side, day: date) -> tuple[int, int]:
        """Pain and soreness on waking the day after training on `day`."""
        if side is Side.RIGHT:
            return 0, 2
        if week_of(day) == FLARE_WEEK:
            return self.rng.choice((3, 4)), 3
        return 1, 2  # the usual waking pain (baseline 1)


def _load_steps(load: Load) -> int:
    if load.band is not None:
        return 1 + ("yellow", "red", "green", "blue", "black").index(load.band)
    if load.kg is not None:
        return int(load.kg // 2)
    return 0


def skipped(decision: SideDecision) -> bool:
    """The engine says not to do this side today."""
    return decision.decision in (Outcome.URGENT, Outcome.STOP_NOW)


def plan_show(db: Path, catalog: Path, day: date) -> dict | None:
    """`trainer plan show --json --from DAY --weeks 1`, run as a person would, on DAY."""
    out = io.StringIO()
    clock = FixedClock(datetime.combine(day, time(7, 45), tzinfo=UTC))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli_main(
            ["plan", "show", "--json", "--from", day.isoformat(), "--weeks", "1",
             "--db", str(db), "--catalog", str(catalog)],
            clock=clock,
        )
    assert code == 0, out.getvalue()
    sessions = json.loads(out.getvalue())["sessions"]
    return next((s for s in sessions if s["date"] == day.isoformat()), None)


def run(db: Path, catalog: Path) -> list[Day]:
    """Twelve weeks of training through the services; every day's record, oldest first."""
    clock = SimClock(START)
    services: Services = build_services(str(db), str(catalog), clock)  # type: ignore[arg-type]
    patient = Patient()
    days: list[Day] = []
    try:
        clock.set(START, 7)
        services.update_settings(
            baseline_pain_left=1, baseline_pain_right=0, dumbbells_kg=(2.0, 4.0, 6.0)
        )
        services.set_plan((0, 2, 4), start=START, involved_side=Side.LEFT, minutes=45)
        visited = False
        for day in planned_days():
            if not opened(day):
                continue
            if not visited and day > VISIT:
                clock.set(VISIT, 12)
                services.record_seen_professional(VISIT)
                visited = True
            clock.set(day, 18)
            services.close_interrupted_sessions()
            if day == EMERGENCY_DAY:
                services.record_symptoms(["fever_hot_swollen_hip"])
            elif services.symptoms_due():
                services.record_symptoms([])
            # After the day's answers, as the session screen reads them.
            shown = plan_show(db, catalog, day)
            view = services.today_view()
            assert view.planned, day
            suggestion = services.suggest(day)
            record = Day(
                date=day,
                suggestion=suggestion,
                order={i.exercise.id: tuple(d.side for d in i.decisions) for i in view.items},
                session_ids=tuple(item.exercise.id for item in view.items),
                plan_show=shown,
            )
            days.append(record)
            if suggestion.urgent:
                continue  # training is stopped: nothing to do, no morning entry
            for item in view.items:
                _train(services, patient, item.exercise, item.decisions, day, record)
            # The next morning: how each side feels on waking.
            clock.set(day + timedelta(days=1), 7)
            assert services.morning_due() == day
            for side in (Side.LEFT, Side.RIGHT):
                pain, soreness = patient.morning(side, day)
                services.record_morning(side, pain, soreness, on=day + timedelta(days=1))
    finally:
        services.close()
    return days


def _train(
    services: Services,
    patient: Patient,
    exercise: Exercise,
    decisions: tuple[SideDecision, ...],
    day: date,
    record: Day,
) -> None:
    """Do what is prescribed, in the order the today screen gives, and log it per side."""
    todo = [d for d in decisions if not skipped(d)]
    together = [
        d for d in todo
        if exercise.sided_at(exercise.level(d.prescription.level)) is Sidedness.BOTH
    ]
    if together:
        # Both sides at once: one dose (that of the side listed first); both hips work, so the
        # logged pain is the worse side's and the weaker side limits the reps.
        rx = together[0].prescription
        felt = [patient.pain(exercise, side, day) for side in (Side.LEFT, Side.RIGHT)]
        pain, sharp = max(p for p, _ in felt), any(s for _, s in felt)
        amounts = min(
            (_amounts(patient, exercise, side, rx, day, sharp) for side in (Side.LEFT, Side.RIGHT)),
            key=sum,
        )
        _log(services, exercise, Side.BOTH, rx, amounts, pain, sharp)
        for d in together:
            record.done[(exercise.id, d.side)] = Done(
                d, Side.BOTH, rx.level, rx.load, amounts, pain, sharp
            )
    for d in todo:
        if d in together:
            continue
        rx = d.prescription
        pain, sharp = patient.pain(exercise, d.side, day)
        amounts = _amounts(patient, exercise, d.side, rx, day, sharp)
        _log(services, exercise, d.side, rx, amounts, pain, sharp)
        record.done[(exercise.id, d.side)] = Done(
            d, d.side, rx.level, rx.load, amounts, pain, sharp
        )


def _amounts(
    patient: Patient, exercise: Exercise, side: Side, rx: Prescription, day: date, sharp: bool
) -> tuple[int, ...]:
    if exercise.dose is DoseKind.HOLD:
        return (rx.hold_s or 30,) * rx.sets
    reps = min(rx.reps_max or 15, patient.capacity(exercise, side, rx, day))
    if sharp:
        return (max(1, reps // 2),)  # sharp pain: stop the exercise at once
    return (reps,) * rx.sets


def _log(
    services: Services,
    exercise: Exercise,
    side: Side,
    rx: Prescription,
    amounts: tuple[int, ...],
    pain: int,
    sharp: bool,
) -> None:
    """`trainer log` for one side (or both at once): the prescribed level and load, the sets
    done, the worst pain; sharp pain stops the exercise."""
    key = "holds" if exercise.dose is DoseKind.HOLD else "reps"
    services.log(
        exercise.id, side, level=rx.level, load=rx.load, pain=pain, sharp=sharp, stopped=sharp,
        **{key: list(amounts)},
    )
