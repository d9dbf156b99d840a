"""The today screen driven through the Pilot against a real database and the real catalogue."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CATALOG, NOW
from textual.widgets import DataTable, Static

from trainer.core.clock import FixedClock
from trainer.core.model import Side
from trainer.services import build_services
from trainer.ui.app import TrainerApp
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.today import TodayScreen

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def planned(services):
    """These tests start past onboarding: a plan exists, as after `trainer plan set`."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)


def _text(static: Static) -> str:
    return str(static.content)


async def test_today_lists_the_planned_session_in_order_with_decisions(services, clock):
    services.log("clamshell", Side.LEFT, reps=[15, 15], pain=1, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert "Wednesday 25 November 2026" in _text(screen.query_one("#today-title", Static))
        assert "Today is a training day" in _text(screen.query_one("#today-plan", Static))
        table = screen.query_one("#session-table", DataTable)
        planned = services.upcoming(clock.today(), 1)[0].exercises
        names = [table.get_row_at(i)[0] for i in range(table.row_count)]
        # One row per side; a side's second row leaves the name empty. A long name may be cut
        # with an ellipsis to leave room for the dose (the panel beside it shows it whole).
        shown = [n for n in names if n]
        full = [services.catalogue.get(i).name for i in planned]
        assert len(shown) == len(full)
        assert all(s == f or (s.endswith("…") and f.startswith(s[:-1])) for s, f in zip(shown, full, strict=True))
        groups = [services.catalogue.get(i).group.order for i in planned]
        assert groups == sorted(groups)
        row = names.index("Clamshell")
        assert [table.get_row_at(r)[1:4] for r in (row, row + 1)] == [
            ["left", "L1 2x10-15", "0/2"],
            ["right", "L1 2x10-15", "0/2"],
        ]
        table.move_cursor(row=row)
        await pilot.pause()
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "Last time, left: 15, 15 reps" in detail
        assert "left" in detail and "right" in detail


async def test_a_rest_day_says_so_and_offers_an_extra_session(services, db_path):
    thursday = FixedClock(NOW.replace(day=26))
    on_thursday = build_services(str(db_path), str(CATALOG), thursday)
    app = TrainerApp(on_thursday, thursday)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = _text(app.screen.query_one("#today-plan", Static))
        assert "Rest day" in line and "Friday 27 November" in line
        assert app.screen.query_one("#session-table", DataTable).row_count == 0
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#session-table", DataTable).row_count > 0
        assert "Extra session" in _text(app.screen.query_one("#today-plan", Static))
    on_thursday.close()


async def test_an_urgent_referral_stands_as_a_banner_and_blocks_starting(services, clock):
    services.record_symptoms(["saddle_numbness"])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#today-banner", Static)
        assert "URGENT" in _text(banner) and "emergency" in _text(banner)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)  # blocked
        # 6.9.13 (issue 13.5): acknowledging does not lift it; a visit or a mistake mark does.
        await pilot.press("a")
        await pilot.pause()
        assert "URGENT" in _text(banner)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        services.record_seen_professional(clock.today())
        app.screen.action_refresh()
        await pilot.pause()
        assert _text(banner) == ""
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)


async def test_refresh_shows_sets_logged_elsewhere(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No sets logged yet" in _text(app.screen.query_one("#today-summary", Static))
        # Another terminal logs a set through the CLI's path while the app is open.
        services.log("step-up", Side.RIGHT, reps=[10], load="8kg")
        await pilot.press("r")
        await pilot.pause()
        sets = app.screen.query_one("#today-sets", DataTable)
        assert sets.get_row_at(0) == ["Step-up", "right", "1", "10 reps", "8kg", ""]


async def test_the_morning_after_a_session_the_app_asks_how_each_side_feels(services, clock):
    services.log("clamshell", Side.LEFT, reps=[15, 15], on=date(2026, 11, 24))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from trainer.ui.screens.dialogs import MorningDialog

        assert isinstance(app.screen, MorningDialog)
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert services.morning_checks() == []


async def test_q_quits(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_side_skipped_until_checked_shows_no_dose_and_no_sets(services, clock):
    """6.9.12 (issue 14.5): sharp pain twice in two weeks skips that side until a visit is
    recorded; the table says "skip", the detail says why, and the runner plans no set for it."""
    services.log("clamshell", Side.LEFT, reps=[12], sharp=True, pain=3, on=date(2026, 11, 18))
    services.log("clamshell", Side.LEFT, reps=[10], sharp=True, pain=3, on=date(2026, 11, 23))
    services.log("clamshell", Side.RIGHT, reps=[15, 15], on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#session-table", DataTable)
        names = [table.get_row_at(i)[0] for i in range(table.row_count)]
        row = names.index("Clamshell")
        rows = {table.get_row_at(r)[1]: table.get_row_at(r)[1:5] for r in (row, row + 1)}
        assert rows["left"][1:3] == ["skip", "-"]
        assert rows["right"][1] != "skip"
        table.move_cursor(row=row)
        await pilot.pause()
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "skip until a professional has checked it" in detail
        assert "Sharp pain twice within two weeks" in detail
        item = next(i for i in screen.items if i.exercise.id == "clamshell")
        assert {p.side for p in item.queue} == {Side.RIGHT}


async def test_the_detail_gives_the_leading_reason_and_w_shows_why(services, clock):
    """Issue 15.1: every reason at once contradicted itself; flags showed as SYMMETRY_CAP."""
    services.log("clamshell", Side.LEFT, reps=[12], sharp=True, pain=5, on=date(2026, 11, 18))
    services.log("clamshell", Side.LEFT, reps=[10], sharp=True, pain=5, on=date(2026, 11, 23))
    services.log("bird-dog", Side.RIGHT, reps=[10], pain=1, on=date(2026, 11, 18))
    services.log("bird-dog", Side.RIGHT, reps=[10], pain=4, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#session-table", DataTable)
        names = [table.get_row_at(i)[0] for i in range(table.row_count)]
        table.move_cursor(row=names.index("Clamshell"))
        await pilot.pause()
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "(see a professional)" in detail and "REFER" not in detail
        assert "Sharp pain twice" in detail and "You felt sharp pain" not in detail
        await pilot.press("w")
        await pilot.pause()
        # Under a stop, no reason that gives a dose ("one step easier"), even with w.
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "Sharp pain twice" in detail and "You felt sharp pain" not in detail
        await pilot.press("w")
        table.move_cursor(row=names.index("Bird-dog"))
        await pilot.pause()
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "Pain was 4/10" in detail and "Pain rose" not in detail
        assert "more: w shows why" in detail
        await pilot.press("w")
        await pilot.pause()
        detail = _text(screen.query_one("#exercise-detail", Static))
        assert "Pain rose" in detail and "w shows why" not in detail
