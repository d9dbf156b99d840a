"""Every key shown in the Footer acts there, on every screen and dialog (issue 13.2).

For each screen and dialog in the states a person meets them, the test reads the keys the Footer
actually shows (its FooterKey widgets), checks each is enabled (Textual's `check_action` said
yes), then presses each one in a fresh app on a copy of the same database and checks that it ran
without an error. It also checks that a screen's Footer shows its own keys, not those of the
screen under a dialog, and that no Footer label is cut at 80 columns.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.conftest import CATALOG
from tests.ui.pilot_steps import open_exercise
from trainer.core.model import Side
from trainer.services import build_services
from trainer.ui.app import TrainerApp
from trainer.ui.screens.assessment import AssessmentScreen
from trainer.ui.screens.dialogs import (
    ConfirmDialog,
    EditSetDialog,
    MorningDialog,
    PrescriptionChangesDialog,
    SymptomsDialog,
)
from trainer.ui.screens.exercise import ExerciseScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.summary import SummaryScreen
from trainer.ui.screens.today import TodayScreen

SIZE = (80, 24)
APP_WIDE = {"quit", "help", "command_palette", "app.history"}
PRESSED: set[tuple[str, str]] = set()
Setup = Callable[[TrainerApp, object], Awaitable[None]]


def _seed(services, *, plan: bool = True) -> None:
    if plan:
        services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)
        services.update_settings(involved_side="left")
    services.log("clamshell", Side.LEFT, reps=[12, 11], pain=2, on=date(2026, 11, 23))
    services.log("clamshell", Side.RIGHT, reps=[15, 15], pain=0, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, soreness=1, on=date(2026, 11, 24))
    services.record_symptoms([])


async def _nothing(app, pilot) -> None:
    await pilot.pause()


async def _clamshell(app, pilot) -> None:
    await open_exercise(app, pilot, "Clamshell")


async def _clamshell_after_a_set(app, pilot) -> None:
    await open_exercise(app, pilot, "Clamshell")
    await pilot.press("enter", "enter")  # left and right: the rest timer runs before left 2
    await pilot.pause()


async def _clamshell_after_sharp_pain(app, pilot) -> None:
    await open_exercise(app, pilot, "Clamshell")
    await pilot.press("s", "enter")
    await pilot.pause()


async def _stretch(app, pilot) -> None:
    await pilot.pause()
    stretch = next(i.exercise.name for i in app.screen.items if i.exercise.counts_seconds)
    await open_exercise(app, pilot, stretch)


async def _together_stretch_resting(app, pilot) -> None:
    """A stretch done with both sides at once, after its first set: the timer, the rest, undo
    and every other key of the exercise screen are on offer at once."""
    await pilot.pause()
    name = next(
        i.exercise.name for i in app.screen.items
        if i.exercise.counts_seconds and i.queue and i.queue[0].side.value == "both"
    )
    await open_exercise(app, pilot, name)
    await pilot.press("enter")
    await pilot.pause()


async def _today_with_a_set(app, pilot) -> None:
    await open_exercise(app, pilot, "Clamshell")
    await pilot.press("enter", "escape")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


async def _summary(app, pilot) -> None:
    await _today_with_a_set(app, pilot)
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)


async def _today_finished(app, pilot) -> None:
    await _summary(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


def _push(make: Callable[[TrainerApp], object]) -> Setup:
    async def setup(app, pilot) -> None:
        await pilot.pause()
        app.push_screen(make(app))
        await pilot.pause()

    return setup


async def _symptoms_ticked(app, pilot) -> None:
    await _push(lambda app: SymptomsDialog())(app, pilot)
    await pilot.press("space")  # tick the first question (an emergency one)
    await pilot.pause()


async def _symptoms_emergency_advice(app, pilot) -> None:
    await _symptoms_ticked(app, pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()


def _after(key: str, then: Setup | None = None) -> Setup:
    async def setup(app, pilot) -> None:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        if then is not None:
            await then(app, pilot)

    return setup


async def _assessment_done(app, pilot) -> None:
    await pilot.pause()
    app.action_assessment()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AssessmentScreen)
    await pilot.press(*["s"] * len(screen.steps))
    await pilot.pause()
    assert screen.finished


async def _assessment_count_test(app, pilot) -> None:
    await pilot.pause()
    app.action_assessment()
    await pilot.pause()


async def _today_stopped(app, pilot) -> None:
    """After an emergency answer: training stops until it is lifted (6.9.13). A set was logged
    before it, so Finish is offered too: the widest Footer of the today screen."""
    await _today_with_a_set(app, pilot)
    await _symptoms_emergency_advice(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


async def _prescription_changes(app, pilot) -> None:
    """A prescription file checked, its changes listed and "Load it? y/n" asked."""
    from trainer.core.prescription import TEMPLATE

    rx = Path(app.services.store.path).parent / "prescription.toml"
    rx.write_text(TEMPLATE)
    await _after("l")(app, pilot)
    app.screen.field.value = str(rx)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PrescriptionChangesDialog)


def _edit_set(app) -> EditSetDialog:
    return EditSetDialog(app.services.history()[0])


STATES: dict[str, tuple[Setup, bool]] = {
    # name: (how to get there, whether a plan exists)
    "onboarding": (_nothing, False),
    "today, training day": (_nothing, True),
    "today, with a set": (_today_with_a_set, True),
    "today, finished": (_today_finished, True),
    "today, rest day": (_nothing, True),  # re-dated below
    "today, training stopped": (_today_stopped, True),
    "exercise, reps": (_clamshell, True),
    "exercise, resting": (_clamshell_after_a_set, True),
    "exercise, after sharp pain": (_clamshell_after_sharp_pain, True),
    "exercise, stretch": (_stretch, True),
    "exercise, both sides resting": (_together_stretch_resting, True),
    "history": (_after("h"), True),
    "history, a session open": (_after("h", _after("enter")), True),
    "calendar": (_after("c"), True),
    "charts": (_after("g"), True),
    "plan change": (_after("p"), True),
    "help": (_after("question_mark"), True),
    "summary": (_summary, True),
    "assessment": (_assessment_count_test, True),
    "assessment, finished": (_assessment_done, True),
    "confirm": (_push(lambda app: ConfirmDialog("Really?")), True),
    "morning check": (_push(lambda app: MorningDialog(date(2026, 11, 23))), True),
    "symptoms": (_push(lambda app: SymptomsDialog()), True),
    "symptoms, ticked": (_symptoms_ticked, True),
    "symptoms, emergency advice": (_symptoms_emergency_advice, True),
    "edit set": (_push(_edit_set), True),
    "load a prescription": (_after("l"), True),
    "prescription changes": (_prescription_changes, True),
}


@pytest.fixture
def make_app(tmp_path: Path, clock):
    """Apps on copies of one seeded database, so each key is pressed in the same state."""
    opened = []

    def make(state: str, copy: int) -> TrainerApp:
        seeded = tmp_path / "seed" / "trainer.db"
        if not seeded.exists():
            services = build_services(str(seeded), str(CATALOG), clock)
            _seed(services, plan=STATES[state][1])
            services.close()
        target = tmp_path / f"copy{copy}" / "trainer.db"
        target.parent.mkdir(mode=0o700)
        shutil.copy(seeded, target)
        services = build_services(str(target), str(CATALOG), clock)
        opened.append(services)
        # Timers at a fifth of real time: a rest (60 s, 12 s here) outlasts a loaded test machine,
        # so the keys of a resting screen are still on offer when the second run presses them.
        return TrainerApp(services, _clock_for(state, clock), time_scale=0.2)

    yield make
    for services in opened:
        services.close()


def _clock_for(state: str, clock):
    if state != "today, rest day":
        return clock
    from datetime import timedelta

    from trainer.core.clock import FixedClock

    return FixedClock(clock.now() + timedelta(days=1))  # Thursday: not a training day


def _footer_keys(app: TrainerApp) -> list[FooterKey]:
    footer = app.screen.query_one(Footer)
    return list(footer.query(FooterKey))


@pytest.mark.parametrize("state", list(STATES))
async def test_every_key_in_the_footer_acts(state, make_app):
    setup = STATES[state][0]
    app = make_app(state, 0)
    async with app.run_test(size=SIZE) as pilot:
        await setup(app, pilot)
        screen = app.screen
        keys = _footer_keys(app)
        for _ in range(20):  # a pushed dialog composes its Footer a little later under load
            if keys:
                break
            await pilot.pause(0.05)
            keys = _footer_keys(app)
        assert keys, f"{state}: no keys in the Footer"
        shown = [(k.key, k.action) for k in keys]
        for key in keys:
            assert not key.disabled, f"{state}: {key.key} ({key.action}) is shown but disabled"
        # The keys belong to this screen or the app, never to a screen under a dialog.
        own = {b.action for _, b, _, _ in screen.active_bindings.values()}
        assert {action for _, action in shown} <= own | {"command_palette"}
        # No label is cut: the Footer's keys fit in the terminal's width.
        footer = app.screen.query_one(Footer)
        width = sum(part.outer_size.width for part in footer.children)
        assert width <= SIZE[0], f"{state}: {shown} take {width} columns"
    for number, (key, action) in enumerate(shown, start=1):
        # Keys of the app (quit, help, palette) act the same on every screen, and one screen's
        # key the same in each state: each is pressed once, which keeps this test quick.
        where = "app" if action in APP_WIDE else type(screen).__name__
        if (where, action) in PRESSED:
            continue
        PRESSED.add((where, action))
        app = make_app(state, number)
        async with app.run_test(size=SIZE) as pilot:
            await setup(app, pilot)
            before = app.screen
            states = {b.action: enabled for _, b, enabled, _ in before.active_bindings.values()}
            assert states.get(action) is True, f"{state}: {key} not enabled on a second run"
            await pilot.press(key)
            await pilot.pause()
        # Leaving `run_test` re-raises any error a key's action raised.


async def test_a_dialog_shows_its_own_keys_not_the_screen_under_it(make_app):
    app = make_app("today, training day", 0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MorningDialog(date(2026, 11, 23)))
        await pilot.pause()
        actions = {k.action for k in _footer_keys(app)}
        assert {"save", "skip"} <= actions
        assert not actions & {"start_session", "finish_session", "calendar"}


async def test_letters_reach_the_keys_while_the_reps_field_has_focus(make_app):
    app = make_app("exercise, reps", 0)
    async with app.run_test(size=SIZE) as pilot:
        await _clamshell(app, pilot)
        assert app.screen.field == "amount"  # typing goes to the reps
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        # Once the self-assessment is done only leaving it acts (y, n, t, s did nothing).
        ("assessment, finished", {"leave"}),
        # A count test takes a typed number: no yes/no keys, no timer.
        ("assessment", {"skip", "leave"}),
        # The history's list of sessions: no set to correct or delete until one is open.
        ("history", {"back", "refresh"}),
        # Training stopped by an emergency answer: only lifting it, and looking around.
        ("today, training stopped", {"seen_professional", "answer_mistaken", "finish_session", "calendar"}),
        # A finished session: nothing to finish again.
        ("today, finished", {"start_session", "toggle_why", "calendar", "app.history"}),
    ],
)
async def test_keys_that_cannot_act_are_not_shown(state, allowed, make_app):
    app = make_app(state, 0)
    async with app.run_test(size=SIZE) as pilot:
        await STATES[state][0](app, pilot)
        shown = {k.action for k in _footer_keys(app)} - APP_WIDE - {"app.history"}
        assert shown <= allowed, shown


async def test_the_help_lists_every_key_of_the_exercise_screen(make_app):
    """Keys not in the Footer ([ ] load, b back, p pause) and Tab to the pain field are in `?`."""
    app = make_app("exercise, reps", 0)
    async with app.run_test(size=(100, 32)) as pilot:
        await _clamshell(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-keys").render().plain
        for binding in ExerciseScreen.BINDINGS:
            assert binding.description in text, binding.description
        assert "[" in text and "]" in text and "Tab moves to the pain field" in " ".join(text.split())
