"""A session a patient can trust (issue 13, items 2, 3 and 7): a finished session stays finished,
the palette offers every main action, the words name what a person sees, and the timers say what
they should. The real app through the Pilot, on a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static

from tests.ui.pilot_steps import open_exercise, run_palette
from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.dialogs import ConfirmDialog, ReportDialog
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.plan_form import PlanForm
from trainer.ui.screens.summary import SummaryScreen
from trainer.ui.screens.today import TodayScreen
from trainer.ui.widgets.timer import SessionTimer, TimerMode

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def planned(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=20)
    services.update_settings(involved_side="left")


def _text(widget: Static) -> str:
    return str(widget.content)


def _status(db_path) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT status FROM training_session").fetchall()
    finally:
        connection.close()


def _log_all_but_the_last_set(services) -> None:
    """Every planned set of today's session except the very last one, as the runner logs them."""
    items = services.today_view().items
    services.start_session()
    planned = [(item, p) for item in items for p in item.queue]
    for item, p in planned[:-1]:
        rx = p.prescription
        services.log_one_set(
            item.exercise.id, p.side, rx.hold_s or rx.reps_max, level=rx.level, load=rx.load,
            pain=None,
        )


async def test_after_finishing_n_asks_before_an_extra_session(services, clock, db_path):
    services.log("clamshell", Side.LEFT, reps=[12])
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert _status(db_path) == [("done",)]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # not reopened silently
        assert "extra session" in app.screen.question
        assert _status(db_path) == [("done",)]
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert _status(db_path) == [("done",)]
        await pilot.press("n", "y")  # yes: an extra session
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert _status(db_path) == [("in_progress",)]


async def test_no_rest_timer_after_the_last_set_of_the_session(services, clock):
    _log_all_but_the_last_set(services)
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")  # opens the one exercise with a set left
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(SessionTimer).mode is TimerMode.IDLE
        assert "last set" in _text(screen.query_one("#set-message", Static))
        assert all(i.complete or i.stopped for i in screen.items)


async def test_a_delete_confirmation_names_the_exercise(services, clock):
    services.log("leg-swings", Side.LEFT, reps=[12])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#today-sets").focus()
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Delete Leg swings, left, set 1?"


async def test_a_both_sides_exercise_reads_both_sides_with_no_first_side(services, clock):
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = app.screen.items
        together = next(i for i in items if i.queue and i.queue[0].side is Side.BOTH)
        screen = await open_exercise(app, pilot, together.exercise.name)
        plan = _text(screen.query_one("#exercise-plan", Static))
        assert "Start with" not in plan
        assert "both sides" in plan
        assert _text(screen.query_one("#set-heading", Static)).startswith("[b]BOTH sides[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert "both sides" in _text(screen.query_one("#set-message", Static))
        assert "both sides" in _text(screen.query_one("#exercise-sets", Static))
        await pilot.press("escape")
        await pilot.pause()
        detail = _text(app.screen.query_one("#exercise-detail", Static))
        assert "Start with" not in detail or together.exercise.name not in detail


async def test_the_hold_timer_hint_is_whole_at_100_columns(services, clock):
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        items = app.screen.items
        hold = next(i for i in items if i.exercise.counts_seconds)
        screen = await open_exercise(app, pilot, hold.exercise.name)
        await pilot.press("t")
        await pilot.pause(0.5)  # past the target at 100x speed
        timer = screen.query_one(SessionTimer)
        assert "reached" in _text(timer)
        shown = "".join(
            strip.text
            for strip in timer.render_lines(Region(0, 0, timer.size.width, timer.size.height))
        )
        assert "(t: stop, log)" in " ".join(shown.split())


async def test_the_palette_changes_the_plan_finishes_the_session_and_writes_the_report(
    services, clock, db_path, tmp_path
):
    services.log("clamshell", Side.LEFT, reps=[12])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, "change the plan")
        assert isinstance(app.screen, PlanForm)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")  # from another screen, too
        await pilot.pause()
        await run_palette(app, pilot, "finish today")
        assert isinstance(app.screen, SummaryScreen)
        assert _status(db_path) == [("done",)]
        await pilot.press("enter")
        await pilot.pause()
        await run_palette(app, pilot, "write the report")
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        target = tmp_path / "for-my-physio.html"
        dialog.query_one("#report-field", Input).value = str(target)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert "<html" in target.read_text().lower()
    assert os.stat(target).st_mode & 0o777 == 0o600


async def test_a_report_path_that_cannot_be_written_is_shown_in_the_dialog(
    services, clock, tmp_path
):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_write_report()
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#report-field", Input).value = str(tmp_path / "no-such-folder" / "r.html")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog
        assert "does not exist" in _text(dialog.query_one("#report-error", Static))
