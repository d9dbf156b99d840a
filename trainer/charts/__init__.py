"""The charts, for the CLI, the TUI and the report: `data` reads and shapes what a chart shows (a
`ChartSpec`, `spec`), `drawing` draws it with plotext (a `Chart`); the functions here do both.

Four charts of the history, and one per self-assessment test:

- `sides_chart`: left against right over time for one exercise (best reps, longest hold, kg);
- `balance_chart`: the symmetry index per comparable day and rolling, with the 90 % line;
- `pain_chart`: the worst pain during exercise per side, with the amber (4) and red (6) lines;
- `adherence_chart`: sessions done per week against the plan;
- `assessment_chart`: one self-assessment test's left and right values.

Importing the package loads neither plotext (only drawing does) nor the database modules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from trainer.charts.data import (
    AMBER_PAIN,
    KIND_NAMES,
    KINDS,
    ChartData,
    ChartSource,
    adherence_spec,
    assessment_spec,
    assessment_specs,
    balance_spec,
    chart_data,
    chart_spec,
    chart_title,
    pain_spec,
    pick_exercise,
    pick_metric,
    report_specs,
    sides_spec,
)
from trainer.charts.drawing import (
    DARK,
    LIGHT,
    PLAIN,
    Chart,
    Palette,
    Style,
    date_ticks,
    draw,
    nice_range,
    palette_from,
    strip_ansi,
    tick_label,
)
from trainer.charts.spec import ChartSpec, Series
from trainer.core.model import Exercise, Side, SideSession
from trainer.core.plan import Adherence

if TYPE_CHECKING:
    from trainer.core.assessment import AssessmentResult, AssessmentTest
    from trainer.services import Services

REPORT_CHART_HEIGHT = 16  # lines; the report's charts are 76 characters wide

__all__ = [
    "AMBER_PAIN", "DARK", "KINDS", "KIND_NAMES", "LIGHT", "PLAIN", "Chart", "ChartData", "ChartSource",
    "ChartSpec", "Palette", "Series", "Style", "adherence_chart", "assessment_chart", "assessment_charts",
    "balance_chart", "build_chart", "chart_data", "chart_title", "date_ticks", "nice_range", "pain_chart",
    "palette_from", "pick_exercise", "pick_metric", "report_charts", "sides_chart", "strip_ansi", "tick_label",
]


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
    return draw(chart_spec(kind, data, exercise, metric, since, width), width, height, style)


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
    return draw(sides_spec(sessions, exercise, metric=metric, since=since, width=width), width, height, style)


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
    spec = balance_spec(sessions, exercise, involved=involved, metric=metric, since=since, width=width)
    return draw(spec, width, height, style)


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
    return draw(pain_spec(sessions, exercise=exercise, since=since, width=width), width, height, style)


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
    return draw(adherence_spec(adherence, has_plan=has_plan, since=since), width, height, style)


def assessment_chart(
    results: Iterable[AssessmentResult],
    test: AssessmentTest,
    *,
    width: int = 80,
    height: int = 16,
    style: Style = PLAIN,
) -> Chart:
    """One self-assessment test's left and right values over time (counts and holds)."""
    return draw(assessment_spec(results, test), width, height, style)


def _as_text(chart: Chart) -> tuple[str, str]:
    # A drawing carries its own title; a chart with too little data says so under its title.
    return chart.title, chart.plain if chart.drawn else f"{chart.title}\n{chart.message or ''}"


def report_charts(services: Services, since: date | None = None, width: int = 76) -> list[tuple[str, str]]:
    """The report's charts (`report_specs`) as plain text, for the Markdown report."""
    return [_as_text(draw(spec, width, REPORT_CHART_HEIGHT)) for spec in report_specs(services, since, width)]


def assessment_charts(services: Services, width: int = 76) -> list[tuple[str, str]]:
    """Every measured self-assessment test, as plain text charts (for the report)."""
    return [_as_text(draw(spec, width, REPORT_CHART_HEIGHT)) for spec in assessment_specs(services)]
