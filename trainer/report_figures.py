"""The report's charts as vector graphics (issue 16.6).

The same `ChartSpec` (`trainer.charts.spec`) the terminal draws with plotext, drawn with
matplotlib: inline SVG for the HTML report, PNG for the PDF. Readable printed in greyscale: left and right differ by
line style and marker, not only by colour; the 90 % line and the pain zones are labelled.

Imported only by the report's HTML and PDF writers, so no other command loads matplotlib (a test
checks `sys.modules`).
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen here, and none is needed: the charts go to files

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trainer.charts.spec import ChartSpec, Role  # noqa: E402

# Left solid with circles, right dashed with squares: apart in greyscale as in colour.
_LOOK: dict[Role, dict[str, Any]] = {
    Role.LEFT: {"color": "#1f4e99", "linestyle": "-", "marker": "o"},
    Role.RIGHT: {"color": "#b5471b", "linestyle": "--", "marker": "s"},
    Role.ROLLING: {"color": "#222222", "linestyle": "-", "marker": "o"},
    Role.PLANNED: {"color": "#555555", "linestyle": ":", "marker": "_"},
}
# Pain zones (0-10, worst during exercise): what each band means, shaded lighter to darker.
_PAIN_ZONES = (
    (0.0, 3.5, "#f2f2f2", "0-3: acceptable"),
    (3.5, 5.5, "#d9d9d9", "4-5: amber, hold the dose"),
    (5.5, 10.0, "#bdbdbd", "6+: red, stop"),
)
# A day's (or week's) own value under the rolling one: thin, grey, dotted.
_EACH: dict[str, Any] = {"color": "#8c8c8c", "linestyle": ":", "marker": "^"}
_MARKERS_UP_TO = 60
WIDTH_IN, HEIGHT_IN = 7.0, 2.8


def figure_of(chart: ChartSpec) -> Figure:
    """A matplotlib figure of `chart` (empty axes when it has no series)."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(chart.title, fontsize=9, loc="left")
    if chart.kind == "pain":
        for low, high, shade, label in _PAIN_ZONES:
            axes.axhspan(low, high, color=shade, zorder=0)
            axes.text(
                1.01, (low + high) / 2, label, transform=axes.get_yaxis_transform(),
                fontsize=7, va="center", ha="left",
            )
        axes.set_ylim(0, 10)
    # Years of points: lines only, markers would hide them.
    few = max((len(series.points) for series in chart.series), default=0) <= _MARKERS_UP_TO
    for series in chart.series:
        if not series.points:
            continue
        # Days as matplotlib's day numbers: what its date axis converts dates to anyway.
        days = date2num([day for day, _ in series.points])
        values = [value for _, value in series.points]
        if series.role is Role.DONE:
            axes.bar(days, values, width=5, color="#9e9e9e", edgecolor="#222222" if few else "none",
                     hatch="//" if few else None, label="done", zorder=2)
            continue
        look = dict(_LOOK.get(series.role, _EACH))
        if not few:
            look["marker"] = None
        axes.plot(days, values, label=series.name, markersize=3.5,
                  linewidth=1.4 if series.role in _LOOK else 0.8, zorder=3, **look)
    for line in chart.lines:
        if chart.kind == "pain":
            continue  # the zones carry the amber and red lines' meaning
        axes.axhline(line.y, color="#000000", linestyle=(0, (6, 3)), linewidth=1, zorder=1)
        axes.text(0.005, line.y, f" {line.label}", transform=axes.get_yaxis_transform(), fontsize=7,
                  va="bottom", ha="left")
    axes.grid(axis="y", color="#cccccc", linewidth=0.5)
    axes.tick_params(labelsize=7)
    # Dates as a reader writes them, never overlapping: "Nov", "9", "16" ... or "2024", "2025".
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, loc="best", frameon=True, framealpha=0.9, ncols=3)
    return figure


def svg_of(chart: ChartSpec) -> str:
    """The chart as an inline `<svg>` element (no XML prolog, text kept as text)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "trainer"}):
        figure_of(chart).savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def png_of(chart: ChartSpec, dpi: int = 200) -> bytes:
    """The chart as a PNG image (the PDF's charts)."""
    buffer = io.BytesIO()
    figure_of(chart).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
