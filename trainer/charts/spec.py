"""A chart before it is drawn, as frozen dataclasses: what `trainer.charts.data` makes and both
drawings read, the terminal's (plotext: `trainer.charts.drawing`) and the report's (matplotlib:
`trainer.report_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """What a series or a reference line stands for; the drawing picks its colour and marker."""

    LEFT = "left"
    RIGHT = "right"
    EACH = "each"  # single days (or weeks) behind the rolling index
    ROLLING = "rolling"  # the rolling index
    DONE = "done"  # days trained in a week (bars)
    PLANNED = "planned"  # days the plan asked for
    DANGER = "danger"  # the 90 % line, red pain
    WARNING = "warning"  # amber pain


@dataclass(frozen=True)
class Series:
    """One series: its legend name, its (date, value) points, oldest first, and what it is."""

    name: str
    points: tuple[tuple[date, float], ...]
    role: Role

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v for _, v in self.points)


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal line across a chart (the 90 % line, the pain zones), labelled."""

    label: str
    y: float
    role: Role


@dataclass(frozen=True)
class ChartSpec:
    """Everything a chart shows, for any drawing: the series and lines, or `message` instead
    when there is nothing worth drawing (no data, or a single point, which the message states)."""

    kind: str
    title: str
    series: tuple[Series, ...] = ()
    lines: tuple[ReferenceLine, ...] = ()
    message: str | None = None
    summary: str = ""
    note: str = ""  # e.g. that the points are weekly
    weekly: bool = False
    y_range: tuple[float, float, float] | None = None  # (low, high, step); None: from the values
    bar_days: int = 0  # bars a week wide: the x axis leaves half a week at each end

    @property
    def drawn(self) -> bool:
        return self.message is None
