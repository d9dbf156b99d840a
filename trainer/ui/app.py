"""TrainerApp: the Textual application, built from injected services and clock."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from trainer.core.clock import Clock
from trainer.services import Services
from trainer.core.plan import Plan
from trainer.ui.screens.plan_form import PlanForm
from trainer.ui.screens.today import TodayScreen


class TrainerApp(App[None]):
    """Keyboard-driven trainer; every screen reads and writes through `services`."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, services: Services, clock: Clock) -> None:
        super().__init__()
        self.services = services
        self.clock = clock

    def on_mount(self) -> None:
        self.sub_title = self.clock.today().strftime("%A %d %B %Y")
        self.push_screen(TodayScreen())
        if not self.services.has_plan():
            # Onboarding only while no plan exists; `trainer plan set` skips it.
            self.push_screen(PlanForm(first_time=True), self._plan_saved)

    def _plan_saved(self, plan: Plan | None) -> None:
        if plan is not None:
            self.notify("Plan saved.", timeout=3)
        if isinstance(self.screen, TodayScreen):
            self.screen.action_refresh()
