"""The one plotext adapter: series from `trainer.core` -> chart text, for the CLI and the TUI.

Four charts, each a function returning a `Chart` (its title, the text to print or show, the series
it drew, and a `message` instead of a drawing when there is nothing worth drawing):

- `sides_chart`: left against right over time for one exercise (best reps, longest hold, kg);
- `balance_chart`: the symmetry index per comparable day and rolling, with the 90 % line;
- `pain_chart`: the worst pain during exercise per side, with the amber (4) and red (6) lines;
- `adherence_chart`: sessions done per week against the plan.

Choices that keep months of data readable and the output deterministic:

- plotext is imported inside `_figure`, so importing this module costs nothing and the commands
  that do not draw never load it. Every chart draws on a figure of its own (plotext's
  `_figure_class`, which textual-plotext also uses), never on plotext's module-level figure, so
  charts built in worker threads share no state; `_limit_size(False, False)` stops plotext from
  clamping the chart to the size of the real terminal.
- Dates go on the x axis as day numbers with tick labels made here ("2 Nov", "Sep 2026"), not with
  plotext's date axis: plotext reads dates as UTC and writes labels in local time, which moves
  every label a day back west of Greenwich.
- When there are more points than about one per three columns, the series becomes one point per
  ISO week (`trainer.core.balance.weekly`): the best of the week for reps and kg, the worst for
  pain, the mean for the index; the chart's title and note say so.
- Without colour (a pipe, `NO_COLOR`) the two sides are told apart by their markers too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

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
MIN_WIDTH, MIN_HEIGHT = 30, 8
POINT_COLUMNS = 3  # a chart keeps one point per day while it has at least this many columns each

Colour = str | int | tuple[int, int, int]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# --- what a chart is --------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One drawn series: its legend name and its (date, value) points, oldest first."""

    name: str
    points: tuple[tuple[date, float], ...]

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v for _, v in self.points)


@dataclass(frozen=True)
class Chart:
    """A chart ready to print: `text` is the drawing, or the title and `message` when there is
    nothing to draw (no data, or a single point, which the message then states)."""

    kind: str
    title: str
    text: str
    series: tuple[Series, ...] = ()
    message: str | None = None
    summary: str = ""
    note: str = ""  # e.g. that the points are weekly
    weekly: bool = False
    x_labels: tuple[str, ...] = ()
    lines: tuple[tuple[str, float], ...] = ()  # reference lines: (label, y)

    @property
    def drawn(self) -> bool:
        return self.message is None

    @property
    def plain(self) -> str:
        return strip_ansi(self.text)

    def series_named(self, name: str) -> Series:
        return next(s for s in self.series if s.name == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "chart": self.kind,
            "title": self.title,
            "message": self.message,
            "summary": self.summary,
            "weekly": self.weekly,
            "series": {
                s.name: [[d.isoformat(), round(v, 2)] for d, v in s.points] for s in self.series
            },
            "lines": {label: y for label, y in self.lines},
        }


@dataclass(frozen=True)
class Palette:
    """Colours as plotext takes them: a name ("cyan+"), a 256-colour number or an RGB tuple."""

    left: Colour
    right: Colour
    index: Colour  # the rolling index, or the plan
    danger: Colour  # the 90 % line, red pain
    warning: Colour  # amber pain
    muted: Colour  # single days behind the rolling line, done sessions


DARK = Palette("cyan+", "orange+", "magenta+", "red+", "yellow+", "gray+")
LIGHT = Palette("blue", "orange", "magenta", "red", "orange", "gray")


@dataclass(frozen=True)
class Style:
    """How to draw: with colour (ANSI) or plain, on a dark or light background, with the title
    inside the drawing (the CLI) or not (the TUI shows it above)."""

    colour: bool = True
    dark: bool = True
    palette: Palette | None = None
    title: bool = True

    @property
    def colours(self) -> Palette:
        return self.palette or (DARK if self.dark else LIGHT)


PLAIN = Style(colour=False)


# --- the data both front ends gather ------------------------------------------------------------


class ChartSource:
    """Reads what a chart needs when it is first drawn, once: one exercise's sessions, the side
    pain of every day, the days per exercise, adherence. Ten years of history are never read
    whole for a chart (safe to fill from a worker thread and read from the UI thread)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._read: dict[object, object] = {}

    def _once(self, key: object, read: Callable[[], object]):
        if key not in self._read:
            self._read[key] = read()
        return self._read[key]

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
        return [ex for ex in self.catalogue.exercises if _has_sides(ex)]

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


def _has_sides(exercise: Exercise) -> bool:
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
    if not _has_sides(exercise):
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


def build_chart(
    kind: str,
    data: ChartData,
    exercise: Exercise | None = None,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
    height: int = 20,
    style: Style = PLAIN,
) -> Chart:
    """The chart of one kind from gathered data (what the CLI and the charts screen call)."""
    size = {"width": width, "height": height, "style": style, "since": since}
    if kind == "adherence":
        return adherence_chart(data.adherence, has_plan=data.has_plan, **size)
    if kind == "pain":
        return pain_chart(data.sessions_of(exercise), exercise=exercise, **size)
    exercise = exercise or data.default_exercise()
    metric = pick_metric(exercise, metric)
    if kind == "sides":
        return sides_chart(data.sessions_of(exercise), exercise, metric=metric, **size)
    if kind == "balance":
        return balance_chart(data.sessions_of(exercise), exercise, involved=data.involved, metric=metric, **size)
    raise ValueError(f"unknown chart {kind!r}; one of {', '.join(KINDS)}")


# --- the four charts ----------------------------------------------------------------------------


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


def sides_chart(
    sessions: Iterable[SideSession],
    exercise: Exercise,
    *,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
    height: int = 20,
    style: Style = PLAIN,
) -> Chart:
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
        return _message("sides", title, why)
    unit = _unit(metric)
    if len(points) == 1:
        (only,) = points
        return _message(
            "sides",
            title,
            f"Only one session so far ({_day(only.date)}: left {_num(only.left, unit)}, "
            f"right {_num(only.right, unit)}); the chart starts with the second.",
        )
    dense = _dense(points, width)
    if dense:
        points = weekly(points, how="max")
        title += ", best of each week"
    last = points[-1]
    summary = (
        f"{'Week of' if dense else 'Last session'} {_day(last.date)}: left "
        f"{_num(last.left, unit)}, right {_num(last.right, unit)}"
    )
    colours = style.colours
    series = _left_and_right(points, colours)
    return _draw(
        "sides",
        title,
        series,
        style,
        width,
        height,
        dense=dense,
        summary=summary,
        note="Weekly: the best of each week (the points were too dense)." if dense else "",
    )


def balance_chart(
    sessions: Iterable[SideSession],
    exercise: Exercise,
    *,
    involved: Side | None = None,
    metric: str | None = None,
    since: date | None = None,
    width: int = 80,
    height: int = 20,
    style: Style = PLAIN,
) -> Chart:
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
        return _message("balance", title, why)
    if len(points) == 1:
        only = points[0]
        weaker = f", {only.weaker.value} weaker" if only.weaker else ""
        return _message(
            "balance",
            title,
            f"Only one session with both sides comparable so far ({_day(only.date)}: "
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
    colours = style.colours
    values = [v for p in points for v in (p.session, p.rolling) if v is not None]
    low = min(min(values), BALANCED_LSI)
    high = max(max(values), 100.0)
    series = [
        _Draw(
            "each week" if dense else "each day",
            [(p.date, p.session) for p in points],
            colours.muted,
            "·",
            scatter=True,
        ),
        _Draw("rolling (3 days)", [(p.date, p.rolling) for p in points], colours.index, "•"),
    ]
    return _draw(
        "balance",
        title,
        series,
        style,
        width,
        height,
        lines=[(f"{BALANCED_LSI:.0f} % = balanced", BALANCED_LSI, colours.danger)],
        y_range=_tens(low, high),
        dense=dense,
        summary=summary,
        note="Weekly: the mean of each week (the points were too dense)." if dense else "",
    )


def pain_chart(
    sessions: Iterable[SideSession],
    *,
    exercise: Exercise | None = None,
    since: date | None = None,
    width: int = 80,
    height: int = 20,
    style: Style = PLAIN,
) -> Chart:
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
            return _message(
                "pain", title,
                f"Pain was not recorded on any of these {len({s.date for s in trained})} training "
                "days (sets imported from another app carry none); nothing to draw.",
            )
        return _message("pain", title, _no_sessions(exercise.name if exercise else None, since))
    if len(points) == 1:
        only = points[0]
        return _message(
            "pain",
            title,
            f"Only one session so far ({_day(only.date)}: left {_num(only.left, '')}, right "
            f"{_num(only.right, '')}); the chart starts with the second.",
        )
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
    colours = style.colours
    series = _left_and_right(points, colours)
    # Amber and the right side share a colour in some themes: the line then goes muted.
    amber = colours.warning if colours.warning != colours.right else colours.muted
    return _draw(
        "pain",
        title,
        series,
        style,
        width,
        height,
        lines=[
            (f"red {RED_PAIN}", float(RED_PAIN), colours.danger),
            (f"amber {AMBER_PAIN}", float(AMBER_PAIN), amber),
        ],
        y_range=(0.0, 10.0, 2.0),
        dense=dense,
        summary=summary,
        note="Weekly: the worst of each week (the points were too dense)." if dense else "",
    )


def adherence_chart(
    adherence: Adherence,
    *,
    has_plan: bool = True,
    since: date | None = None,
    width: int = 80,
    height: int = 20,
    style: Style = PLAIN,
) -> Chart:
    """Training days per week (bars) against the days the plan asked for (a line)."""
    title = chart_title("adherence")
    weeks: list[WeekAdherence] = list(adherence.weeks)
    if since is not None:
        weeks = [w for w in weeks if w.week_start >= week_start(since)]
    if not has_plan or not adherence.weeks:
        return _message(
            "adherence",
            title,
            "No plan yet: choose your training days (trainer plan set, or p on the today screen).",
        )
    if not weeks:
        return _message("adherence", title, f"No weeks of the plan since {_day(since)}.")
    if len(weeks) == 1:
        (only,) = weeks
        return _message(
            "adherence",
            title,
            f"Only one week of the plan so far (week of {_day(only.week_start)}: {only.done} of "
            f"{only.planned} done); the chart starts with the second week.",
        )
    rate = adherence.rate
    this = weeks[-1]
    summary = (
        f"This week {this.done} of {this.planned}; streak {adherence.streak} "
        f"week{'s' if adherence.streak != 1 else ''}"
        + (f"; {rate:.0%} of the planned days done so far." if rate is not None else ".")
    )
    colours = style.colours
    series = [
        _Draw("done", [(w.week_start, float(w.done)) for w in weeks], colours.left, "█", bar=True),
        _Draw("planned", [(w.week_start, float(w.planned)) for w in weeks], colours.index, "-"),
    ]
    top = max(max(w.planned for w in weeks), max(w.done for w in weeks), 1) + 1
    return _draw(
        "adherence",
        title,
        series,
        style,
        width,
        height,
        y_range=(0.0, float(top), 1.0 if top <= 8 else 2.0),
        summary=summary,
        note="Bars: days trained in the week of the date (extra days count); line: days planned.",
        bar_days=7,
    )


# --- drawing ------------------------------------------------------------------------------------


@dataclass
class _Draw:
    name: str
    points: list[tuple[date, float | None]]
    colour: Colour
    marker: str  # used without colour, where it is the only difference between the series
    scatter: bool = False
    bar: bool = False

    def present(self) -> list[tuple[date, float]]:
        return [(d, float(v)) for d, v in self.points if v is not None]


def _left_and_right(points, colours: Palette) -> list[_Draw]:
    """The two series of a per-side chart: left with dots, right with crosses."""
    return [
        _Draw("left", [(p.date, p.left) for p in points], colours.left, "•"),
        _Draw("right", [(p.date, p.right) for p in points], colours.right, "x"),
    ]


def _figure() -> Any:
    from plotext._figure import _figure_class  # plotext only when a chart is drawn

    return _figure_class()


def _draw(
    kind: str,
    title: str,
    series: Sequence[_Draw],
    style: Style,
    width: int,
    height: int,
    *,
    lines: Sequence[tuple[str, float, Colour]] = (),
    y_range: tuple[float, float, float] | None = None,
    dense: bool = False,
    summary: str = "",
    note: str = "",
    bar_days: int = 0,
) -> Chart:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return _message(
            kind,
            title,
            f"The chart needs at least {MIN_WIDTH} x {MIN_HEIGHT} "
            "characters: make the window larger.",
        )
    drawn = [Series(s.name, tuple(s.present())) for s in series]
    days = [d for s in drawn for d, _ in s.points]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    columns = width - 8
    ticks = date_ticks(first, last, columns)
    labels = [tick_label(t, first, last, ticks) for t in ticks]

    figure = _figure()
    figure._limit_size(False, False)  # plotext would otherwise shrink it to the real terminal
    figure.plot_size(width, height)
    figure.theme("clear")  # no background of its own: the terminal's or the widget's shows
    if style.title:  # plotext leaves out a title wider than the chart: shorten it instead
        figure.title(title if len(title) <= width - 2 else title[: width - 3] + "…")
    for line in series:
        points = line.present()
        if not points:
            continue
        xs = [(d - first).days for d, _ in points]
        ys = [v for _, v in points]
        options = {"label": line.name, "color": line.colour}
        marker = line.marker if not style.colour or line.bar or line.scatter else "hd"
        if line.bar:
            figure.bar(xs, ys, width=0.6, marker=marker, **options)
        elif line.scatter:
            figure.scatter(xs, ys, marker=marker, **options)
        else:
            figure.plot(xs, ys, marker=marker, **options)
    pad = bar_days / 2 if bar_days else 0
    low_x, high_x = -pad, span + pad
    if y_range is None:
        ys = [v for s in drawn for v in s.values]
        y_range = nice_range(min(ys), max(ys), height - 6, whole=all(v.is_integer() for v in ys))
    low, high, step = y_range
    figure.ylim(low, high + step * 0.8)  # room above the data for the legend (top left)
    ticks_y = _steps(low, high, step)
    figure.yticks(ticks_y, [f"{t:g}" for t in ticks_y])
    for label, y, colour in lines:
        figure.horizontal_line(y, color=colour)
        figure.text(f" {label} ", low_x + span * 0.02, y, color=colour, alignment="left")
    figure.xlim(low_x, high_x)
    figure.xticks([(t - first).days for t in ticks], labels)
    text = figure.build()
    if not style.colour:
        text = strip_ansi(text)
    text = "\n".join(row.rstrip() for row in text.splitlines())
    return Chart(
        kind=kind,
        title=title,
        text=text,
        series=tuple(drawn),
        summary=summary,
        note=note,
        weekly=dense,
        x_labels=tuple(labels),
        lines=tuple((label, y) for label, y, _ in lines),
    )


def date_ticks(first: date, last: date, columns: int) -> list[date]:
    """Dates for the x axis: every day, 2 days, week (Mondays), fortnight, or month (the 1st),
    whichever is the finest that leaves about 10 columns per label."""
    most = max(2, columns // 10)
    span = (last - first).days
    for step in (1, 2, 7, 14):
        if span // step + 1 <= most:
            start = first if step < 7 else first + timedelta(days=-first.weekday() % 7)
            ticks = [start + timedelta(days=n) for n in range(0, (last - start).days + 1, step)]
            if len(ticks) >= 2:
                return ticks
            break
    for months in (1, 2, 3, 6, 12, 24):
        ticks = []
        year, month = first.year, first.month
        while True:
            day = date(year, month, 1)
            if day > last:
                break
            if day >= first and (month - 1) % months == 0:
                ticks.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if 2 <= len(ticks) <= most:
            return ticks
    return [first, last]


def tick_label(day: date, first: date, last: date, ticks: Sequence[date]) -> str:
    """ "2 Nov" for days and weeks, "Nov 2026" for months (the year too on days across years)."""
    monthly = len(ticks) >= 2 and all(t.day == 1 for t in ticks) and (ticks[1] - ticks[0]).days > 14
    if monthly:
        return f"{day:%b} {day.year}"
    if first.year != last.year and (day == ticks[0] or (day.month == 1 and day.day <= 7)):
        return f"{day.day} {day:%b} {day.year}"
    return f"{day.day} {day:%b}"


def nice_range(
    low: float, high: float, rows: int, whole: bool = False
) -> tuple[float, float, float]:
    """A y range from a multiple of a round step below `low` to one above `high`, with at most
    one tick every second row; `whole`: whole-number steps only (reps and seconds)."""
    most = max(2, rows // 2)
    steps = (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
    for step in (s for s in steps if not whole or float(s).is_integer()):
        bottom = (low // step) * step
        top = -((-high) // step) * step
        if top == bottom:
            top += step
        if (top - bottom) / step <= most:
            return float(bottom), float(top), float(step)
    return float(low), float(high), float(high - low) or 1.0


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + step * n for n in range(count + 1)]


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


def _message(kind: str, title: str, message: str) -> Chart:
    return Chart(kind=kind, title=title, text=f"{title}\n\n{message}", message=message)


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


def palette_from(colours: Callable[[str], tuple[int, int, int] | None], dark: bool) -> Palette:
    """A palette from a theme: `colours(name)` gives the RGB of a theme colour ("primary", ...)
    or None, and the default for dark or light fills the gaps."""
    base = DARK if dark else LIGHT

    def pick(name: str, fallback: Colour) -> Colour:
        rgb = colours(name)
        return rgb if rgb is not None else fallback

    return Palette(
        left=pick("primary", base.left),
        right=pick("accent", base.right),
        index=pick("success", base.index),
        danger=pick("error", base.danger),
        warning=pick("warning", base.warning),
        muted=pick("foreground-muted", base.muted),
    )


def report_chart_objects(
    services: Services, since: date | None = None, width: int = 76
) -> list[Chart]:
    """The charts of the report for a professional: the symmetry index of the (up to) three most
    trained two-sided exercises, pain per side, and sessions per week (the HTML and PDF draw
    their series again as vector graphics)."""
    data = chart_data(services)
    trained = sorted(
        (ex for ex in data.two_sided() if data.counts.get(ex.id)),
        key=lambda ex: -data.counts[ex.id],
    )[:3]
    kinds = [("balance", ex) for ex in trained] + [("pain", None), ("adherence", None)]
    return [
        build_chart(kind, data, exercise=exercise, since=since, width=width, height=16)
        for kind, exercise in kinds
    ]


def report_charts(services: Services, since: date | None = None, width: int = 76) -> list[tuple[str, str]]:
    """`report_chart_objects` as plain text, for the Markdown report."""
    # A drawing carries its own title; a chart with too little data says so under its title.
    return [
        (chart.title, chart.plain if chart.drawn else f"{chart.title}\n{chart.message or ''}")
        for chart in report_chart_objects(services, since, width)
    ]


def assessment_chart(
    results: Iterable,
    test,
    *,
    width: int = 80,
    height: int = 16,
    style: Style = PLAIN,
) -> Chart:
    """One self-assessment test's left and right values over time (counts and holds)."""
    by_day: dict[date, dict[Side, int]] = {}
    for result in results:
        if result.test_id == test.id:
            by_day.setdefault(result.date, {})[result.side] = result.value
    title = f"{test.name}: left vs right ({test.unit or 'value'})"
    days = sorted(by_day)
    if not days:
        return _message("assessment", title, f"{test.name} has not been recorded yet.")
    if len(days) == 1:
        only = by_day[days[0]]
        return _message(
            "assessment",
            title,
            f"Only one assessment so far ({_day(days[0])}: left {only.get(Side.LEFT, '-')}, "
            f"right {only.get(Side.RIGHT, '-')}); the chart starts with the second.",
        )
    colours = style.colours
    series = [
        _Draw("left", [(d, by_day[d].get(Side.LEFT)) for d in days], colours.left, "•"),
        _Draw("right", [(d, by_day[d].get(Side.RIGHT)) for d in days], colours.right, "x"),
    ]
    last = by_day[days[-1]]
    summary = (
        f"Latest {_day(days[-1])}: left {last.get(Side.LEFT, '-')}, right "
        f"{last.get(Side.RIGHT, '-')} {test.unit}".rstrip()
    )
    return _draw("assessment", title, series, style, width, height, dense=False, summary=summary)


def assessment_charts(services: Services, width: int = 76) -> list[tuple[str, str]]:
    """Every measured self-assessment test, as plain text charts (for the report)."""
    results = services.store.assessment_results()
    drawn = []
    for test in services.catalogue.assessments:
        if test.kind.value == "yes-no" or not any(r.test_id == test.id for r in results):
            continue
        chart = assessment_chart(results, test, width=width)
        drawn.append((chart.title, chart.plain if chart.drawn else f"{chart.title}\n{chart.message}"))
    return drawn
