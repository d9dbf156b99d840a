"""What a chart shows, without drawing it: the history read through the services once per chart
(`ChartSource`, `ChartData`) and shaped into a `ChartSpec` (`trainer.charts.spec`).

When there are more points than about one per three columns, a series becomes one point per ISO
week (`trainer.core.balance.weekly`): the best of the week for reps and kg, the worst for pain,
the mean for the index; the title and note say so.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from trainer.charts.spec import ChartSpec, ReferenceLine, Role, Series
from trainer.core.balance import (
    BALANCED_LSI,
    METRIC_NAMES,
    RED_PAIN,
    lsi_series_and_latest,
    metrics_for,
    pain_series,
    side_series,
    weekly,
)
from trainer.core.errors import EntryError
from trainer.core.model import BODYWEIGHT, Catalogue, Exercise, Side, Sidedness, SideSession
from trainer.core.pain import AMBER_MIN
from trainer.core.plan import Adherence, WeekAdherence, week_start
from trainer.core.wording import balance_sentence

if TYPE_CHECKING:
    from trainer.core.assessment import AssessmentResult, AssessmentTest
    from trainer.services import Services

KINDS = ("balance", "sides", "pain", "adherence")
KIND_NAMES = {
    "balance": "Balance (symmetry index)",
    "sides": "Left vs right",
    "pain": "Pain per side",
    "adherence": "Sessions per week",
}
AMBER_PAIN = AMBER_MIN  # the zones are defined once (core/pain.py)
# What the index compares (progression rules 4.1): per-set means, or the kg used.
BALANCE_BASIS = {"reps": "reps per set", "hold": "seconds per set", "load": "kg used"}
POINT_COLUMNS = 3  # a chart keeps one point per day while it has at least this many columns each

_T = TypeVar("_T")


# --- the data both front ends gather --------------------------------------------------------------


class ChartSource:
    """Reads what a chart needs when it is first drawn, once: one exercise's sessions, the side
    pain of every day, the days per exercise, adherence. Ten years of history are never read
    whole for a chart (safe to fill from a worker thread and read from the UI thread)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._read: dict[Hashable, Any] = {}

    def _once(self, key: Hashable, read: Callable[[], _T]) -> _T:
        if key not in self._read:
            self._read[key] = read()
        value: _T = self._read[key]
        return value

    def sessions(self, exercise_id: str | None) -> tuple[SideSession, ...]:
        """One exercise's side-sessions; None: one stand-in per side and day carrying the worst
        pain of all exercises (all that the pain chart of every exercise reads)."""
        if exercise_id is not None:
            return self._once(("sessions", exercise_id), lambda: tuple(self.services.side_sessions(exercise_id)))
        return self._once("day pain", lambda: tuple(
            SideSession(
                d.date, "", d.side, 0, BODYWEIGHT, (), d.pain, False, False, True, pain_noted=d.noted
            )
            for d in self.services.side_day_pain()
        ))

    def counts(self) -> dict[str, int]:
        return self._once("counts", self.services.days_per_exercise)

    def adherence(self) -> Adherence:
        return self._once("adherence", self.services.adherence)


@dataclass(frozen=True)
class ChartData:
    """What the charts read: the catalogue and settings at once, the history on demand."""

    catalogue: Catalogue
    source: ChartSource
    involved: Side | None = None
    has_plan: bool = True

    @property
    def counts(self) -> dict[str, int]:
        """Training days per exercise, most first."""
        return self.source.counts()

    @property
    def adherence(self) -> Adherence:
        return self.source.adherence()

    def sessions_of(self, exercise: Exercise | None) -> tuple[SideSession, ...]:
        return self.source.sessions(exercise.id if exercise else None)

    def two_sided(self) -> list[Exercise]:
        """Exercises with a left and a right to compare (not done with both sides at once)."""
        return [ex for ex in self.catalogue.exercises if has_sides(ex)]

    def choices(self) -> list[Exercise]:
        """The exercises to page through: those with sessions, in catalogue order (all two-sided
        exercises while nothing has been logged)."""
        done = [ex for ex in self.two_sided() if ex.id in self.counts]
        return done or self.two_sided()

    def default_exercise(self) -> Exercise:
        """The two-sided exercise with the most training days (catalogue order on a tie)."""
        choices = self.choices()
        order = {ex.id: i for i, ex in enumerate(choices)}
        return max(choices, key=lambda ex: (self.counts.get(ex.id, 0), -order[ex.id]))


def has_sides(exercise: Exercise) -> bool:
    return any(exercise.sided_at(level) is not Sidedness.BOTH for level in exercise.levels)


def chart_data(services: Services) -> ChartData:
    """The settings and plan now; the history through the services as each chart needs it."""
    return ChartData(
        catalogue=services.catalogue,
        source=ChartSource(services),
        involved=services.settings().involved_side,
        has_plan=bool(services.plans()),
    )


def pick_exercise(data: ChartData, exercise_id: str | None) -> Exercise:
    """The exercise asked for (EntryError naming close ids if unknown), or the default."""
    if exercise_id is None:
        return data.default_exercise()
    exercise = data.catalogue.get(exercise_id)
    if not has_sides(exercise):
        raise EntryError(
            f"{exercise.id} works both sides at once, so there is no left and right to compare; "
            f"try {data.default_exercise().id}"
        )
    return exercise


def pick_metric(exercise: Exercise, metric: str | None) -> str:
    """The metric asked for if the exercise has it (EntryError otherwise), else its first."""
    allowed = metrics_for(exercise)
    if metric is None:
        return allowed[0]
    if metric not in allowed:
        raise EntryError(
            f"{exercise.id} cannot be charted by {metric}: choose "
            + " or ".join(allowed)
            + (" (it takes no kg loads)" if metric == "load" else "")
        )
    return metric


def chart_spec(
    kind: str,
    data: ChartData,
    exercise: Exercise | None = None,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
) -> ChartSpec:
    """The chart of one kind from gathered data, `width` columns wide (what `build_chart` draws)."""
    if kind == "adherence":
        return adherence_spec(data.adherence, has_plan=data.has_plan, since=since)
    if kind == "pain":
        return pain_spec(data.sessions_of(exercise), exercise=exercise, since=since, width=width)
    exercise = exercise or data.default_exercise()
    metric = pick_metric(exercise, metric)
    if kind == "sides":
        return sides_spec(data.sessions_of(exercise), exercise, metric=metric, since=since, width=width)
    if kind == "balance":
        return balance_spec(
            data.sessions_of(exercise), exercise, involved=data.involved, metric=metric, since=since, width=width
        )
    raise ValueError(f"unknown chart {kind!r}; one of {', '.join(KINDS)}")


def report_specs(services: Services, since: date | None = None, width: int = 76) -> list[ChartSpec]:
    """The charts of the report for a professional: the symmetry index of the (up to) three most
    trained two-sided exercises, pain per side, and sessions per week."""
    data = chart_data(services)
    trained = sorted(
        (ex for ex in data.two_sided() if data.counts.get(ex.id)),
        key=lambda ex: -data.counts[ex.id],
    )[:3]
    kinds = [("balance", ex) for ex in trained] + [("pain", None), ("adherence", None)]
    return [chart_spec(kind, data, exercise=exercise, since=since, width=width) for kind, exercise in kinds]


def assessment_specs(services: Services) -> list[ChartSpec]:
    """Every measured self-assessment test (not the yes-or-no ones) that has been recorded."""
    results = services.assessment_results()
    return [
        assessment_spec(results, test)
        for test in services.catalogue.assessments
        if test.kind.value != "yes-no" and any(r.test_id == test.id for r in results)
    ]


# --- the charts, shaped ---------------------------------------------------------------------------


def chart_title(
    kind: str,
    exercise: Exercise | None = None,
    metric: str | None = None,
    involved: Side | None = None,
) -> str:
    """The title of a chart (before any ", best of each week"), known before drawing it."""
    if kind == "adherence":
        return "Sessions per week against the plan"
    if kind == "pain":
        return "Pain during exercise, worst per side" + (f": {exercise.name}" if exercise else "")
    assert exercise is not None
    metric = metric or metrics_for(exercise)[0]
    if kind == "sides":
        return f"{exercise.name}: left vs right, {METRIC_NAMES[metric]}"
    ratio = (
        f"{involved.value} / {_other(involved).value} x 100"
        if involved in (Side.LEFT, Side.RIGHT)
        else "weaker / stronger x 100"
    )
    return f"{exercise.name}: balance of {BALANCE_BASIS[metric]} ({ratio})"


def sides_spec(
    sessions: Iterable[SideSession],
    exercise: Exercise,
    *,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
) -> ChartSpec:
    """Left against right over time for one exercise."""
    sessions = list(sessions)
    metric = metric or metrics_for(exercise)[0]
    points = _since(side_series(sessions, exercise.id, metric), since)
    title = chart_title("sides", exercise, metric)
    if not points:
        if metric == "load" and any(s.exercise_id == exercise.id for s in sessions):
            why = f"No kg loads logged for {exercise.name} yet (body weight or bands): choose reps."
        else:
            why = _no_sessions(exercise.name, since)
        return ChartSpec("sides", title, message=why)
    unit = _unit(metric)
    if len(points) == 1:
        return _one_session("sides", title, points[0], unit)
    dense = _dense(points, width)
    if dense:
        points = weekly(points, how="max")
        title += ", best of each week"
    last = points[-1]
    summary = (
        f"{'Week of' if dense else 'Last session'} {_day(last.date)}: left "
        f"{_num(last.left, unit)}, right {_num(last.right, unit)}"
    )
    return ChartSpec(
        "sides",
        title,
        series=_left_and_right(points),
        summary=summary,
        note="Weekly: the best of each week (the points were too dense)." if dense else "",
        weekly=dense,
    )


def balance_spec(
    sessions: Iterable[SideSession],
    exercise: Exercise,
    *,
    involved: Side | None = None,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
) -> ChartSpec:
    """The symmetry index of each comparable day and rolling over 3, with the 90 % line."""
    sessions = list(sessions)
    metric = metric or metrics_for(exercise)[0]
    series, now = lsi_series_and_latest(sessions, exercise.id, involved, metric)
    points = _since(series, since)
    title = chart_title("balance", exercise, metric, involved)
    if not points:
        done = any(s.exercise_id == exercise.id for s in sessions)
        why = (
            "No comparable days yet: the index needs both sides on the same day at the same "
            "level, with no early stop, sharp pain or pain of 6 or more."
            + (" For kg, both sides need a kg load." if metric == "load" else "")
            if done
            else _no_sessions(exercise.name, since)
        )
        return ChartSpec("balance", title, message=why)
    if len(points) == 1:
        only = points[0]
        weaker = f", {only.weaker.value} weaker" if only.weaker else ""
        return ChartSpec(
            "balance",
            title,
            message=f"Only one session with both sides comparable so far ({_day(only.date)}: "
            f"{only.session:.0f} %{weaker}); the chart starts with the second.",
        )
    if now is None:
        summary = "Symmetry index: needs 3 comparable days within 28 days."
    else:
        summary = balance_sentence(now, involved)
    dense = _dense(points, width)
    if dense:
        points = weekly(points, how="mean")
        title += ", weekly mean"
    values = [v for p in points for v in (p.session, p.rolling) if v is not None]
    low = min(min(values), BALANCED_LSI)
    high = max(max(values), 100.0)
    return ChartSpec(
        "balance",
        title,
        series=(
            _series("each week" if dense else "each day", [(p.date, p.session) for p in points], Role.EACH),
            _series("rolling (3 days)", [(p.date, p.rolling) for p in points], Role.ROLLING),
        ),
        lines=(ReferenceLine(f"{BALANCED_LSI:.0f} % = balanced", BALANCED_LSI, Role.DANGER),),
        summary=summary,
        note="Weekly: the mean of each week (the points were too dense)." if dense else "",
        weekly=dense,
        y_range=_tens(low, high),
    )


def pain_spec(
    sessions: Iterable[SideSession],
    *,
    exercise: Exercise | None = None,
    since: date | None = None,
    width: int = 80,
) -> ChartSpec:
    """The worst pain during exercise per side and day, with the amber (4) and red (6) lines."""
    sessions = list(sessions)
    points = _since(pain_series(sessions, exercise.id if exercise else None), since)
    title = chart_title("pain", exercise)
    if not points:
        trained = [
            s for s in sessions
            if (exercise is None or s.exercise_id == exercise.id) and (since is None or s.date >= since)
        ]
        if trained:  # sessions, but none with pain written down (imports from other apps)
            return ChartSpec(
                "pain", title,
                message=f"Pain was not recorded on any of these {len({s.date for s in trained})} training "
                "days (sets imported from another app carry none); nothing to draw.",
            )
        return ChartSpec("pain", title, message=_no_sessions(exercise.name if exercise else None, since))
    if len(points) == 1:
        return _one_session("pain", title, points[0], "")
    dense = _dense(points, width)
    if dense:
        points = weekly(points, how="max")
        title += ", worst of each week"
    last = points[-1]
    summary = (
        f"{'Week of' if dense else 'Last session'} {_day(last.date)}: left {_num(last.left, '')}, "
        f"right {_num(last.right, '')}. Amber {AMBER_PAIN}-{RED_PAIN - 1}: hold the dose (two "
        f"weeks of it: see a professional); red {RED_PAIN}+: stop (twice running: see one)."
    )
    return ChartSpec(
        "pain",
        title,
        series=_left_and_right(points),
        lines=(
            ReferenceLine(f"red {RED_PAIN}", float(RED_PAIN), Role.DANGER),
            ReferenceLine(f"amber {AMBER_PAIN}", float(AMBER_PAIN), Role.WARNING),
        ),
        summary=summary,
        note="Weekly: the worst of each week (the points were too dense)." if dense else "",
        weekly=dense,
        y_range=(0.0, 10.0, 2.0),
    )


def adherence_spec(adherence: Adherence, *, has_plan: bool = True, since: date | None = None) -> ChartSpec:
    """Training days per week (bars) against the days the plan asked for (a line)."""
    title = chart_title("adherence")
    weeks: list[WeekAdherence] = list(adherence.weeks)
    if since is not None:
        weeks = [w for w in weeks if w.week_start >= week_start(since)]
    if not has_plan or not adherence.weeks:
        return ChartSpec(
            "adherence",
            title,
            message="No plan yet: choose your training days (trainer plan set, or p on the today screen).",
        )
    if not weeks:
        return ChartSpec("adherence", title, message=f"No weeks of the plan since {_day(since)}.")
    if len(weeks) == 1:
        (only,) = weeks
        return ChartSpec(
            "adherence",
            title,
            message=f"Only one week of the plan so far (week of {_day(only.week_start)}: {only.done} of "
            f"{only.planned} done); the chart starts with the second week.",
        )
    rate = adherence.rate
    this = weeks[-1]
    summary = (
        f"This week {this.done} of {this.planned}; streak {adherence.streak} "
        f"week{'s' if adherence.streak != 1 else ''}"
        + (f"; {rate:.0%} of the planned days done so far." if rate is not None else ".")
    )
    top = max(max(w.planned for w in weeks), max(w.done for w in weeks), 1) + 1
    return ChartSpec(
        "adherence",
        title,
        series=(
            _series("done", [(w.week_start, float(w.done)) for w in weeks], Role.DONE),
            _series("planned", [(w.week_start, float(w.planned)) for w in weeks], Role.PLANNED),
        ),
        summary=summary,
        note="Bars: days trained in the week of the date (extra days count); line: days planned.",
        y_range=(0.0, float(top), 1.0 if top <= 8 else 2.0),
        bar_days=7,
    )


def assessment_spec(results: Iterable[AssessmentResult], test: AssessmentTest) -> ChartSpec:
    """One self-assessment test's left and right values over time (counts and holds)."""
    by_day: dict[date, dict[Side, int]] = {}
    for result in results:
        if result.test_id == test.id:
            by_day.setdefault(result.date, {})[result.side] = result.value
    title = f"{test.name}: left vs right ({test.unit or 'value'})"
    days = sorted(by_day)
    if not days:
        return ChartSpec("assessment", title, message=f"{test.name} has not been recorded yet.")
    if len(days) == 1:
        only = by_day[days[0]]
        return ChartSpec(
            "assessment",
            title,
            message=f"Only one assessment so far ({_day(days[0])}: left {only.get(Side.LEFT, '-')}, "
            f"right {only.get(Side.RIGHT, '-')}); the chart starts with the second.",
        )
    last = by_day[days[-1]]
    summary = (
        f"Latest {_day(days[-1])}: left {last.get(Side.LEFT, '-')}, right "
        f"{last.get(Side.RIGHT, '-')} {test.unit}".rstrip()
    )
    return ChartSpec(
        "assessment",
        title,
        series=(
            _series("left", [(d, by_day[d].get(Side.LEFT)) for d in days], Role.LEFT),
            _series("right", [(d, by_day[d].get(Side.RIGHT)) for d in days], Role.RIGHT),
        ),
        summary=summary,
    )


# --- helpers --------------------------------------------------------------------------------------


def _series(name: str, points: Iterable[tuple[date, float | None]], role: Role) -> Series:
    """A series of the points that have a value (a day with one side only has a gap)."""
    return Series(name, tuple((d, float(v)) for d, v in points if v is not None), role)


def _left_and_right(points: Sequence[Any]) -> tuple[Series, Series]:
    """The two series of a per-side chart (points with `date`, `left` and `right`)."""
    return (
        _series("left", [(p.date, p.left) for p in points], Role.LEFT),
        _series("right", [(p.date, p.right) for p in points], Role.RIGHT),
    )


def _tens(low: float, high: float) -> tuple[float, float, float]:
    bottom = (int(low) // 10) * 10 - (10 if low % 10 == 0 and low > 0 else 0)
    top = -((-int(high + 0.999)) // 10) * 10
    step = 10.0 if (top - bottom) <= 60 else 20.0
    return float(max(bottom, 0)), float(top), step


def _dense(points: Sequence[Any], width: int) -> bool:
    """More points than one per POINT_COLUMNS columns of the plot: draw weeks instead of days."""
    return len(points) > max(2, (width - 8) // POINT_COLUMNS)


def _since(points: list[Any], since: date | None) -> list[Any]:
    return [p for p in points if since is None or p[0] >= since]


def _no_sessions(name: str | None, since: date | None) -> str:
    what = f"of {name} " if name else ""
    if since is not None:
        return f"No sessions {what}since {_day(since)}."
    what = f"log {name} on both sides" if name else "log a session"
    return f"No sessions yet: {what} and the chart starts here."


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def _unit(metric: str) -> str:
    return {"reps": " reps", "hold": " s", "load": " kg"}[metric]


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:g}{unit}" if float(value).is_integer() else f"{value:.1f}{unit}"


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def _one_session(kind: str, title: str, only: Any, unit: str) -> ChartSpec:
    """The chart of a single session: its values in words, as a line needs two points."""
    return ChartSpec(
        kind,
        title,
        message=f"Only one session so far ({_day(only.date)}: left {_num(only.left, unit)}, "
        f"right {_num(only.right, unit)}); the chart starts with the second.",
    )
