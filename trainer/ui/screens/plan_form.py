"""Onboarding and plan changes: training days, start date, the side that hurts, session length,
and each side's usual morning pain.

Shown on the first start while no plan exists (a plan set with `trainer plan set` skips it), and
from the today screen to change the plan. Every choice reads without colour (`[x]`, `(*)`), the
first field has the focus, the whole form and its Save button fit 80x24, and a mistake is named
in the form's own words under the intro (never a command-line flag): it follows the form while
it stands and goes once mended. Nothing is saved until everything is right.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Static

from trainer.core.entry import MAX_YEARS_AWAY, PAIN_MAX, PAIN_MIN, parse_day
from trainer.core.errors import EntryError, UserError
from trainer.core.model import Side
from trainer.core.plan import (
    DEFAULT_WEEKDAYS,
    SESSIONS_PER_WEEK,
    WEEKDAY_NAMES,
    Plan,
    has_begun,
    new_plan,
)
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.choices import ChoiceRow, ChoiceSet, GlyphCheckbox, GlyphRadioButton
from trainer.ui.widgets.footer import TrainerFooter

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
    "Usual pain on a normal morning, 0 (none) to 10 (worst); empty: estimated from your first "
    "week. More than that after a session: it was too much."
)


def day_words(day: date) -> str:
    """A day as the form and its notices write it: "Monday 30 November"."""
    return f"{day:%A} {day.day} {day:%B}"


def plan_saved_words(plan: Plan, first_time: bool) -> str:
    """What the app says once a plan is saved (onboarding and changes alike)."""
    days = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.weekdays)
    length = "the whole programme" if plan.minutes is None else f"{plan.minutes} minutes"
    when = "starting" if first_time else "the change applies from"
    return f"Plan saved: {days}, {length}; {when} {day_words(plan.effective_from)}."


class PlanForm(TrainerScreen[Plan | None]):
    """Returns the saved plan, or None when left without saving (only when a plan exists)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-plan"),
        Binding("escape", "cancel", "Back", id="cancel-plan"),
    ]
    # The form takes 19 rows (22 with a message): from 28 rows there is room to frame it.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]
    HELP_NOTES = (
        "Tab moves between the parts of the form; the left and right arrows go along the days "
        "and space ticks one; the arrows choose in a list of options; ctrl+s saves from anywhere."
    )

    def __init__(self, first_time: bool) -> None:
        super().__init__()
        self.first_time = first_time

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In onboarding there is nothing to go back to: a plan is needed to start.
        if action == "cancel":
            return not self.first_time
        return True

    def _intro(self) -> str:
        if self.first_time:
            return (
                "Welcome. The programme works best 3 or 4 times a week, with a day off in "
                "between. Choose your days; you can change them later."
            )
        plans = self.services.plans()
        today = self.clock.today()
        # When a change would apply, as core decides it (the days chosen do not matter).
        change = new_plan(DEFAULT_WEEKDAYS, None, None, None, plans, today)
        applies = day_words(change.effective_from)
        if has_begun(plans, today):
            return (
                f"Change your plan. The change applies from {applies}; the weeks before keep "
                "their days."
            )
        return f"Change your plan before it starts on {applies}."

    def compose(self) -> ComposeResult:
        services = self.services
        plans = services.plans()
        current = plans[-1] if plans else None
        weekdays = current.weekdays if current else DEFAULT_WEEKDAYS
        settings = services.settings()
        side = settings.involved_side
        minutes = current.minutes if current else 30
        yield Header()
        with VerticalScroll(id="plan-form", can_focus=False):
            yield Static(self._intro(), id="plan-intro")
            # Under the intro, so a mistake is in view however far the form is scrolled.
            yield Static("", id="plan-error")
            yield Label("[b]Training days[/b] (3 or 4)")
            with ChoiceRow(id="plan-days"):
                for number, name in enumerate(WEEKDAY_NAMES):
                    yield GlyphCheckbox(name.capitalize(), number in weekdays, id=f"day-{name}")
            with Horizontal(id="plan-choices"):
                with Vertical(id="plan-side-column"):
                    yield Label("[b]Side that hurts or is weaker[/b]")
                    with ChoiceSet(id="plan-side"):
                        for label, side_choice in SIDES:
                            yield GlyphRadioButton(label, value=side_choice == side)
                with Vertical(id="plan-minutes-column"):
                    yield Label("[b]Time for a session[/b]")
                    with ChoiceSet(id="plan-minutes"):
                        for label, minutes_choice in MINUTES:
                            yield GlyphRadioButton(label, value=minutes_choice == minutes)
                with Vertical(id="plan-pain-column"):
                    yield Label("[b]Usual morning pain[/b]")
                    for name, value in (
                        ("left", settings.baseline_pain_left),
                        ("right", settings.baseline_pain_right),
                    ):
                        with Horizontal(classes="plan-pain-row"):
                            yield Label(name.capitalize())
                            # Empty: not recorded (6.9.8).
                            yield Input(
                                "" if value is None else str(value), type="integer",
                                max_length=2, compact=True, id=f"baseline-{name}",
                            )
                    if self.first_time:
                        # A change applies from a day core decides (the intro says which).
                        yield Label("[b]Start date[/b]", id="plan-start-label")
                        yield Input(
                            value=self.clock.today().isoformat(),
                            placeholder="YYYY-MM-DD",
                            max_length=10,
                            compact=True,
                            id="plan-start",
                        )
            yield Static(BASELINE_WHY, classes="plan-hint")
            with Horizontal(id="plan-buttons"):
                yield Button("Save plan (ctrl+s)", variant="primary", id="plan-save")
                if not self.first_time:
                    yield Button("Cancel (esc)", id="plan-cancel")
        yield TrainerFooter()

    def on_mount(self) -> None:
        # Shown where there are rows for a frame (see app.tcss).
        self.query_one("#plan-form").border_title = "Your training plan"
        # The first field has the focus: Monday.
        self.query_one(f"#day-{WEEKDAY_NAMES[0]}", GlyphCheckbox).focus()

    # -- a message follows the form while the mistake stands, and goes once it is mended ------
    def on_checkbox_changed(self) -> None:
        self._recheck()

    def on_radio_set_changed(self) -> None:
        self._recheck()

    def on_input_changed(self) -> None:
        self._recheck()

    def _recheck(self) -> None:
        if not self.query_one("#plan-error", Static).display:
            return
        try:
            self._read()
        except EntryError as problem:
            self._show_error(f"[b]Not saved:[/b] {problem}")
            return
        self._show_error("")

    def _show_error(self, text: str) -> None:
        error = self.query_one("#plan-error", Static)
        error.update(text)
        error.display = bool(text)
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

    def _start(self) -> date | None:
        """The start date typed in onboarding (None when changing: core decides)."""
        if not self.first_time:
            return None
        today = self.clock.today()
        text = self.query_one("#plan-start", Input).value.strip()
        try:
            return parse_day(text, today)
        except EntryError:
            pass
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise EntryError(
                f"Write the start date as year-month-day, e.g. {today.isoformat()}"
                + (f" (not '{text}')." if text else ".")
            ) from None
        raise EntryError(
            f"The start date, {day_words(day)} {day.year}, is more than {MAX_YEARS_AWAY} years "
            "from today: is it a slip of the keys?"
        )

    def _read(self) -> tuple[tuple[int, ...], date | None, Side | None, int | None, int | None, int | None]:
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
        start = self._start()
        side_index = self.query_one("#plan-side", ChoiceSet).pressed_index
        side = SIDES[side_index][1] if side_index >= 0 else None
        minutes_index = self.query_one("#plan-minutes", ChoiceSet).pressed_index
        minutes = MINUTES[minutes_index][1] if minutes_index >= 0 else 30
        baseline: list[int | None] = []
        for name in ("left", "right"):
            text = self.query_one(f"#baseline-{name}", Input).value.strip()
            if not text:
                baseline.append(None)  # not recorded: the engine estimates it (6.9.8)
                continue
            if not text.isdigit() or not PAIN_MIN <= int(text) <= PAIN_MAX:
                raise EntryError(
                    f"Usual morning pain, {name}: give a whole number from {PAIN_MIN} to "
                    f"{PAIN_MAX}, or leave it empty if you do not know (not '{text}')."
                )
            baseline.append(int(text))
        return chosen, start, side, minutes, baseline[0], baseline[1]

    def action_save(self) -> None:
        try:
            weekdays, start, side, minutes, left, right = self._read()
            services = self.services
            plan = services.set_plan(weekdays, start, side, minutes)
            services.update_settings(baseline_pain_left=left, baseline_pain_right=right)
        except UserError as problem:
            self._show_error(f"[b]Not saved:[/b] {problem}")
            return
        self.dismiss(plan)
