"""The screens' one way to what the app was built with: its services and its clock, typed.

`TrainerApp(services, clock)` is given both once; a screen reads them as `self.services` and
`self.clock` (never `date.today()`), so a test's fixed clock reaches every screen and mypy checks
every call a screen makes on the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from textual.app import App

    from trainer.core.clock import Clock
    from trainer.services import Services
    from trainer.ui.app import TrainerApp


def trainer_app(app: App[Any]) -> TrainerApp:
    """`app` as the TrainerApp it is: every screen and command of this package runs inside one.
    A cast, not an isinstance check: the app module imports the screens, so they import it only
    for type checking."""
    return cast("TrainerApp", app)


class TrainerScreen(Screen[ScreenResultType]):
    """A screen of TrainerApp, with the app's services and clock typed."""

    @property
    def trainer_app(self) -> TrainerApp:
        return trainer_app(self.app)

    @property
    def services(self) -> Services:
        return self.trainer_app.services

    @property
    def clock(self) -> Clock:
        return self.trainer_app.clock


# ModalScreen first: Textual inherits CSS (DEFAULT_CSS and type selectors) along the first
# DOMNode base only, and a dialog must keep ModalScreen's.
class TrainerModalScreen(ModalScreen[ScreenResultType], TrainerScreen[ScreenResultType]):
    """A modal dialog of TrainerApp (it dims the screen below), with the same typed access."""
