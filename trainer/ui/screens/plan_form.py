"""Onboarding and plan changes: training days, start date, the side that hurts, session length.

Shown on the first start while no plan exists (a plan set with `trainer plan set` skips it), and
from the today screen to change the plan. Checks come from core through the services; a wrong
value is shown under the form and nothing is saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, RadioButton, RadioSet, Static

from trainer.core.entry import parse_day
from trainer.core.errors import UserError
from trainer.core.model import Side
from trainer.core.plan import DEFAULT_WEEKDAYS, WEEKDAY_NAMES, Plan, has_begun, parse_weekdays

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


class PlanForm(Screen[Plan | None]):
    """Returns the saved plan, or None when left without saving (only when a plan exists)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-plan"),
        Binding("escape", "cancel", "Back", id="cancel-plan"),
    ]

    def __init__(self, first_time: bool) -> None:
        super().__init__()
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        current = self.app.services.plans()[-1] if self.app.services.plans() else None
        weekdays = current.weekdays if current else DEFAULT_WEEKDAYS
        side = self.app.services.settings().involved_side
        minutes = current.minutes if current else 30
        yield Header()
        with VerticalScroll(id="plan-form"):
            if self.first_time:
                yield Static(
                    "Welcome. The programme works best 3 or 4 times a week, with a day off in "
                    "between. Choose your days; you can change them later.",
                    id="plan-intro",
                )
            elif has_begun(self.app.services.plans(), self.app.clock.today()):
                yield Static(
                    "Change your plan. New days count from next week; the weeks before keep "
                    "theirs.",
                    id="plan-intro",
                )
            else:
                yield Static("Change your plan before it starts.", id="plan-intro")
            yield Label("Training days (3 or 4)")
            with Horizontal(id="plan-days"):
                for number, name in enumerate(WEEKDAY_NAMES):
                    yield Checkbox(name.capitalize(), number in weekdays, id=f"day-{name}")
            with Horizontal(id="plan-choices"):
                with Vertical():
                    yield Label("Side that hurts or is weaker")
                    with RadioSet(id="plan-side"):
                        for label, value in SIDES:
                            yield RadioButton(label, value=value == side)
                with Vertical():
                    yield Label("Time for a session")
                    with RadioSet(id="plan-minutes"):
                        for label, value in MINUTES:
                            yield RadioButton(label, value=value == minutes)
            yield Label("Start date (YYYY-MM-DD)")
            yield Input(
                value=self.app.clock.today().isoformat(), id="plan-start", disabled=not self.first_time
            )
            yield Static("", id="plan-error")
            with Horizontal(id="plan-buttons"):
                yield Button("Save plan", variant="primary", id="plan-save")
                if not self.first_time:
                    yield Button("Cancel", id="plan-cancel")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "plan-save":
            self.action_save()
        elif event.button.id == "plan-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.first_time:
            self.dismiss(None)

    def action_save(self) -> None:
        error = self.query_one("#plan-error", Static)
        chosen = [
            name for name in WEEKDAY_NAMES if self.query_one(f"#day-{name}", Checkbox).value
        ]
        try:
            weekdays = parse_weekdays(",".join(chosen) or "none")
            start = None
            if self.first_time:
                start = parse_day(self.query_one("#plan-start", Input).value, self.app.clock.today())
            side = SIDES[max(self.query_one("#plan-side", RadioSet).pressed_index, 0)][1]
            minutes_index = self.query_one("#plan-minutes", RadioSet).pressed_index
            minutes = MINUTES[minutes_index][1] if minutes_index >= 0 else 30
            plan = self.app.services.set_plan(weekdays, start, side, minutes)
        except UserError as problem:
            error.update(f"[b]Not saved:[/b] {problem}")
            error.add_class("visible")
            return
        self.dismiss(plan)
