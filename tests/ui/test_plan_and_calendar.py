"""Onboarding (plan form) and the month calendar, driven through the Pilot on a real database."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, RadioSet, Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.calendar import CalendarScreen
from trainer.ui.screens.plan_form import PlanForm
from trainer.ui.screens.today import TodayScreen

SIZE = (120, 45)


def _text(widget: Static) -> str:
    return str(widget.content)


async def test_first_start_shows_onboarding_and_saving_creates_the_plan(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanForm)
        # Mon/Wed/Fri are ticked by default; add Saturday for four days a week.
        assert [app.screen.query_one(f"#day-{d}", Checkbox).value for d in ("mon", "tue", "wed", "fri")] == [
            True,
            False,
            True,
            True,
        ]
        await pilot.click("#day-sat")
        radio = app.screen.query_one("#plan-side", RadioSet)
        radio.focus()
        # The lit option is the chosen one ("Not sure"); the arrows choose as they move.
        await pilot.press("up", "up")
        await pilot.pause()
        await pilot.click("#plan-save")
        await pilot.pause()
        # Onboarding offers the self-assessment next; escape skips it.
        from trainer.ui.screens.assessment import AssessmentScreen

        assert isinstance(app.screen, AssessmentScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        plan = services.plans()[-1]
        assert plan.weekdays == (0, 2, 4, 5)
        assert plan.minutes == 30 and plan.start == clock.today()
        assert services.settings().involved_side is Side.LEFT
        line = _text(app.screen.query_one("#today-plan", Static))
        assert "Today is a training day" in line and "0 of 3" in line


async def test_onboarding_shows_a_wrong_choice_inline_and_saves_nothing(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#day-wed")  # untick: only two days left
        start = app.screen.query_one("#plan-start", Input)
        start.value = "2026-02-30"
        await pilot.click("#plan-save")
        await pilot.pause()
        assert isinstance(app.screen, PlanForm)
        assert "Choose 3 or 4 training days" in _text(app.screen.query_one("#plan-error", Static))
        await pilot.click("#day-wed")
        await pilot.click("#plan-save")
        await pilot.pause()
        assert "Write the start date" in _text(app.screen.query_one("#plan-error", Static))
        assert services.plans() == []


async def test_a_plan_set_beforehand_skips_onboarding(services, clock):
    services.set_plan((0, 2, 4), minutes=30)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_calendar_shows_done_missed_and_planned_days_and_moves_by_month(services, clock):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)
    everything = [ex.id for ex in services.catalogue.exercises]
    for exercise in services.catalogue.exercises:  # Mon 2 Nov: the whole session
        side = Side.BOTH if exercise.sided_at(exercise.entry_level).value == "both" else Side.LEFT
        amount = {"holds": [30]} if exercise.counts_seconds else {"reps": [10]}
        services.log(exercise.id, side, on=date(2026, 11, 2), pain=2, **amount)
    services.log("clamshell", Side.RIGHT, reps=[12], pain=5, on=date(2026, 11, 4))  # Wed: partly
    services.log("clamshell", Side.LEFT, reps=[12], on=date(2026, 11, 7))  # Sat: extra
    assert len(everything) == 16
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert "November 2026" in _text(screen.query_one("#calendar-title", Static))
        # November 2026 starts on a Sunday: cell 6 is the 1st, cell 7 Monday the 2nd.
        cells = {day: _text(screen.query_one(f"#cell-{day + 5}", Static)) for day in range(1, 31)}
        assert "done" in cells[2] and "pain L2 R2" in cells[2]
        assert "partly" in cells[4] and "R5" in cells[4]
        assert "missed" in cells[6] and "extra" in cells[7]
        assert "missed" in cells[23] and "planned" in cells[25] and "planned" in cells[27]
        assert cells[26].strip() == "[b]26[/b]"  # a rest day shows only its number
        assert "today" in screen.query_one("#cell-30", Static).classes  # the 25th
        await pilot.press("right")
        await pilot.pause()
        assert "December 2026" in _text(screen.query_one("#calendar-title", Static))
        await pilot.press("left", "left")
        await pilot.pause()
        assert "October 2026" in _text(screen.query_one("#calendar-title", Static))
        october_first = _text(screen.query_one("#cell-3", Static))  # Thu 1 Oct
        assert october_first == "[b]1[/b]"  # before the plan: neither planned nor missed
        await pilot.press("t")
        await pilot.pause()
        assert "November 2026" in _text(screen.query_one("#calendar-title", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
