"""ChartView: shows a `trainer.charts.Chart` drawn to fit the widget, in the theme's colours.

The widget is given a *builder* (width, height, style -> Chart) rather than a finished chart, so it
can draw again whenever its size or the app's theme changes. A drawing is kept per size and theme,
so a repaint that changes neither does not draw again. plotext's ANSI output becomes a Rich `Text`
with `Text.from_ansi` (textual-plotext is not used; see docs in `trainer.charts`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.message import Message
from textual.widget import Widget

from trainer.charts import Chart, Palette, Style, palette_from

Builder = Callable[[int, int, Style], Chart]


def theme_palette(variables: dict[str, str], dark: bool) -> Palette:
    """The chart colours from the app's theme variables ($primary, $accent, $error, ...)."""

    def rgb(name: str) -> tuple[int, int, int] | None:
        value = variables.get(name)
        if not value:
            return None
        try:
            colour = Color.parse(value)
            if name == "foreground-muted" and colour.a < 1 and variables.get("background"):
                colour = Color.parse(variables["background"]) + colour
            return colour.rgb
        except ColorParseError:  # not a plain colour ("auto 60%"): the default instead
            return None

    return palette_from(rgb, dark)


class ChartView(Widget):
    """A chart that follows its own size and the theme; posts `Drawn` after each new drawing."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"chart-view--message"}
    DEFAULT_CSS = """
    ChartView {
        height: 1fr;
        width: 1fr;
        min-height: 8;
    }
    ChartView > .chart-view--message {
        color: $text-muted;
    }
    """

    class Drawn(Message):
        """A new drawing (a new chart, size or theme); `chart` has its summary and series."""

        def __init__(self, view: ChartView, chart: Chart) -> None:
            super().__init__()
            self.view = view
            self.chart = chart

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._builder: Builder | None = None
        self._waiting = "Reading your history…"
        self._key: tuple | None = None
        self.chart: Chart | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self, _theme: str) -> None:
        self._key = None
        self.refresh()

    def show(self, builder: Builder | None, waiting: str = "Reading your history…") -> None:
        """Draw with `builder` from now on (None: show `waiting` instead)."""
        self._builder = builder
        self._waiting = waiting
        self._key, self.chart = None, None
        self.refresh()

    def _style(self) -> Style:
        dark = self.app.current_theme.dark
        return Style(
            colour=True,
            dark=dark,
            palette=theme_palette(self.app.theme_variables, dark),
            title=False,
        )

    def _say(self, text: str) -> RenderableType:
        style = self.get_component_rich_style("chart-view--message")
        return Align.center(Text(text, style=style, justify="center"), vertical="middle")

    def render(self) -> RenderableType:
        if self._builder is None:
            return self._say(self._waiting)
        width, height = self.content_size.width, self.content_size.height
        key = (id(self._builder), width, height, self.app.theme)
        if key != self._key or self.chart is None:
            try:
                chart = self._builder(width, height, self._style())
            except Exception as error:  # noqa: BLE001 - a drawing bug must not take the app down
                return self._say(f"Could not draw this chart: {error}")
            self._key, self.chart = key, chart
            self.post_message(self.Drawn(self, chart))
        chart = self.chart
        if not chart.drawn:
            return self._say(chart.message or "")
        return Text.from_ansi(chart.text, no_wrap=True, overflow="crop")
