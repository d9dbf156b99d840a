"""Red flags that stop what they should stop (issue 13.5), and dialogs whose messages go once
the mistake is mended (13.4). The real app through the Pilot, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Input, Static

from trainer.core.model import Side
from trainer.ui.app import TrainerApp
from trainer.ui.screens.dialogs import EditSetDialog, MorningDialog, SymptomsDialog

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
