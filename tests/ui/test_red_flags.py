"""Red flags that stop what they should stop (issue 13.5), and dialogs whose messages go once
the mistake is mended (13.4). The real app through the Pilot, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Input, Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.dialogs import (
    ConfirmDialog,
    EditSetDialog,
    MorningDialog,
    SymptomsDialog,
    VisitDialog,
)
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.today import TodayScreen

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def planned(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)


def _text(widget: Static) -> str:
    return str(widget.content)


async def test_none_of_these_takes_one_key(services, clock):
    before = len(services.symptom_answers())
    app = TrainerApp(services, clock)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SymptomsDialog(), results.append)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, SymptomsDialog)
    answers = services.symptom_answers()
    assert len(answers) == before + 1 and answers[-1].yes == frozenset()
    assert results == [True]


async def test_the_checklist_buttons_say_what_they_do(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SymptomsDialog())
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(Button) if b.display]
        assert "None of these (n)" in labels
        assert "Save the ticked ones (ctrl+s)" in labels
        assert "Ask me later (esc)" in labels
        # With nothing ticked there is nothing to save; with a tick "none" is off.
        assert app.screen.query_one("#symptoms-save", Button).disabled
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one("#symptoms-none", Button).disabled
        assert not app.screen.query_one("#symptoms-save", Button).disabled
        await pilot.press("n")  # "none of these" is not on offer while a box is ticked
        await pilot.pause()
        assert isinstance(app.screen, SymptomsDialog)


async def test_a_morning_check_message_goes_once_the_number_is_mended(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MorningDialog(date(2026, 11, 23)))
        await pilot.pause()
        dialog = app.screen
        pain = dialog.query_one("#morning-left-pain", Input)
        pain.value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "outside the scale" in _text(dialog.query_one("#morning-error", Static))
        pain.focus()
        await pilot.press("backspace", "backspace", "2")
        await pilot.pause()
        assert _text(dialog.query_one("#morning-error", Static)) == ""
    assert services.morning_checks() == []


async def test_an_edit_set_message_goes_once_the_number_is_mended(services, clock):
    services.log("clamshell", Side.LEFT, reps=[12])
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(EditSetDialog(services.today_sets()[0]))
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#edit-set-pain", Input).value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "outside the scale" in _text(dialog.query_one("#edit-set-error", Static))
        dialog.query_one("#edit-set-pain", Input).value = "1"
        await pilot.pause()
        assert _text(dialog.query_one("#edit-set-error", Static)) == ""


async def test_a_wrong_amount_message_goes_once_the_amount_is_mended(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await pilot.press("backspace")  # the prescribed amount is selected: this empties it
        await pilot.pause()
        assert screen.query_one("#amount", Input).value == ""
        await pilot.press("enter")
        await pilot.pause()
        assert "Not logged" in _text(screen.query_one("#set-message", Static))
        await pilot.press("1", "2")
        await pilot.pause()
        assert "Not logged" not in _text(screen.query_one("#set-message", Static))
    assert services.today_sets() == []


async def test_the_arrows_move_between_the_checklist_questions(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SymptomsDialog())
        await pilot.pause()
        first = app.focused
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is not first and app.focused.id.startswith("symptom-")
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.ticked() == [app.focused.id.removeprefix("symptom-")]
        await pilot.press("up")
        await pilot.pause()
        assert app.focused is first


# --- an emergency answer stops training until it is lifted (6.9.13) ---------------------------
async def _answer_emergency(app, pilot) -> None:
    app.push_screen(SymptomsDialog(), app._refresh_today)
    await pilot.pause()
    await pilot.press("space", "ctrl+s")  # the first question is an emergency sign
    await pilot.pause()
    await pilot.press("enter")  # I understand
    await pilot.pause()


def _footer_actions(app) -> set[str]:
    from textual.widgets._footer import FooterKey

    return {key.action for key in app.screen.query(FooterKey)}


async def test_an_emergency_answer_stops_training_and_says_what_to_do(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _answer_emergency(app, pilot)
        today = app.screen
        assert isinstance(today, TodayScreen)
        banner = _text(today.query_one("#today-banner", Static))
        assert "Training is stopped" in banner and "emergency" in banner
        assert today.query_one("#today-banner").has_class("urgent")
        actions = _footer_actions(app)
        assert {"seen_professional", "answer_mistaken"} <= actions
        assert "start_session" not in actions
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is today  # no exercise opens
        today.query_one("#session-table").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is today
        # Answering the checklist again does not lift it.
        services.record_symptoms([])
        today.action_refresh()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is today
        app.action_assessment()  # nor do the self-assessment's tests run
        await pilot.pause()
        assert app.screen is today


async def test_recording_a_visit_in_the_app_lifts_the_stop(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _answer_emergency(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        dialog.query_one("#visit-field", Input).value = "2026-12-31"  # in the future: refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "future" in _text(dialog.query_one("#visit-error", Static))
        dialog.query_one("#visit-field", Input).value = "today"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert services.settings().seen_professional == clock.today()
        assert services.training_block() is None
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)


async def test_marking_the_answer_a_mistake_in_the_app_lifts_the_stop(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _answer_emergency(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert services.training_block() is None
        assert [a.mistaken for a in services.symptom_answers()][-1] is True
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
