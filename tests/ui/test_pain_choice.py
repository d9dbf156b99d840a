"""Issue 15.4: after red or sharp pain on one side, the runner asks whether to stop the exercise
for both sides (the default) or carry on with the other side, and records the choice."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from tests.ui.pilot_steps import db_rows, open_exercise
from trainer.core.model import Side
from trainer.ui.app import TrainerApp

SIZE = (100, 32)
FAST = 0.01


@pytest.fixture(autouse=True)
def planned(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)


_rows = db_rows


def _message(screen) -> str:
    return str(screen.query_one("#set-message", Static).content)


def _footer_keys(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.enabled}


async def _pain_on_the_first_side(app, pilot):
    screen = await open_exercise(app, pilot, "Clamshell")
    first = screen.current.side
    await pilot.press("1", "2", "tab", "7", "enter")  # 12 reps at pain 7: red
    await pilot.pause()
    return screen, first


async def test_carrying_on_with_the_other_side_is_offered_and_recorded(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        screen, hurt = await _pain_on_the_first_side(app, pilot)
        other = Side.RIGHT if hurt is Side.LEFT else Side.LEFT
        message = _message(screen)
        assert "stop this exercise now" in message and f"o: carry on with the {other.value} side" in message
        assert "x: stop it for both sides" in message
        assert {"Other side on", "Stop both"} <= _footer_keys(app)
        assert screen.current is None  # stopping is the default until the person chooses
        await pilot.press("o")
        await pilot.pause()
        assert screen.current is not None and screen.current.side is other
        assert "Carrying on with the" in _message(screen)
        for _ in range(5):  # the other side's remaining sets, one key each
            if screen.current is None or screen.item.exercise.id != "clamshell":
                break  # done: the next exercise comes up by itself
            assert screen.current.side is other  # the side that hurt gets no more sets today
            await pilot.press("enter")
            await pilot.pause()
    assert _rows(db_path, "SELECT exercise_id, side, carry_on FROM pain_stop_choice") == [
        ("clamshell", hurt.value, 1)
    ]
    sides = [side for (side,) in _rows(db_path, "SELECT side FROM logged_set WHERE exercise_id = 'clamshell'")]
    assert sides.count(hurt.value) == 1 and sides.count(other.value) >= 2


@pytest.mark.parametrize("key", ["x", "n"])
async def test_stopping_both_sides_is_the_default_and_recorded(services, clock, db_path, key):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        screen, hurt = await _pain_on_the_first_side(app, pilot)
        await pilot.press(key)  # x: stop both; n: move on without choosing
        await pilot.pause()
        if key == "x":
            assert "stopped for both sides" in _message(screen)
            assert screen.current is None
            assert "Other side on" not in _footer_keys(app)
    assert _rows(db_path, "SELECT exercise_id, side, carry_on FROM pain_stop_choice") == [
        ("clamshell", hurt.value, 0)
    ]
    assert _rows(db_path, "SELECT count(*) FROM logged_set WHERE exercise_id = 'clamshell'") == [(1,)]


async def test_pain_on_a_both_sides_set_stops_both_without_asking(services, clock, db_path):
    """The double-leg bridge works both hips at once: there is no other side to carry on with."""
    services.log("single-leg-glute-bridge", Side.BOTH, reps=[12], level=1, pain=7)
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Single-leg glute bridge")
        assert screen.current is None
        assert "Other side on" not in _footer_keys(app)
