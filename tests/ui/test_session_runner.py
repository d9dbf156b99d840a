"""The session runner end to end through the Pilot, checked against the rows in the SQLite file."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.widgets import Input, Static

from tests.ui.pilot_steps import db_rows, open_exercise
from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.summary import SummaryScreen
from trainer.ui.screens.today import TodayScreen
from trainer.ui.widgets.timer import SessionTimer

SIZE = (100, 32)
FAST = 0.01  # timers run 100x faster: a 30 s hold takes 0.3 s


@pytest.fixture(autouse=True)
def planned(services):
    # The whole programme every Mon/Wed/Fri; the fixed clock's today is Wednesday 25 November.
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)


_rows = db_rows


def _text(widget: Static) -> str:
    return str(widget.content)


async def test_a_whole_session_by_keyboard(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        changed = held = sharp = False
        for _ in range(200):  # every set of the programme, one key (or a few) each
            item = screen.item
            if screen.current is None:
                if screen.index + 1 >= len(screen.items):
                    break
                await pilot.press("n")
                await pilot.pause()
                continue
            exercise = item.exercise.id
            if not changed and exercise == "clamshell":
                await pilot.press("1", "1", "tab", "2")  # 11 reps at pain 2 instead of the default
                await pilot.press("shift+tab")
                changed = True
                await pilot.press("enter")
            elif not held and item.exercise.counts_seconds:
                await pilot.press("t")
                await asyncio.sleep(0.45)  # past the 30 s target at 100x speed
                await pilot.pause()
                assert "reached" in _text(screen.query_one(SessionTimer))
                await pilot.press("t")  # stop: the seconds held are logged
                held = True
            elif not sharp and exercise == "step-up":
                await pilot.press("s", "enter")
                sharp = True
                await pilot.pause()
                assert "stop this exercise now" in _text(screen.query_one("#set-message", Static))
                await pilot.press("n")
            else:
                await pilot.press("enter")
            await pilot.pause()
        assert changed and held and sharp
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = _text(app.screen.query_one("#summary-text", Static))
        assert "Session finished" in summary and "Next time" in summary
        assert "sharp pain" in summary

    sets = _rows(db_path, "SELECT exercise_id, side, reps, hold_s, pain, sharp FROM logged_set")
    assert ("clamshell", "left", 11, None, 2, 0) in sets
    holds = [s for s in sets if s[3] is not None]
    assert holds[0][3] >= 30
    sharp_sets = [s for s in sets if s[5] == 1]
    assert len(sharp_sets) == 1 and sharp_sets[0][0] == "step-up"
    # The sharp set ended step-ups for today: nothing logged after it on that exercise.
    step_ups = [s for s in sets if s[0] == "step-up"]
    assert step_ups[-1][5] == 1
    # Every other planned exercise was done on both sides (or both at once).
    done = {s[0] for s in sets}
    assert done == {ex.id for ex in services.catalogue.exercises}
    assert _rows(db_path, "SELECT status FROM training_session") == [("done",)]


async def test_an_interrupted_session_resumes_with_every_set(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
    # The app is gone mid-session (as if the terminal closed); a new one starts on the same file.
    assert _rows(db_path, "SELECT count(*) FROM logged_set") == [(3,)]
    assert _rows(db_path, "SELECT status FROM training_session") == [("in_progress",)]
    again = TrainerApp(services, clock, time_scale=FAST)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Session in progress" in _text(again.screen.query_one("#today-plan", Static))
        await pilot.press("n")
        await pilot.pause()
        screen = again.screen
        # The fourth set is next: hip circles, right side (warm-ups have one set per side).
        assert screen.item.exercise.id == "hip-circles"
        assert screen.current.side is Side.RIGHT
        assert len(services.today_sets()) == 3


async def test_undo_the_last_set_and_edit_or_delete_one_of_today(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert "Undone" in _text(app.screen.query_one("#set-message", Static))
        assert _rows(db_path, "SELECT count(*) FROM logged_set") == [(0,)]
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen)
        table = today.query_one("#today-sets")
        table.focus()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        amount = dialog.query_one(Input)
        amount.value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert _rows(db_path, "SELECT reps FROM logged_set ORDER BY id") == [(9,), (10,)]
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert _rows(db_path, "SELECT reps FROM logged_set ORDER BY id") == [(10,)]


async def test_a_hold_keeps_running_while_another_screen_is_shown(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(app, pilot, "Couch stretch")  # the table may cut a long name
        await pilot.press("t")  # start the 30 s hold
        await pilot.press("escape")  # look at the today screen meanwhile
        await pilot.pause()
        await asyncio.sleep(0.45)
        await open_exercise(app, pilot, "Couch stretch")
        timer = app.screen.query_one(SessionTimer)
        assert "reached" in _text(timer)  # it went on counting behind the other screen
        await pilot.press("t")
        await pilot.pause()
    assert _rows(db_path, "SELECT exercise_id, hold_s >= 30 FROM logged_set") == [("couch-stretch", 1)]


async def test_the_summary_lists_what_changes_and_puts_what_stays_on_one_line(services, clock):
    """Issue 15.6: "Next time" listed every exercise and side with its first reason, changed or
    not. Now a change shows the dose before and after; the rest is one line."""
    services.log("leg-swings", Side.LEFT, reps=[12], pain=0)
    services.log("leg-swings", Side.RIGHT, reps=[12], pain=0)
    services.log("clamshell", Side.LEFT, reps=[12, 10], pain=7)  # too much: easier next time
    services.log("clamshell", Side.RIGHT, reps=[12, 12], pain=0)
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = _text(app.screen.query_one("#summary-text", Static))
    next_time = summary.split("Next time", 1)[1]
    assert (
        "Clamshell, left: easier, level 1 (Clamshell): 2 x 10-15 reps -> level 1 (Clamshell): 1 x 10-15 reps"
        in next_time
    )
    assert "Clamshell, right" not in next_time  # its dose stays
    assert "The same dose as today: Leg swings." in next_time
