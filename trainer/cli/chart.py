"""`trainer chart balance|sides|pain|adherence`: the charts on the command line.

`add_parser(commands, common)` adds the subcommand to the parser; `main(args, clock)` runs it:
`check(args, today)` reads the options without the database, so bad input is refused before it is
opened, and `run(args, services)` prints the chart. Only `run` imports `trainer.charts` (and
plotext through it, when a chart is drawn), so the other commands never load them.

The chart is drawn in colour on a terminal and as plain text in a pipe or with NO_COLOR set;
`--json` gives the series instead of a drawing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TextIO

from trainer.cli.arguments import whole_number_type
from trainer.cli.common import open_services
from trainer.core.entry import parse_day
from trainer.core.errors import EntryError

if TYPE_CHECKING:
    from trainer.core.clock import Clock
    from trainer.services import Services

CHART_KINDS = ("balance", "sides", "pain", "adherence")  # = trainer.charts.KINDS
CHART_METRICS = ("reps", "hold", "load")  # = trainer.core.balance.METRICS
WIDTH, HEIGHT = 80, 20
WIDTH_RANGE, HEIGHT_RANGE = (30, 400), (8, 200)


def add_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    chart = commands.add_parser(
        "chart",
        parents=[common],
        help="charts over time: balance, left vs right, pain, sessions per week",
        description="Draw a chart of your history. balance: the symmetry index (weaker / stronger "
        "x 100, or involved / uninvolved when your plan names the side) with the 90 % line; "
        "sides: left against right for one exercise; pain: the worst pain per side with the amber "
        "(4) and red (6) lines; adherence: sessions per week against the plan. Dense months are "
        "drawn one point per week.",
    )
    chart.add_argument(
        "kind", choices=CHART_KINDS, metavar="balance|sides|pain|adherence", help="which chart"
    )
    chart.add_argument(
        "--exercise",
        metavar="ID",
        help="exercise id (default: the one you have done most; pain: all)",
    )
    chart.add_argument(
        "--metric",
        choices=CHART_METRICS,
        help="reps, hold (seconds) or load (kg); default: what the exercise counts",
    )
    chart.add_argument("--since", metavar="DATE", help="only from this date (YYYY-MM-DD)")
    chart.add_argument(
        "--width",
        metavar="W",
        type=whole_number_type("--width"),
        default=WIDTH,
        help=f"characters wide (default {WIDTH})",
    )
    chart.add_argument(
        "--height",
        metavar="H",
        type=whole_number_type("--height"),
        default=HEIGHT,
        help=f"lines high (default {HEIGHT})",
    )
    chart.add_argument("--json", action="store_true", help="the series as JSON, not a drawing")
    return chart


@dataclass(frozen=True)
class ChartRequest:
    """The options of one `trainer chart`, checked."""

    kind: str
    exercise: str | None
    metric: str | None
    since: date | None
    width: int
    height: int
    json: bool


def check(args: argparse.Namespace, today: date) -> ChartRequest:
    """The options, checked without the database (EntryError: exit code 2)."""
    kind = args.kind
    if kind not in CHART_KINDS:
        raise EntryError(f"unknown chart '{kind}': choose {', '.join(CHART_KINDS)}")
    exercise = getattr(args, "exercise", None)
    metric = getattr(args, "metric", None)
    if kind == "adherence" and exercise is not None:
        raise EntryError("--exercise does not apply to the adherence chart (it counts sessions)")
    if kind in ("adherence", "pain") and metric is not None:
        raise EntryError(
            f"--metric does not apply to the {kind} chart; it is for balance and sides"
        )
    if metric is not None and metric not in CHART_METRICS:
        raise EntryError(f"--metric '{metric}': choose {', '.join(CHART_METRICS)}")
    # `is None`, not `or`: --width 0 is a value to refuse, not "the default" (issue 18.7).
    width = WIDTH if getattr(args, "width", None) is None else args.width
    height = HEIGHT if getattr(args, "height", None) is None else args.height
    for flag, value, (low, high) in (
        ("--width", width, WIDTH_RANGE),
        ("--height", height, HEIGHT_RANGE),
    ):
        if not low <= value <= high:
            raise EntryError(f"{flag} {value} is outside {low}-{high}")
    since_text = getattr(args, "since", None)
    since = parse_day(since_text, today) if since_text is not None else None
    if since is not None and since > today:
        raise EntryError(f"--since {since.isoformat()} is in the future")
    return ChartRequest(
        kind, exercise, metric, since, width, height, bool(getattr(args, "json", False))
    )


def colour_wanted(stream: TextIO | None = None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set or the terminal is dumb."""
    stream = stream or sys.stdout
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def run(args: argparse.Namespace, services: Services) -> int:
    """Print the chart asked for; 0, or EntryError (a UserError: exit code 2) on bad options."""
    from trainer import charts

    request = check(args, services.clock.today())
    data = charts.chart_data(services)
    exercise = None
    if request.exercise is not None or request.kind in ("balance", "sides"):
        exercise = (
            data.catalogue.get(request.exercise)
            if request.kind == "pain" and request.exercise is not None
            else charts.pick_exercise(data, request.exercise)
        )
    metric = (
        charts.pick_metric(exercise, request.metric)
        if exercise is not None and request.kind in ("balance", "sides")
        else None
    )
    style = charts.Style(colour=colour_wanted() and not request.json, dark=True)
    chart = charts.build_chart(
        request.kind, data, exercise, metric, request.since, request.width, request.height, style
    )
    if request.json:
        report = chart.to_json()
        report.update(
            {
                "exercise": exercise.id if exercise else None,
                "metric": metric,
                "since": request.since.isoformat() if request.since else None,
            }
        )
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(chart.text)
    for line in (chart.summary, chart.note):
        if line and chart.drawn:
            print(line)
    return 0


def main(args: argparse.Namespace, clock: Clock) -> int:
    """`trainer chart`: check the options, then open the database and print the chart."""
    check(args, clock.today())
    with open_services(args, clock) as services:
        return run(args, services)
