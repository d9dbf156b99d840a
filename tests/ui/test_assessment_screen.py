"""The guided self-assessment end to end through the Pilot, checked against the stored results."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.widgets import Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.assessment import AssessmentScreen
from trainer.ui.widgets.timer import SessionTimer, TimerMode

SIZE = (100, 40)
FAST = 0.01  # timers run 100x faster: a 30 s hold takes 0.3 s
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def planned(services):
    services.set_plan((0, 2, 4), minutes=30)  # a plan exists: no onboarding form


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def _stored(services) -> dict[tuple[str, Side], tuple[int, int | None]]:
    results = services.store.assessment_results()
    assert all(r.date == TODAY for r in results)
    return {(r.test_id, r.side): (r.value, r.pain) for r in results}


async def test_the_whole_assessment_by_keyboard(services, clock):
    app = TrainerApp(services, clock, time_scale=FAST)
    answers: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AssessmentScreen(), answers.append)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert "Single-leg bridge" in _text(screen, "#assess-title")
        assert "LEFT" in _text(screen, "#assess-title")

        # Bridge: 22 reps on the left; 25 on the right at pain 2.
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        assert "RIGHT" in _text(screen, "#assess-title")
        await pilot.press("2", "5", "tab", "2", "enter")
        await pilot.pause()

        # Single-leg stance: timed with t ... t; the left hold runs past the 30 s it records.
        assert "Single-leg stance" in _text(screen, "#assess-title")
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one(SessionTimer).mode is TimerMode.HOLD
        await asyncio.sleep(0.4)  # 40 s at 100x speed
        await pilot.press("t")
        await pilot.pause()
        assert "RIGHT" in _text(screen, "#assess-title")
        await pilot.press("t")
        await asyncio.sleep(0.12)
        await pilot.press("t")
        await pilot.pause()

        # Abduction hold: typed; a value over the test's maximum is refused inline.
        assert "abduction" in _text(screen, "#assess-title")
        await pilot.press("4", "0", "0", "enter")
        await pilot.pause()
        assert "Not recorded" in _text(screen, "#assess-message")
        assert "LEFT" in _text(screen, "#assess-title")
        screen.query_one("#assess-value").value = ""
        await pilot.press("9", "0", "enter")
        await pilot.pause()
        await pilot.press("6", "0", "enter")
        await pilot.pause()

        # Pelvis drop: no on the left, yes on the right.
        assert "Pelvis drop" in _text(screen, "#assess-title")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        # Hip flexor, left: yes at pain 7 stops the test; its right side is skipped.
        assert "Hip-flexor" in _text(screen, "#assess-title")
        await pilot.press("7", "y")
        await pilot.pause()

        stored = _stored(services)
        assert stored[("single-leg-bridge-test", Side.LEFT)] == (22, 0)
        assert stored[("single-leg-bridge-test", Side.RIGHT)] == (25, 2)
        assert stored[("single-leg-stance", Side.LEFT)] == (30, 0)  # capped at the test's max
        right_stance, _ = stored[("single-leg-stance", Side.RIGHT)]
        assert 1 <= right_stance <= 30  # held briefly; a slow machine may count up to the cap
        assert stored[("side-lying-abduction-hold", Side.LEFT)] == (90, 0)
        assert stored[("side-lying-abduction-hold", Side.RIGHT)] == (60, 0)
        assert stored[("pelvis-drop", Side.LEFT)] == (0, 0)
        assert stored[("pelvis-drop", Side.RIGHT)] == (1, 0)
        assert stored[("hip-flexor-tightness", Side.LEFT)] == (1, 7)
        assert ("hip-flexor-tightness", Side.RIGHT) not in stored
        assert len(stored) == 9

        # The summary of the assessment just done.
        summary = _text(screen, "#assess-summary")
        assert "The right side is weaker" in summary
        assert "gluteus medius work comes first" in summary
        assert "mobility (stretching) comes first" in summary
        assert "Hip-flexor tightness (left)" in summary  # the referral after pain 7
        assert not screen.query_one("#assess-entry").display
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AssessmentScreen)
    assert answers == [True]


async def test_pain_stop_advice_and_skip(services, clock):
    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AssessmentScreen())
        await pilot.pause()
        screen = app.screen
        await pilot.press("1", "2", "tab", "6", "enter")  # bridge left at pain 6: stop
        await pilot.pause()
        assert "stop this test" in _text(screen, "#assess-message")
        assert "Single-leg stance" in _text(screen, "#assess-title")
        assert "LEFT" in _text(screen, "#assess-title")
        await pilot.press("s")  # skip the left stance
        await pilot.pause()
        assert "RIGHT" in _text(screen, "#assess-title")
        assert _stored(services) == {("single-leg-bridge-test", Side.LEFT): (12, 6)}


async def test_escape_midway_keeps_what_was_recorded(services, clock):
    app = TrainerApp(services, clock, time_scale=FAST)
    answers: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AssessmentScreen(), answers.append)
        await pilot.pause()
        await pilot.press("2", "0", "enter")  # bridge left
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AssessmentScreen)
    assert answers == [False]
    assert _stored(services) == {("single-leg-bridge-test", Side.LEFT): (20, 0)}


async def test_keys_typed_in_a_burst_record_what_was_typed(services, clock):
    """A terminal delivers "2 2 Enter 2 5 Tab 2 Enter" in one read: each result is the one
    typed, on its own side (the keys used to race the focused field)."""
    from textual import events

    app = TrainerApp(services, clock, time_scale=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AssessmentScreen())
        await pilot.pause()
        for key in ("2", "2", "enter", "2", "5", "tab", "2", "enter"):  # no pause between them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
    bridge = {side: value for (test, side), value in _stored(services).items() if "bridge" in test}
    assert bridge == {Side.LEFT: (22, 0), Side.RIGHT: (25, 2)}
