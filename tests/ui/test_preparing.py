"""A long replay of the engine (no stored checkpoint fits) runs off the UI thread behind a
"working through your history" screen; otherwise the today screen comes at once."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from conftest import CATALOG, NOW
from textual.widgets import DataTable

from trainer.core.clock import FixedClock
from trainer.core.model import Side
from trainer.services import build_services
from trainer.ui.app import TrainerApp
from trainer.ui.screens.preparing import PreparingScreen
from trainer.ui.screens.today import TodayScreen

SIZE = (100, 30)


@pytest.fixture
def weeks_of_history(services):
    services.set_plan((0, 2, 4), start=date(2026, 10, 5))
    for offset in range(2, 50, 2):
        day = NOW.date() - timedelta(days=offset)
        for side in (Side.LEFT, Side.RIGHT):
            services.log("clamshell", side, reps=[15, 15], pain=1, on=day)
            services.log("side-lying-leg-raise", side, reps=[12, 12], on=day)
        services.record_morning(Side.BOTH, pain=0, on=day + timedelta(days=1))
    return services


def recording(app: TrainerApp) -> list[str]:
    """The names of the screens the app pushes, in order."""
    pushed: list[str] = []
    push = app.push_screen

    def push_and_record(screen, *args, **kwargs):
        pushed.append(type(screen).__name__)
        return push(screen, *args, **kwargs)

    app.push_screen = push_and_record
    return pushed


def stored_checkpoints(db_path) -> int:
    with sqlite3.connect(db_path) as connection:
        return connection.execute("SELECT count(*) FROM engine_checkpoint").fetchone()[0]


def test_a_long_replay_is_foreseen_only_while_no_checkpoint_fits(weeks_of_history, db_path, clock):
    services = weeks_of_history
    services.long_replay_sets = 50  # "long" for this test: the history holds 96 sets
    assert services.long_replay_ahead()
    services.suggest()
    assert not services.long_replay_ahead()  # today's is worked out already
    again = build_services(str(db_path), str(CATALOG), clock)
    try:
        again.long_replay_sets = 50
        assert stored_checkpoints(db_path) == 4
        assert not again.long_replay_ahead()  # it picks up from the stored checkpoints
        again.long_replay_sets = 1_000
        with sqlite3.connect(db_path) as connection:
            connection.execute("DELETE FROM engine_checkpoint")
        assert not again.long_replay_ahead()  # short enough to do at once
    finally:
        again.close()


async def test_the_app_works_through_a_long_history_then_shows_today(weeks_of_history, db_path):
    services = weeks_of_history
    services.long_replay_sets = 0
    app = TrainerApp(services, FixedClock(NOW))
    pushed = recording(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if isinstance(app.screen, TodayScreen) and app.screen.items:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, TodayScreen)
        table = app.screen.query_one("#session-table", DataTable)
        assert table.row_count > 0
        assert not any(isinstance(screen, PreparingScreen) for screen in app.screen_stack)
    assert pushed[:2] == ["PreparingScreen", "TodayScreen"]
    assert stored_checkpoints(db_path) == 4  # worked out once, kept for the next start


async def test_with_checkpoints_the_today_screen_comes_at_once(weeks_of_history, db_path):
    services = weeks_of_history
    services.suggest()  # stores the checkpoints, as yesterday's run did
    fresh = build_services(str(db_path), str(CATALOG), FixedClock(NOW))
    fresh.long_replay_sets = 0
    try:
        app = TrainerApp(fresh, FixedClock(NOW))
        pushed = recording(app)
        async with app.run_test(size=SIZE):
            assert isinstance(app.screen, TodayScreen)
            assert app.screen.items
        assert "PreparingScreen" not in pushed
    finally:
        fresh.close()
