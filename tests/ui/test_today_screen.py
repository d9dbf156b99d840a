"""The TUI driven through Textual's Pilot against a real database and the real catalogue."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def planned(services):
    """These tests start past onboarding: a plan exists, as after `trainer plan set`."""
    services.set_plan((0, 2, 4), minutes=30)


def _text(static: Static) -> str:
    return str(static.content)


async def test_today_screen_shows_date_catalogue_and_todays_sets(services, clock):
    services.log("clamshell", Side.LEFT, reps=[15, 14], pain=2)
    services.log("frog-stretch", Side.BOTH, holds=[40])
    services.log("bird-dog", Side.LEFT, reps=[10], on=clock.today().replace(day=20))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "Wednesday 25 November 2026" in _text(screen.query_one("#today-title", Static))
        assert "3 sets logged today" in _text(screen.query_one("#today-summary", Static))
        sets = screen.query_one("#today-sets", DataTable)
        rows = [sets.get_row_at(i) for i in range(sets.row_count)]
        assert rows == [
            ["Clamshell", "left", "1", "15 reps", "bw", "2"],
            ["Clamshell", "left", "2", "14 reps", "bw", "2"],
            ["Frog stretch", "both", "1", "40 s", "bw", ""],
        ]
        catalogue = screen.query_one("#catalogue", DataTable)
        assert catalogue.row_count == len(services.catalogue.exercises)
        assert catalogue.get_row_at(0)[0] == "warm-up"
        assert catalogue.get_row_at(catalogue.row_count - 1)[0] == "cool-down"


async def test_moving_through_the_catalogue_shows_each_exercise(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        detail = app.screen.query_one("#exercise-detail", Static)
        first = services.catalogue.by_group()[0][1][0]
        assert first.name in _text(detail)
        await pilot.press("down", "down")
        await pilot.pause()
        third = [ex for _, group in services.catalogue.by_group() for ex in group][2]
        shown = _text(detail)
        assert third.name in shown and third.steps[0][:30] in shown
        assert "Ladder" in shown


async def test_refresh_shows_sets_logged_elsewhere(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Nothing logged yet" in _text(app.screen.query_one("#today-summary", Static))
        # Another terminal logs a set through the CLI's path while the app is open.
        services.log("step-up", Side.RIGHT, reps=[10], load="8kg")
        await pilot.press("r")
        await pilot.pause()
        sets = app.screen.query_one("#today-sets", DataTable)
        assert sets.get_row_at(0) == ["Step-up", "right", "1", "10 reps", "8kg", ""]


async def test_q_quits(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
