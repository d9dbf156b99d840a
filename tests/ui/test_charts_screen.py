"""The charts screen, driven through the Pilot on a real database: it reads the history in a
worker, draws to its own size, and pages through exercises, charts and metrics with keys."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.charts import ChartsScreen
from trainer.ui.widgets.chart import ChartView

SIZE = (120, 40)


def _text(widget: Static) -> str:
    return str(widget.content)


def seed(services) -> None:
    """Six weeks of clamshell (most days), bird-dog on some, single-leg RDL with kg twice."""
    services.set_plan((0, 2, 4), minutes=30)
    services.record_symptoms([])
    today = services.clock.today()
    for n in range(42, 0, -2):
        day = today - timedelta(days=n)
        services.log("clamshell", Side.LEFT, reps=[10 + (42 - n) // 8, 10], pain=2, on=day)
        services.log("clamshell", Side.RIGHT, reps=[15, 14], pain=1, on=day)
        if n % 6 == 0:
            services.log("bird-dog", Side.LEFT, reps=[8, 8], on=day)
            services.log("bird-dog", Side.RIGHT, reps=[9, 9], on=day)
    for n in (3, 1):
        day = today - timedelta(days=n)
        services.log(
            "single-leg-romanian-deadlift", Side.LEFT, reps=[8], level=3, load="6kg", on=day
        )
        services.log(
            "single-leg-romanian-deadlift", Side.RIGHT, reps=[8], level=3, load="8kg", on=day
        )


async def open_charts(app: TrainerApp, pilot, **kw) -> ChartsScreen:
    await pilot.pause()
    app.push_screen(ChartsScreen(**kw))
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChartsScreen)
    return screen


def title(screen: ChartsScreen) -> str:
    return _text(screen.query_one("#charts-title", Static))


async def test_charts_open_on_the_most_done_exercise_and_switch_exercise_with_keys(services, clock):
    seed(services)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_charts(app, pilot)
        assert "Clamshell: balance of reps per set" in title(screen)
        view = screen.query_one(ChartView)
        chart = view.chart
        assert chart is not None and chart.drawn
        assert "90 % = balanced" in chart.plain
        # Drawn to the widget's own size, the title shown by the screen rather than in the drawing.
        rows = chart.plain.splitlines()
        assert len(rows) == view.content_size.height
        assert max(len(r) for r in rows) <= view.content_size.width
        assert "Clamshell" not in chart.plain
        assert "Symmetry index" in _text(screen.query_one("#charts-summary", Static))

        # Exercises with a history, in catalogue order: clamshell, bird-dog, single-leg RDL.
        await pilot.press("right")
        await pilot.pause()
        assert "Bird-dog: balance" in title(screen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Single-leg Romanian deadlift: balance" in title(screen)
        await pilot.press("right")
        await pilot.pause()
        assert "Clamshell" in title(screen)  # round again
        await pilot.press("left")
        await pilot.pause()
        assert "Single-leg Romanian deadlift" in title(screen)

        # m: reps, then kg; the kg index compares 6 kg with 8 kg.
        await pilot.press("2")
        await pilot.pause()
        assert "left vs right, best reps in a set" in title(screen)
        await pilot.press("m")
        await pilot.pause()
        assert "left vs right, heaviest load (kg)" in title(screen)
        await pilot.pause()
        kg = screen.query_one(ChartView).chart
        assert kg.series_named("left").values == (6.0, 6.0)
        assert kg.series_named("right").values == (8.0, 8.0)

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChartsScreen)


async def test_chart_kinds_by_number_and_a_message_for_a_single_point(services, clock):
    seed(services)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_charts(app, pilot, exercise_id="single-leg-romanian-deadlift")
        await pilot.press("m")  # kg: the two days are both comparable -> a chart
        await pilot.pause()
        assert screen.query_one(ChartView).chart.drawn
        await pilot.press("3")
        await pilot.pause()
        assert "Pain during exercise, worst per side" in title(screen)
        await pilot.pause()
        pain = screen.query_one(ChartView).chart
        assert "red 6" in pain.plain and "amber 4" in pain.plain
        await pilot.press("4")
        await pilot.pause()
        assert "Sessions per week against the plan" in title(screen)
        await pilot.pause()
        # The plan started today: one week so far, stated rather than drawn.
        adherence = screen.query_one(ChartView).chart
        assert not adherence.drawn and adherence.message.startswith("Only one week")
        assert "1 Balance" in _text(screen.query_one("#charts-kinds", Static))


async def test_the_chart_follows_the_terminal_size_and_the_theme(services, clock):
    seed(services)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_charts(app, pilot, kind="sides")
        view = screen.query_one(ChartView)
        wide = view.chart
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        await pilot.pause()
        narrow = view.chart
        assert narrow is not wide
        assert max(len(r) for r in narrow.plain.splitlines()) <= view.content_size.width < 80
        dark_text = narrow.text
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert view.chart.text != dark_text  # the light theme's colours
        assert view.chart.plain == narrow.plain


async def test_with_no_history_the_screen_says_so(services, clock):
    services.set_plan((0, 2, 4), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_charts(app, pilot)
        chart = screen.query_one(ChartView).chart
        assert not chart.drawn and chart.message.startswith("No sessions yet")
        await pilot.press("right")  # every two-sided exercise can be paged through
        await pilot.pause()
        assert "balance" in title(screen)
