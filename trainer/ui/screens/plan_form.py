"""Onboarding and plan changes: training days, start date, the side that hurts, session length,
and each side's usual morning pain.

Shown on the first start while no plan exists (a plan set with `trainer plan set` skips it), and
from the today screen to change the plan. Every choice reads without colour (`[x]`, `(*)`), the
first field has the focus, and a mistake is named in the form's own words under it (never a
command-line flag), gone as soon as the form changes; nothing is saved until everything is right.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static

from trainer.ui.widgets.footer import TrainerFooter
from trainer.core.entry import PAIN_MAX, PAIN_MIN, parse_day
from trainer.core.errors import EntryError, UserError
from trainer.core.model import Side
from trainer.core.plan import (
    DEFAULT_WEEKDAYS,
    SESSIONS_PER_WEEK,
    WEEKDAY_NAMES,
    Plan,
    has_begun,
)
from trainer.ui.widgets.choices import ChoiceRow, ChoiceSet, GlyphCheckbox, GlyphRadioButton

SIDES: tuple[tuple[str, Side | None], ...] = (
    ("Left", Side.LEFT),
    ("Right", Side.RIGHT),
    ("Not sure", None),
)
MINUTES: tuple[tuple[str, int | None], ...] = (
    ("20 minutes", 20),
    ("30 minutes", 30),
    ("45 minutes", 45),
    ("60 minutes", 60),
    ("The whole programme", None),
)
BASELINE_WHY = (
    "On a normal morning, before any exercise (0 none, 10 worst). trainer compares the morning "
    "after a session with it: more than usual means that session was too much."
)


def plan_saved_words(plan: Plan, first_time: bool) -> str:
    """What the app says once a plan is saved (onboarding and changes alike)."""
    days = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.weekdays)
    length = "the whole programme" if plan.minutes is None else f"{plan.minutes} minutes"
    when = (
        f"from {plan.start:%A} {plan.start.day} {plan.start:%B}"
        if first_time
        else "new days count from next week"
    )
    return f"Plan saved: {days}, {length}; {when}."


class PlanForm(Screen[Plan | None]):
    """Returns the saved plan, or None when left without saving (only when a plan exists)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-plan"),
        Binding("escape", "cancel", "Back", id="cancel-plan"),
    ]
    HELP_NOTES = (
        "Tab moves between the parts of the form; the left and right arrows move along the days "
        "and space ticks one; the arrows choose in a list of options."
    )

    def __init__(self, first_time: bool) -> None:
        super().__init__()
        self.first_time = first_time

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In onboarding there is nothing to go back to: a plan is needed to start.
        if action == "cancel":
            return not self.first_time
        return True

    def compose(self) -> ComposeResult:
        services = self.app.services
        current = services.plans()[-1] if services.plans() else None
        weekdays = current.weekdays if current else DEFAULT_WEEKDAYS
        settings = services.settings()
        side = settings.involved_side
        minutes = current.minutes if current else 30
        yield Header()
        with VerticalScroll(id="plan-form"):
            if self.first_time:
                intro = (
                    "Welcome. The programme works best 3 or 4 times a week, with a day off in "
                    "between. Choose your days; you can change them later."
                )
            elif has_begun(services.plans(), self.app.clock.today()):
                intro = "Change your plan. New days count from next week; the weeks before keep theirs."
            else:
                intro = "Change your plan before it starts."
            yield Static(intro, id="plan-intro")
            # Under the intro, so a mistake is in view however far the form is scrolled.
            yield Static("", id="plan-error")
            yield Label("[b]Training days[/b] (3 or 4)")
            with ChoiceRow(id="plan-days"):
                for number, name in enumerate(WEEKDAY_NAMES):
                    yield GlyphCheckbox(name.capitalize(), number in weekdays, id=f"day-{name}")
            with Horizontal(id="plan-choices"):
                with Vertical():
                    yield Label("[b]Side that hurts or is weaker[/b]")
                    with ChoiceSet(id="plan-side"):
                        for label, value in SIDES:
                            yield GlyphRadioButton(label, value=value == side)
                with Vertical():
                    yield Label("[b]Time for a session[/b]")
                    with ChoiceSet(id="plan-minutes"):
                        for label, value in MINUTES:
                            yield GlyphRadioButton(label, value=value == minutes)
            yield Label("[b]Usual morning pain[/b]")
            yield Static(BASELINE_WHY, classes="plan-hint")
            with Horizontal(id="plan-baseline"):
                yield Label("Left")
                yield Input(
                    str(settings.baseline_pain_left), type="integer", max_length=2,
                    id="baseline-left", compact=True,
                )
                yield Label("Right")
                yield Input(
                    str(settings.baseline_pain_right), type="integer", max_length=2,
                    id="baseline-right", compact=True,
                )
            with Horizontal(id="plan-start-row"):
                yield Label("[b]Start date[/b] (YYYY-MM-DD)")
                yield Input(
                    value=self.app.clock.today().isoformat(),
                    id="plan-start",
                    disabled=not self.first_time,
                    compact=True,
                )
            with Horizontal(id="plan-buttons"):
                yield Button("Save plan (ctrl+s)", variant="primary", id="plan-save")
                if not self.first_time:
                    yield Button("Cancel (esc)", id="plan-cancel")
        yield TrainerFooter()

    def on_mount(self) -> None:
        # The first field has the focus: Monday.
        self.query_one(f"#day-{WEEKDAY_NAMES[0]}", GlyphCheckbox).focus()

    # -- a message goes as soon as the form changes ------------------------------------------
    def on_checkbox_changed(self) -> None:
        self._show_error("")

    def on_radio_set_changed(self) -> None:
        self._show_error("")

    def on_input_changed(self) -> None:
        self._show_error("")

    def _show_error(self, text: str) -> None:
        error = self.query_one("#plan-error", Static)
        error.update(text)
        error.set_class(bool(text), "visible")
        if text:
            self.query_one("#plan-form").scroll_home(animate=False)

    # -- actions ----------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "plan-save":
            self.action_save()
        elif event.button.id == "plan-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.first_time:
            self.dismiss(None)

    def _read(self) -> tuple[tuple[int, ...], date | None, Side | None, int | None, int, int]:
        """Every choice of the form, checked; EntryError in the form's words."""
        chosen = tuple(
            number
            for number, name in enumerate(WEEKDAY_NAMES)
            if self.query_one(f"#day-{name}", GlyphCheckbox).value
        )
        if len(chosen) not in SESSIONS_PER_WEEK:
            raise EntryError(
                f"Choose 3 or 4 training days (you chose {len(chosen)}): the programme works "
                "best 3 or 4 times a week."
            )
        start = None
        if self.first_time:
            text = self.query_one("#plan-start", Input).value
            try:
                start = parse_day(text, self.app.clock.today())
            except EntryError:
                raise EntryError(
                    f"Write the start date as year-month-day, e.g. {self.app.clock.today().isoformat()}"
                    f" (not '{text.strip()}')."
                ) from None
        side_index = self.query_one("#plan-side", ChoiceSet).pressed_index
        side = SIDES[side_index][1] if side_index >= 0 else None
        minutes_index = self.query_one("#plan-minutes", ChoiceSet).pressed_index
        minutes = MINUTES[minutes_index][1] if minutes_index >= 0 else 30
        baseline = []
        for name in ("left", "right"):
            text = self.query_one(f"#baseline-{name}", Input).value.strip() or "0"
            if not text.isdigit() or not PAIN_MIN <= int(text) <= PAIN_MAX:
                raise EntryError(
                    f"Usual morning pain, {name}: give a whole number from 0 to 10 "
                    f"(not '{text}')."
                )
            baseline.append(int(text))
        return chosen, start, side, minutes, baseline[0], baseline[1]

    def action_save(self) -> None:
        try:
            weekdays, start, side, minutes, left, right = self._read()
            services = self.app.services
            plan = services.set_plan(weekdays, start, side, minutes)
            services.update_settings(baseline_pain_left=left, baseline_pain_right=right)
        except UserError as problem:
            self._show_error(f"[b]Not saved:[/b] {problem}")
            return
        self.dismiss(plan)
