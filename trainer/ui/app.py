"""TrainerApp: the Textual application, built from injected services and clock."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from trainer.core.clock import Clock
from trainer.services import Services
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
