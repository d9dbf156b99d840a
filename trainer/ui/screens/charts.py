"""Charts of balance, left against right, pain and sessions per week, drawn with plotext.

The history is read in a thread worker (it grows with every set) and comes back as the worker's
result; the drawing itself follows the chart widget's size and the theme (`ChartView`). Keys:
1-4 choose the chart, left/right (or [ and ]) the exercise, m the metric, escape goes back.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.reactive import reactive
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from trainer.charts import KIND_NAMES, KINDS, ChartData, Style, build_chart, chart_data, chart_title
from trainer.core.balance import metrics_for
from trainer.core.model import Exercise
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.chart import ChartView
from trainer.ui.widgets.footer import TrainerFooter

CHARTS_GROUP = "charts-load"
EXERCISE_CHARTS = ("balance", "sides")  # the charts of one exercise; pain and adherence cover all


_KIND = Binding.Group("Chart", compact=True)
_EXERCISE = Binding.Group("Exercise", compact=True)


class ChartsScreen(TrainerScreen[None]):
    """Returns nothing; escape goes back."""

    # Grouped, so the Footer holds them at 80 columns ("1 2 3 4 Chart", "← → Exercise").
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "kind('balance')", "Balance", id="charts-balance", group=_KIND),
        Binding("2", "kind('sides')", "Left/right", id="charts-sides", group=_KIND),
        Binding("3", "kind('pain')", "Pain", id="charts-pain", group=_KIND),
        Binding("4", "kind('adherence')", "Per week", id="charts-adherence", group=_KIND),
        Binding(
            "left,left_square_bracket",
            "exercise(-1)",
            "Previous exercise",
            id="charts-previous",
            group=_EXERCISE,
        ),
        Binding(
            "right,right_square_bracket",
            "exercise(1)",
            "Next exercise",
            id="charts-next",
            group=_EXERCISE,
        ),
        Binding("m", "metric", "Measure", id="charts-metric"),
        Binding("r", "reload", "Refresh", id="charts-refresh", show=False),
        Binding("escape", "app.pop_screen", "Back", id="charts-back"),
    ]

    kind: reactive[str] = reactive("balance", init=False)
    exercise_id: reactive[str | None] = reactive(None, init=False)
    metric: reactive[str | None] = reactive(None, init=False)

    def __init__(self, kind: str = "balance", exercise_id: str | None = None) -> None:
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"unknown chart {kind!r}")
        self.set_reactive(ChartsScreen.kind, kind)
        self.set_reactive(ChartsScreen.exercise_id, exercise_id)
        self.data: ChartData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="charts"):
            yield Static("[b]Charts[/b]", id="charts-title")
            yield Static("", id="charts-kinds")
            yield ChartView(id="charts-chart")
            yield Static("", id="charts-summary")
            # The Footer shows the keys; this says what the measure key switches between.
            yield Static("m: reps, hold or kg   r: read again", id="charts-hint")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self._show_kinds()
        self.load()

    # --- reading -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group=CHARTS_GROUP)
    def load(self) -> ChartData:
        data = chart_data(self.services)
        # Read here, off the UI thread, what the first chart needs; others read on first draw.
        wanted = self.exercise_id if self.exercise_id in data.catalogue else None
        first = data.catalogue.get(wanted) if wanted else data.default_exercise()
        data.sessions_of(first if self.kind in EXERCISE_CHARTS else None)
        return data

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != CHARTS_GROUP:
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, ChartData):
            self.data = event.worker.result
            choices = [ex.id for ex in self.data.choices()]
            if self.exercise_id not in choices:
                self.set_reactive(ChartsScreen.exercise_id, self.data.default_exercise().id)
            self._fit_metric()
            self.redraw()
            self.refresh_bindings()
        elif event.state is WorkerState.ERROR:
            self.query_one(ChartView).show(
                None, f"Could not read your history: {event.worker.error}"
            )

    def action_reload(self) -> None:
        self.load()

    # --- what is shown -------------------------------------------------------------------
    @property
    def exercise(self) -> Exercise | None:
        if self.data is None or self.exercise_id is None:
            return None
        return self.data.catalogue.get(self.exercise_id)

    def _fit_metric(self) -> None:
        exercise = self.exercise
        if exercise is not None and self.metric not in metrics_for(exercise):
            self.set_reactive(ChartsScreen.metric, metrics_for(exercise)[0])

    def title_text(self) -> str:
        if self.data is None:
            return "Charts"
        if self.kind in EXERCISE_CHARTS:
            return chart_title(self.kind, self.exercise, self.metric, self.data.involved)
        return chart_title(self.kind)

    def redraw(self) -> None:
        self._show_kinds()
        self.query_one("#charts-title", Static).update(f"[b]{escape(self.title_text())}[/b]")
        self.query_one("#charts-summary", Static).update("")
        data = self.data
        if data is None:
            return
        kind, exercise, metric = self.kind, self.exercise, self.metric

        def build(width: int, height: int, style: Style):
            return build_chart(
                kind,
                data,
                exercise if kind in EXERCISE_CHARTS else None,
                metric,
                None,
                width,
                height,
                style,
            )

        self.query_one(ChartView).show(build)

    def _show_kinds(self) -> None:
        parts = []
        for number, kind in enumerate(KINDS, start=1):
            label = f"{number} {KIND_NAMES[kind]}"
            parts.append(f"[reverse] {label} [/reverse]" if kind == self.kind else f" {label} ")
        self.query_one("#charts-kinds", Static).update("  ".join(parts))

    def on_chart_view_drawn(self, event: ChartView.Drawn) -> None:
        chart = event.chart
        lines = [line for line in (chart.summary, chart.note) if line] if chart.drawn else []
        self.query_one("#charts-summary", Static).update(escape("   ".join(lines)))

    def watch_kind(self) -> None:
        self.redraw()
        self.refresh_bindings()

    def watch_exercise_id(self) -> None:
        self._fit_metric()
        self.redraw()
        self.refresh_bindings()

    def watch_metric(self) -> None:
        self.redraw()

    # --- keys ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The exercise and measure keys act only on the charts of one exercise."""
        if action == "exercise":
            return self.kind in EXERCISE_CHARTS
        if action == "metric":
            exercise = self.exercise
            return (
                self.kind in EXERCISE_CHARTS
                and exercise is not None
                and len(metrics_for(exercise)) > 1
            )
        return True

    def action_kind(self, kind: str) -> None:
        self.kind = kind

    def action_exercise(self, step: int) -> None:
        if self.data is None:
            return
        if self.kind not in EXERCISE_CHARTS:
            self.notify("This chart covers every exercise; 1 or 2 charts one exercise.", timeout=3)
            return
        choices = [ex.id for ex in self.data.choices()]
        at = choices.index(self.exercise_id) if self.exercise_id in choices else 0
        self.exercise_id = choices[(at + step) % len(choices)]

    def action_metric(self) -> None:
        exercise = self.exercise
        if exercise is None or self.kind not in EXERCISE_CHARTS:
            return
        metrics = metrics_for(exercise)
        if len(metrics) == 1:
            self.notify(f"{exercise.name} has one measure: {metrics[0]}.", timeout=3)
            return
        at = metrics.index(self.metric) if self.metric in metrics else -1
        self.metric = metrics[(at + 1) % len(metrics)]
