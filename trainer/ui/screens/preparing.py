"""Shown while the progression engine works through a long history from its first session.

That happens once after an upgrade, an edit of an old set or a change of settings (the engine's
stored checkpoints no longer fit); on years of sets it takes seconds, so the app says what it is
doing instead of showing nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static


class PreparingScreen(Screen[None]):
    def __init__(self, sets: int) -> None:
        super().__init__()
        self.sets = sets

    def compose(self) -> ComposeResult:
        with Vertical(id="preparing"):
            yield Static(
                f"Working through your history ({self.sets:,} sets) to suggest today's doses.\n"
                "This happens once after an update or a change to older entries or settings; "
                "next time trainer starts at once.",
                id="preparing-text",
            )
            yield LoadingIndicator()
