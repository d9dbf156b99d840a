"""The one plotext adapter: a `ChartSpec` (`trainer.charts.spec`) -> a `Chart`, the text to print
or show, for the CLI, the TUI and the Markdown report.

Choices that keep the output readable and deterministic:

- plotext is imported inside `_figure`, so importing this module costs nothing and the commands
  that do not draw never load it. Every chart draws on a figure of its own (plotext's
  `_figure_class`, which textual-plotext also uses), never on plotext's module-level figure, so
  charts built in worker threads share no state; `_limit_size(False, False)` stops plotext from
  clamping the chart to the size of the real terminal.
- Dates go on the x axis as day numbers with tick labels made here ("2 Nov", "Sep 2026"), not with
  plotext's date axis: plotext reads dates as UTC and writes labels in local time, which moves
  every label a day back west of Greenwich.
- Without colour (a pipe, `NO_COLOR`) the two sides are told apart by their markers too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trainer.charts.spec import ChartSpec, Role, Series

MIN_WIDTH, MIN_HEIGHT = 30, 8

Colour = str | int | tuple[int, int, int]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# --- what a drawn chart is ----------------------------------------------------------------------


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


# --- drawing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """How a series is drawn: its colour, and its marker, which without colour is the only
    difference between the series."""

    colour: Colour
    marker: str
    scatter: bool = False
    bar: bool = False


def _look(role: Role, colours: Palette) -> _Look:
    return {
        Role.LEFT: _Look(colours.left, "•"),
        Role.RIGHT: _Look(colours.right, "x"),
        Role.EACH: _Look(colours.muted, "·", scatter=True),
        Role.ROLLING: _Look(colours.index, "•"),
        Role.DONE: _Look(colours.left, "█", bar=True),
        Role.PLANNED: _Look(colours.index, "-"),
    }[role]


def _line_colour(role: Role, colours: Palette) -> Colour:
    if role is Role.WARNING:
        # Amber and the right side share a colour in some themes: the line then goes muted.
        return colours.warning if colours.warning != colours.right else colours.muted
    return colours.danger


def _figure() -> Any:
    # plotext only when a chart is drawn; it ships no type information (no stubs, no py.typed).
    from plotext._figure import _figure_class  # type: ignore[import-untyped]

    return _figure_class()


def message_chart(kind: str, title: str, message: str) -> Chart:
    """What stands for a chart that is not drawn: its title and why."""
    return Chart(kind=kind, title=title, text=f"{title}\n\n{message}", message=message)


def draw(spec: ChartSpec, width: int = 80, height: int = 20, style: Style | None = None) -> Chart:
    """The chart `spec` describes, drawn `width` x `height` characters (PLAIN by default)."""
    style = style or PLAIN
    if spec.message is not None:
        return message_chart(spec.kind, spec.title, spec.message)
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return message_chart(
            spec.kind,
            spec.title,
            f"The chart needs at least {MIN_WIDTH} x {MIN_HEIGHT} "
            "characters: make the window larger.",
        )
    title = spec.title
    days = [d for s in spec.series for d, _ in s.points]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    columns = width - 8
    ticks = date_ticks(first, last, columns)
    labels = [tick_label(t, first, last, ticks) for t in ticks]
    colours = style.colours

    figure = _figure()
    figure._limit_size(False, False)  # plotext would otherwise shrink it to the real terminal
    figure.plot_size(width, height)
    figure.theme("clear")  # no background of its own: the terminal's or the widget's shows
    if style.title:  # plotext leaves out a title wider than the chart: shorten it instead
        figure.title(title if len(title) <= width - 2 else title[: width - 3] + "…")
    for line in spec.series:
        if not line.points:
            continue
        look = _look(line.role, colours)
        xs = [(d - first).days for d, _ in line.points]
        ys = list(line.values)
        options = {"label": line.name, "color": look.colour}
        marker = look.marker if not style.colour or look.bar or look.scatter else "hd"
        if look.bar:
            figure.bar(xs, ys, width=0.6, marker=marker, **options)
        elif look.scatter:
            figure.scatter(xs, ys, marker=marker, **options)
        else:
            figure.plot(xs, ys, marker=marker, **options)
    pad = spec.bar_days / 2 if spec.bar_days else 0
    low_x, high_x = -pad, span + pad
    y_range = spec.y_range
    if y_range is None:
        ys = [v for s in spec.series for v in s.values]
        y_range = nice_range(min(ys), max(ys), height - 6, whole=all(v.is_integer() for v in ys))
    low, high, step = y_range
    figure.ylim(low, high + step * 0.8)  # room above the data for the legend (top left)
    ticks_y = _steps(low, high, step)
    figure.yticks(ticks_y, [f"{t:g}" for t in ticks_y])
    for reference in spec.lines:
        colour = _line_colour(reference.role, colours)
        figure.horizontal_line(reference.y, color=colour)
        figure.text(f" {reference.label} ", low_x + span * 0.02, reference.y, color=colour, alignment="left")
    figure.xlim(low_x, high_x)
    figure.xticks([(t - first).days for t in ticks], labels)
    text = figure.build()
    if not style.colour:
        text = strip_ansi(text)
    text = "\n".join(row.rstrip() for row in text.splitlines())
    return Chart(
        kind=spec.kind,
        title=title,
        text=text,
        series=spec.series,
        summary=spec.summary,
        note=spec.note,
        weekly=spec.weekly,
        x_labels=tuple(labels),
        lines=tuple((reference.label, reference.y) for reference in spec.lines),
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
