"""The end of a session: sets and volume per side, best hold, pain range, what changes next time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from trainer.services import FinishedSession
from trainer.ui.screens.base import TrainerModalScreen
from trainer.ui.widgets.footer import TrainerFooter


def summary_text(finished: FinishedSession, names: dict[str, str]) -> str:
    summary = finished.summary
    lines = [f"[b]Session finished[/b]: {summary.sets} sets of {summary.exercises} exercises.", ""]
    for side in summary.sides:
        hold = f", best hold {side.best_hold_s} s" if side.best_hold_s is not None else ""
        volume = f", {side.volume_kg:g} kg lifted" if side.volume_kg else ""
        if side.pain_min is None:
            pain = "no pain recorded"
        elif side.pain_min == side.pain_max:
            pain = f"pain {side.pain_max}/10"
        else:
            pain = f"pain {side.pain_min}-{side.pain_max}/10"
        sharp = ", sharp pain" if side.sharp else ""
        lines.append(
            f"[b]{side.side.value}[/b]: {side.sets} sets, {side.reps} reps{volume}{hold}; {pain}{sharp}"
        )
    next_time = finished.next_time
    if next_time.changes or next_time.same:
        lines += ["", "[b]Next time[/b]"]
        for change in next_time.changes:
            name = escape(names.get(change.exercise_id, change.exercise_id))
            lines.append(
                f"{name}, {change.side.value}: {change.decision}, {escape(change.before)} -> "
                f"{escape(change.after)}. {escape(change.reason)}"
            )
        if next_time.same:
            kept = ", ".join(escape(names.get(i, i)) for i in next_time.same)
            lines.append(f"The same dose as today: {kept}.")
    lines += ["", "Tomorrow morning trainer asks how each side feels. Press enter to close."]
    return "\n".join(lines)


class SummaryScreen(TrainerModalScreen[None]):
    BINDINGS = [Binding("enter,escape", "dismiss", "Close", id="close-summary")]

    def __init__(self, finished: FinishedSession) -> None:
        super().__init__()
        self.finished = finished

    def compose(self) -> ComposeResult:
        names = {ex.id: ex.name for ex in self.services.catalogue.exercises}
        with VerticalScroll(id="summary"):
            yield Static(summary_text(self.finished, names), id="summary-text")
        yield TrainerFooter()
