"""Dialogs, the history screen, help and the command palette, driven through the Pilot on a real
database with a fixed clock (Wed 25 Nov 2026)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, DataTable, Input, Static

from tests.ui.pilot_steps import run_palette
from trainer.core.model import LoggedSet, MorningCheck, Side
from trainer.core.symptoms import ADVICE, Urgency
from trainer.ui import app as app_module
from trainer.ui.app import TrainerApp
from trainer.ui.commands import TrainerCommands
from trainer.ui.screens.dialogs import ConfirmDialog, EditSetDialog, MorningDialog, SymptomsDialog
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.history import HistoryScreen

SIZE = (120, 45)


class PaletteApp(TrainerApp):
    """The app with the trainer commands in its palette (whether or not the app has them yet)."""

    CSS_PATH = Path(app_module.__file__).with_name("app.tcss")  # relative paths follow the class
    COMMANDS = TrainerApp.COMMANDS | {TrainerCommands}


@pytest.fixture(autouse=True)
def planned(services):
    """A plan exists, so the app opens on the today screen, not on onboarding."""
    services.set_plan((0, 2, 4), minutes=30)


def _text(static: Static) -> str:
    return str(static.content)


class Results:
    """Collects what dismissed dialogs returned."""

    def __init__(self) -> None:
        self.values: list[object] = []

    def __call__(self, value: object) -> None:
        self.values.append(value)


async def _open(app, pilot, screen, results: Results | None = None):
    app.push_screen(screen, results)
    await pilot.pause()
    assert app.screen is screen
    return screen


# --- confirm --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("keys", "expected"),
    [(("y",), True), (("enter",), True), (("n",), False), (("escape",), False)],
)
async def test_confirm_dialog_answers_yes_or_no(services, clock, keys, expected):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, ConfirmDialog("Delete this set?"), results)
        assert "Delete this set?" in _text(dialog.query_one("#confirm-question", Static))
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is not dialog
    assert results.values == [expected]


async def test_confirm_dialog_buttons(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _open(app, pilot, ConfirmDialog("Sure?"), results)
        await pilot.click("#confirm-no")
        await pilot.pause()
        await _open(app, pilot, ConfirmDialog("Sure?"), results)
        await pilot.click("#confirm-yes")
        await pilot.pause()
    assert results.values == [False, True]


# --- morning check --------------------------------------------------------------------------
async def test_morning_dialog_saves_both_sides_dated_today(services, clock):
    services.log("clamshell", Side.LEFT, reps=[12], on=date(2026, 11, 23))
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, MorningDialog(date(2026, 11, 23)), results)
        question = _text(dialog.query_one("#morning-question", Static))
        assert "after your session on Monday 23 November" in question
        dialog.query_one("#morning-left-pain", Input).value = "3"
        dialog.query_one("#morning-left-soreness", Input).value = "4"
        dialog.query_one("#morning-right-pain", Input).value = "1"
        dialog.query_one("#morning-right-soreness", Input).value = ""  # may be left empty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
    assert results.values == [True]
    today = clock.today()
    assert sorted(services.morning_checks(), key=lambda m: m.side.value) == [
        MorningCheck(today, Side.LEFT, 3, 4),
        MorningCheck(today, Side.RIGHT, 1, None),
    ]


async def test_morning_dialog_shows_a_wrong_value_and_saves_nothing(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, MorningDialog(date(2026, 11, 23)), results)
        dialog.query_one("#morning-right-pain", Input).value = "11"
        await pilot.click("#morning-save")
        await pilot.pause()
        assert app.screen is dialog
        error = _text(dialog.query_one("#morning-error", Static))
        assert "Right: pain 11 is outside the scale 0-10" in error
        assert services.morning_checks() == []  # not even the left side, which was fine
        dialog.query_one("#morning-left-pain", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Left: give the pain on waking" in _text(dialog.query_one("#morning-error", Static))
        await pilot.press("escape")  # skip
        await pilot.pause()
        assert app.screen is not dialog
    assert results.values == [False]
    assert services.morning_checks() == []


# --- red-flag checklist ---------------------------------------------------------------------
async def test_symptoms_dialog_saves_a_ticked_gp_item(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, SymptomsDialog(), results)
        assert len(dialog.query(Checkbox)) == 12
        dialog.query_one("#symptom-weight_loss", Checkbox).value = True
        await pilot.pause()
        assert dialog.query_one("#symptoms-none").disabled  # a tick contradicts "none"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
    assert results.values == [True]
    [answer] = services.symptom_answers()
    assert answer.yes == frozenset({"weight_loss"}) and answer.date == clock.today()


async def test_symptoms_dialog_none_of_these_saves_an_empty_answer(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, SymptomsDialog(), results)
        # The button sits below the questions; pressing it (rather than clicking a screen
        # position that depends on scrolling) keeps the test deterministic.
        dialog.query_one("#symptoms-none", Button).press()
        await pilot.pause()
        await pilot.pause()
    assert results.values == [True]
    [answer] = services.symptom_answers()
    assert answer.yes == frozenset()


async def test_symptoms_dialog_escape_writes_nothing(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, SymptomsDialog(), results)
        dialog.query_one("#symptom-saddle_numbness", Checkbox).value = True
        await pilot.press("escape")
        await pilot.pause()
    assert results.values == [False]
    assert services.symptom_answers() == []


async def test_symptoms_dialog_shows_emergency_advice_before_closing(services, clock):
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, SymptomsDialog(), results)
        dialog.query_one("#symptom-saddle_numbness", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # the advice stays until it is acknowledged
        advice = _text(dialog.query_one("#symptoms-advice", Static))
        assert ADVICE[Urgency.EMERGENCY] in advice
        assert not dialog.query_one("#symptoms-form").display
        assert services.symptom_answers()[0].yes == frozenset({"saddle_numbness"})
        await pilot.press("enter")  # "I understand" has the focus
        await pilot.pause()
        assert app.screen is not dialog
    assert results.values == [True]
    assert len(services.symptom_answers()) == 1


# --- correcting a set -----------------------------------------------------------------------
async def test_edit_dialog_changes_reps_and_pain(services, clock):
    [logged] = services.log("clamshell", Side.LEFT, reps=[12], pain=2)
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, EditSetDialog(logged), results)
        assert dialog.query_one("#edit-set-amount", Input).value == "12"
        dialog.query_one("#edit-set-amount", Input).value = "15"
        dialog.query_one("#edit-set-pain", Input).value = "4"
        dialog.query_one("#edit-set-sharp", Checkbox).value = True
        await pilot.click("#edit-set-save")
        await pilot.pause()
        assert app.screen is not dialog
    [updated] = results.values
    assert isinstance(updated, LoggedSet)
    assert (updated.id, updated.reps, updated.pain, updated.sharp) == (logged.id, 15, 4, True)
    [stored] = services.today_sets()
    assert (stored.reps, stored.pain, stored.sharp) == (15, 4, True)


async def test_edit_dialog_for_a_hold_asks_seconds_and_shows_a_bad_value(services, clock):
    [logged] = services.log("frog-stretch", Side.BOTH, holds=[40], pain=1)
    app = TrainerApp(services, clock)
    results = Results()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open(app, pilot, EditSetDialog(logged), results)
        assert dialog.query_one("#edit-set-amount", Input).value == "40"
        dialog.query_one("#edit-set-pain", Input).value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "pain 11 is outside the scale" in _text(dialog.query_one("#edit-set-error", Static))
        await pilot.press("escape")
        await pilot.pause()
    assert results.values == [None]
    [stored] = services.today_sets()
    assert (stored.hold_s, stored.pain) == (40, 1)


# --- history --------------------------------------------------------------------------------
def _seed_history(services) -> None:
    services.log("clamshell", Side.LEFT, reps=[15, 14], pain=2, on=date(2026, 11, 20))
    services.log("clamshell", Side.RIGHT, reps=[12], pain=5, sharp=True, on=date(2026, 11, 20))
    services.log("frog-stretch", Side.BOTH, holds=[40], on=date(2026, 11, 20))
    services.log("bird-dog", Side.LEFT, reps=[10], pain=1, on=date(2026, 11, 23))
    services.log("step-up", Side.RIGHT, reps=[10], load="8kg", pain=3)


async def _open_history(app, pilot) -> HistoryScreen:
    app.push_screen(HistoryScreen())
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_history_lists_sessions_newest_first_and_enter_shows_the_sets(services, clock):
    _seed_history(services)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open_history(app, pilot)
        sessions = screen.query_one("#history-sessions", DataTable)
        rows = [sessions.get_row_at(i) for i in range(sessions.row_count)]
        assert rows == [
            ["Wed 25 Nov 2026", "1", "0", "1", "", "3", ""],
            ["Mon 23 Nov 2026", "1", "1", "0", "1", "", ""],
            ["Fri 20 Nov 2026", "2", "3", "2", "2", "5", "sharp R"],
        ]
        assert "3 sessions, 6 sets in all" in _text(screen.query_one("#history-summary", Static))
        assert not screen.query_one("#history-details").display
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        details = screen.query_one("#history-sets", DataTable)
        assert screen.query_one("#history-details").display
        assert "Fri 20 Nov 2026" in _text(screen.query_one("#history-day-title", Static))
        assert [details.get_row_at(i) for i in range(details.row_count)] == [
            ["Clamshell", "1", "left", "1", "15 reps", "bw", "2", ""],
            ["Clamshell", "1", "left", "2", "14 reps", "bw", "2", ""],
            ["Clamshell", "1", "right", "1", "12 reps", "bw", "5", "sharp"],
            ["Frog stretch", "1", "both", "1", "40 s", "bw", "", ""],
        ]
        await pilot.press("escape")  # closes the details first
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert not screen.query_one("#history-details").display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_history_corrects_and_deletes_a_set(services, clock):
    _seed_history(services)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open_history(app, pilot)
        await pilot.press("down", "down", "enter", "down")  # Fri 20 Nov, second set
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditSetDialog)
        app.screen.query_one("#edit-set-amount", Input).value = "13"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        details = screen.query_one("#history-sets", DataTable)
        assert details.get_row_at(1)[4] == "13 reps"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert details.row_count == 3
        friday = [s for s in services.history() if s.date == date(2026, 11, 20)]
        assert sorted((s.side.value, s.reps, s.hold_s) for s in friday) == [
            ("both", None, 40),
            ("left", 15, None),
            ("right", 12, None),
        ]


async def test_history_with_nothing_logged_says_so(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open_history(app, pilot)
        assert "Nothing logged yet" in _text(screen.query_one("#history-summary", Static))
        assert screen.query_one("#history-sessions", DataTable).row_count == 0


# --- help -----------------------------------------------------------------------------------
async def test_help_lists_the_keys_of_the_app_and_the_open_screens(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _open_history(app, pilot)
        app.push_screen(HelpScreen())
        await pilot.pause()
        keys = _text(app.screen.query_one("#help-keys", Static))
        assert "[b]History[/b]" in keys and "Correct set" in keys and "Delete set" in keys
        assert "[b]Today[/b]" in keys and "Calendar" in keys
        assert "[b]Everywhere[/b]" in keys and "Quit" in keys and "All commands" in keys
        assert keys.index("[b]History[/b]") < keys.index("[b]Today[/b]")  # current screen first
        pain = _text(app.screen.query_one("#help-pain", Static))
        assert "sharp" in pain and "6/10" in pain
        assert "safe" not in (keys + pain).lower()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_help_closes_with_escape_or_q(services, clock, key):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(HelpScreen())
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running  # q closed the help, it did not quit


# --- command palette ------------------------------------------------------------------------
async def test_the_palette_finds_history_and_opens_it(services, clock):
    _seed_history(services)
    app = PaletteApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, "history")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#history-sessions", DataTable).row_count == 3


async def test_the_palette_opens_the_morning_check_and_switches_theme(services, clock):
    services.log("clamshell", Side.LEFT, reps=[12], on=date(2026, 11, 23))
    app = PaletteApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, "morning check")
        assert isinstance(app.screen, MorningDialog)
        assert app.screen.training_day == date(2026, 11, 23)  # services.morning_due()
        await pilot.press("escape")
        await pilot.pause()
        before = app.theme
        await run_palette(app, pilot, "switch theme")
        assert app.theme != before
        assert app.theme in ("textual-dark", "textual-light")
