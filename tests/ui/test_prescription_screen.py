"""Loading a prescription from the TUI (issue 19.5): the palette asks for the file, says what is
wrong with it inside the dialog, shows what it changes, and loads it only on yes. Checked against
the rows of the real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Static

from tests.ui.pilot_steps import db_rows, run_palette
from trainer.core.prescription import TEMPLATE, PrescriptionError
from trainer.ui.app import TrainerApp
from trainer.ui.screens.dialogs import PrescriptionChangesDialog, PrescriptionFileDialog
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.today import TodayScreen

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def planned(services):
    """Past onboarding: a plan exists, and today (Wednesday) is a training day."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)


def _text(widget: Static) -> str:
    return str(widget.content)


def _prescriptions(db_path) -> list[tuple]:
    return db_rows(db_path, "SELECT starts_on, source FROM prescription")


def _shown_names(app) -> list[str]:
    table = app.screen.query_one("#session-table", DataTable)
    return [table.get_row_at(i)[0] for i in range(table.row_count) if table.get_row_at(i)[0]]


async def _open_the_dialog(app, pilot) -> PrescriptionFileDialog:
    await pilot.pause()
    await run_palette(app, pilot, "load a prescription")
    assert isinstance(app.screen, PrescriptionFileDialog)
    return app.screen


async def _type_path(pilot, dialog: PrescriptionFileDialog, path: str) -> None:
    # The folder goes in as pasted text, the file's name is typed key by key (a pytest tmp folder
    # is 80 characters: typing it all took ten seconds a test).
    folder, _, name = path.rpartition("/")
    dialog.field.value = f"{folder}/" if folder else ""
    dialog.field.cursor_position = len(dialog.field.value)
    await pilot.press(*name)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_missing_file_is_said_in_the_dialog_and_nothing_is_loaded(services, clock, db_path, tmp_path):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_the_dialog(app, pilot)
        missing = tmp_path / "no-such-prescription.toml"
        await _type_path(pilot, dialog, str(missing))
        assert app.screen is dialog  # it stays open, to mend the path
        error = _text(dialog.query_one("#prescription-error", Static))
        assert "Not loaded" in error and f"{missing} does not exist" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert _prescriptions(db_path) == []


async def test_a_wrong_file_shows_its_one_line_error(services, clock, db_path, tmp_path):
    wrong = tmp_path / "rx.toml"
    wrong.write_text(TEMPLATE.replace("sets = 3\n", "sets = 30\n"))
    with pytest.raises(PrescriptionError) as raised:
        services.check_prescription(str(wrong))
    problem = str(raised.value)
    assert "\n" not in problem
    line = next(n for n, text in enumerate(wrong.read_text().splitlines(), 1) if text == "sets = 30")
    assert all(part in problem for part in (str(wrong), f"line {line}", "'clamshell'", "'sets'"))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_the_dialog(app, pilot)
        await _type_path(pilot, dialog, str(wrong))
        assert app.screen is dialog
        shown = _text(dialog.query_one("#prescription-error", Static))
        assert "Not loaded" in shown and problem in shown
        # Mending the path clears the message.
        await pilot.press("backspace")
        await pilot.pause()
        assert _text(dialog.query_one("#prescription-error", Static)) == ""
    assert _prescriptions(db_path) == []


async def test_a_good_file_shows_what_changes_and_yes_loads_it(services, clock, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # `~` is the person's home folder
    (tmp_path / "prescription.toml").write_text(TEMPLATE)
    prescribed = {services.catalogue.get(i).name for i in ("clamshell", "single-leg-glute-bridge",
                                                            "copenhagen-plank", "side-lying-leg-raise",
                                                            "kneeling-hip-flexor-stretch")}
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not set(_shown_names(app)) <= prescribed  # the whole catalogue's session before
        dialog = await _open_the_dialog(app, pilot)
        await _type_path(pilot, dialog, "~/prescription.toml")
        confirm = app.screen
        assert isinstance(confirm, PrescriptionChangesDialog)
        assert confirm.source == str(tmp_path / "prescription.toml")
        changes = _text(confirm.query_one("#prescription-changes", Static))
        assert "The whole programme is replaced by the 5 prescribed exercises" in changes
        assert "No longer done (11)" in changes and "Dead bug" in changes
        assert "Review on Tue 12 Jan 2027." in changes
        assert "Load it? y/n" in _text(confirm.query_one("#prescription-changes-question", Static))
        assert _prescriptions(db_path) == []  # nothing before the answer
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert _prescriptions(db_path) == [("2026-11-25", str(tmp_path / "prescription.toml"))]
        shown = _shown_names(app)
        assert shown and all(
            name in prescribed or (name.endswith("…") and any(p.startswith(name[:-1]) for p in prescribed))
            for name in shown
        )
        plan_line = _text(app.screen.query_one("#today-plan", Static))
        assert "Programme from Sam Rivera, physiotherapist (5 exercises, since 25 Nov)." in plan_line
        assert any("Loaded the prescription" in n.message for n in app._notifications)


async def test_no_leaves_everything_as_it_was(services, clock, db_path, tmp_path):
    good = tmp_path / "rx.toml"
    good.write_text(TEMPLATE)
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = _shown_names(app)
        dialog = await _open_the_dialog(app, pilot)
        await _type_path(pilot, dialog, str(good))
        assert isinstance(app.screen, PrescriptionChangesDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert _shown_names(app) == before
        assert "Programme from" not in _text(app.screen.query_one("#today-plan", Static))
    assert _prescriptions(db_path) == []


async def test_a_second_prescription_lists_only_what_it_changes(services, clock, db_path, tmp_path):
    first = tmp_path / "first.toml"
    first.write_text(TEMPLATE)
    services.load_prescription(str(first))
    second = tmp_path / "second.toml"
    second.write_text(TEMPLATE.replace("review_on = 2027-01-12", "review_on = 2027-01-19")
                      .replace("per_week = 2", "per_week = 1"))
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_the_dialog(app, pilot)
        await _type_path(pilot, dialog, str(second))
        assert isinstance(app.screen, PrescriptionChangesDialog)
        assert app.screen.changes == [
            "Review on Tue 19 Jan 2027 (it was Tue 12 Jan 2027).",
            "Copenhagen plank: once a week (was 2 times a week).",
        ]
        await pilot.press("enter")  # yes
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert [row[1] for row in _prescriptions(db_path)] == [str(first), str(second)]


async def test_the_help_lists_loading_a_prescription(services, clock):
    app = TrainerApp(services, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = " ".join(app.screen.query_one("#help-keys").render().plain.split())
        assert "l Load a prescription" in keys
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")  # the key the help gives opens the same dialog
        await pilot.pause()
        assert isinstance(app.screen, PrescriptionFileDialog)
