"""The training plan: which weekdays, from when, and how a person keeps to it.

The schedule is a python-dateutil recurrence rule (RFC 5545 RRULE text) stored with each plan
version. A change of weekdays makes a new version that takes effect from the next week, so the
weeks before it keep the days that were planned then. Adherence is counted per calendar week
(Monday to Sunday, the person's local dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dateutil.rrule import FR, MO, SA, SU, TH, TU, WE, WEEKLY, rrule, rrulestr, weekday

from trainer.core.errors import EntryError
from trainer.core.model import Exercise, Side

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RRULE_DAYS: tuple[weekday, ...] = (MO, TU, WE, TH, FR, SA, SU)
DEFAULT_WEEKDAYS = (0, 2, 4)  # Mon, Wed, Fri
SESSIONS_PER_WEEK = (3, 4)  # the programme's 3-4 sessions a week
MINUTES_RANGE = (10, 120)
UNCHANGED = object()  # "leave this as it is", where None is a real value (an unknown side)


@dataclass(frozen=True)
class Plan:
    """One version of the plan; it applies from `effective_from` until the next version."""

    weekdays: tuple[int, ...]  # 0 = Monday
    start: date
    effective_from: date
    rule: str  # the schedule as RRULE text (with DTSTART)
    involved_side: Side | None = None
    minutes: int | None = None

    @property
    def days_text(self) -> str:
        return ",".join(WEEKDAY_NAMES[d] for d in self.weekdays)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Read `mon,wed,fri` (3 or 4 different days) into sorted weekday numbers."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    days = []
    for name in names:
        if name in WEEKDAY_NAMES:
            days.append(WEEKDAY_NAMES.index(name))
        elif name in _FULL_NAMES:
            days.append(_FULL_NAMES.index(name))
        else:
            raise EntryError(
                f"'{name}' is not a weekday; use mon, tue, wed, thu, fri, sat, sun, e.g. mon,wed,fri"
            )
    if len(set(days)) != len(days):
        raise EntryError("a weekday is listed twice in --days")
    if len(days) not in SESSIONS_PER_WEEK:
        raise EntryError(
            f"the programme asks for 3 or 4 sessions a week; --days lists {len(days)}"
        )
    return tuple(sorted(days))


def check_minutes(minutes: int | None) -> int | None:
    low, high = MINUTES_RANGE
    if minutes is not None and not low <= minutes <= high:
        raise EntryError(f"--minutes {minutes} is outside {low}-{high} minutes a session")
    return minutes


def weekly_rule(weekdays: Sequence[int], start: date) -> str:
    """The schedule as RRULE text: weekly on these days from `start`."""
    rule = rrule(
        WEEKLY,
        byweekday=[_RRULE_DAYS[d] for d in weekdays],
        dtstart=datetime(start.year, start.month, start.day),
    )
    return str(rule)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def new_plan(
    weekdays: Sequence[int],
    start: date | None,
    involved_side: Side | None,
    minutes: int | None,
    existing: Sequence[Plan],
    today: date,
) -> Plan:
    """A new plan version.

    Once a plan has begun, a change takes effect from the Monday after today (or a later
    `start`), so the weeks already planned keep their days. A plan that has not begun yet is
    simply replaced, keeping its start date unless a new one is given.
    """
    check_minutes(minutes)
    begun = [p for p in existing if p.effective_from <= today]
    if begun:
        next_monday = week_start(today) + timedelta(days=7)
        start = effective = max(start or next_monday, next_monday)
    else:
        waiting = [p for p in existing if p.effective_from > today]
        start = start or min((p.start for p in waiting), default=today)
        # Take over from the earliest waiting version, so none of it stays in force.
        effective = min([start, *(p.effective_from for p in waiting)])
    return Plan(
        weekdays=tuple(sorted(weekdays)),
        start=start,
        effective_from=effective,
        rule=weekly_rule(weekdays, start),
        involved_side=involved_side,
        minutes=minutes,
    )


def has_begun(plans: Sequence[Plan], today: date) -> bool:
    return any(p.effective_from <= today for p in plans)


def programme_start(plans: Sequence[Plan]) -> date | None:
    return min((p.start for p in plans), default=None)


def _versions(plans: Sequence[Plan]) -> list[tuple[Plan, date | None]]:
    """Each version with the day its successor takes over (None: still in force).

    `plans` come in the order they were made; a later one replaces every earlier version that
    would have taken effect on or after its own first day.
    """
    kept: list[Plan] = []
    for plan in plans:
        kept = [p for p in kept if p.effective_from < plan.effective_from] + [plan]
    versions = sorted(kept, key=lambda p: p.effective_from)
    return [
        (plan, versions[i + 1].effective_from if i + 1 < len(versions) else None)
        for i, plan in enumerate(versions)
    ]


def plan_on(plans: Sequence[Plan], day: date) -> Plan | None:
    """The plan version in force on `day` (None before the first plan starts)."""
    for plan, until in _versions(plans):
        if plan.effective_from <= day and (until is None or day < until):
            return plan
    return None


def next_session_day(plans: Sequence[Plan], today: date, trained_today: bool) -> date:
    """The day a suggestion asked for without a date answers for: today's session until something
    is logged today; after that the next planned day (tomorrow without a plan, or when the plan
    has no day in the next two weeks), so today's sets count."""
    if not trained_today:
        return today
    coming = planned_dates(plans, today + timedelta(days=1), today + timedelta(days=14))
    return coming[0] if coming else today + timedelta(days=1)


def planned_dates(plans: Sequence[Plan], first: date, last: date) -> list[date]:
    """Every planned training date from `first` to `last` inclusive, across plan versions."""
    dates: list[date] = []
    for plan, until in _versions(plans):
        lo = max(first, plan.effective_from, plan.start)
        hi = last if until is None else min(last, until - timedelta(days=1))
        if lo > hi:
            continue
        rule = rrulestr(plan.rule)
        dates += [
            moment.date()
            for moment in rule.between(
                datetime(lo.year, lo.month, lo.day),
                datetime(hi.year, hi.month, hi.day, 23, 59, 59),
                inc=True,
            )
        ]
    return sorted(dates)


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date
    planned: int
    done: int  # training days that week, extra days included
    due: int = -1  # planned days up to today (this week's later days are not due yet)

    def __post_init__(self) -> None:
        if self.due < 0:
            object.__setattr__(self, "due", self.planned)

    @property
    def met(self) -> bool:
        return self.planned > 0 and self.done >= self.planned


@dataclass(frozen=True)
class Adherence:
    weeks: tuple[WeekAdherence, ...]  # oldest first, up to and including this week
    streak: int  # consecutive weeks meeting the plan, up to this week

    @property
    def this_week(self) -> WeekAdherence | None:
        return self.weeks[-1] if self.weeks else None

    @property
    def rate(self) -> float | None:
        """Done / due over all weeks so far: extra sessions do not count beyond the plan, and
        this week's days still to come are not counted yet."""
        due = sum(w.due for w in self.weeks)
        done = sum(min(w.done, w.due) for w in self.weeks)
        return None if due == 0 else done / due


def adherence(plans: Sequence[Plan], trained: Iterable[date], today: date) -> Adherence:
    """Weekly done / planned from the first plan's week to this week, and the current streak.

    The streak counts complete weeks that met the plan, back from last week, plus this week once
    it has met the plan already (a week still under way does not break a streak).
    """
    first = programme_start(plans)
    if first is None:
        return Adherence(weeks=(), streak=0)
    days = {d for d in trained if first <= d <= today}
    weeks: list[WeekAdherence] = []
    monday = week_start(first)
    this_monday = week_start(today)
    planned = planned_dates(plans, monday, this_monday + timedelta(days=6))
    # Counted per week in one pass each: years of a programme are hundreds of weeks.
    planned_in: dict[date, int] = {}
    due_in: dict[date, int] = {}
    done_in: dict[date, int] = {}
    for d in planned:
        planned_in[week_start(d)] = planned_in.get(week_start(d), 0) + 1
        if d <= today:
            due_in[week_start(d)] = due_in.get(week_start(d), 0) + 1
    for d in days:
        done_in[week_start(d)] = done_in.get(week_start(d), 0) + 1
    while monday <= this_monday:
        weeks.append(
            WeekAdherence(
                week_start=monday,
                planned=planned_in.get(monday, 0),
                done=done_in.get(monday, 0),
                due=due_in.get(monday, 0),
            )
        )
        monday += timedelta(days=7)
    streak = 1 if weeks and weeks[-1].met else 0
    for week in reversed(weeks[:-1]):
        if not week.met:
            break
        streak += 1
    return Adherence(weeks=tuple(weeks), streak=streak)


class DayStatus(StrEnum):
    DONE = "done"
    PARTLY = "partly"  # trained, but not every exercise planned for the day
    MISSED = "missed"
    PLANNED = "planned"
    EXTRA = "extra"  # trained on a day off
    REST = "rest"


@dataclass(frozen=True)
class CalendarDay:
    date: date
    status: DayStatus
    pain_left: int | None = None
    pain_right: int | None = None

    @property
    def pain(self) -> int | None:
        values = [p for p in (self.pain_left, self.pain_right) if p is not None]
        return max(values) if values else None


def day_status(
    day: date, today: date, planned: bool, planned_exercises: Iterable[str], logged: Iterable[str]
) -> DayStatus:
    """Missed sessions stay missed: they are not moved to the next day."""
    logged_ids = set(logged)
    if logged_ids:
        if not planned:
            return DayStatus.EXTRA
        return DayStatus.DONE if set(planned_exercises) <= logged_ids else DayStatus.PARTLY
    if planned:
        return DayStatus.MISSED if day < today else DayStatus.PLANNED
    return DayStatus.REST


@dataclass(frozen=True)
class PlannedSession:
    date: date
    minutes: int | None
    exercises: tuple[str, ...]  # in the order of the programme's principles
    first_side: Side | None = None  # the involved side goes first when it is known


def planned_sessions(
    plans: Sequence[Plan],
    exercises: Sequence[Exercise],
    first: date,
    last: date,
    mobility_first: bool = False,
) -> list[PlannedSession]:
    """The sessions planned from `first` to `last`, each with its exercises.

    Within a week the n-th planned day gets the n-th session of the week's rotation
    (`compose_week`), so a person who trains on the planned days gets every exercise as often as
    the session length allows (twice a week or more when it fits), each hip-flexor stretch at
    least twice a week and a static stretch at the end of every session (rules 6.9.15). A week
    the plan starts in part-way holds only its remaining sessions.
    """
    from trainer.core.composition import compose_week, session_order

    everything = session_order(exercises, (ex.id for ex in exercises))
    rotations: dict[Plan, tuple[tuple[str, ...], ...]] = {}
    position_in_week: dict[tuple[date, Plan], int] = {}
    sessions = []
    # From the Monday of `first`, so a session's place in its week is counted from the week start.
    for day in planned_dates(plans, week_start(first), last):
        plan = plan_on(plans, day)
        if plan is None:
            continue
        if plan not in rotations:
            rotations[plan] = (
                compose_week(
                    exercises, len(plan.weekdays), plan.minutes, mobility_first=mobility_first
                ).sessions
                if plan.minutes
                else (everything,) * len(plan.weekdays)
            )
        key = (week_start(day), plan)
        index = position_in_week.get(key, 0)
        position_in_week[key] = index + 1
        if day >= first:
            rotation = rotations[plan]
            sessions.append(
                PlannedSession(day, plan.minutes, rotation[index % len(rotation)], plan.involved_side)
            )
    return sessions
