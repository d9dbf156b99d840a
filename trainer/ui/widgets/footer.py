"""The Footer of every trainer screen: compact under 100 columns, so the keys of a busy screen
(the exercise screen resting between sets of a hold) fit an 80-column terminal whole."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100  # columns under which the keys are drawn closer together


class TrainerFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < NARROW
