"""Past sessions, newest first, and every set of the session chosen with Enter.

The days' totals are counted by the database in a thread worker (years of sets are never read
whole) and come back as the worker's result; the tables are filled on the UI thread, and a day's
sets are read when it is opened. A set can be corrected (e) or deleted (d) from the
details; both go through the services and the history is read again.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from trainer.core.model import LoggedSet, Side
from trainer.core.session import DayTotals
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.footer import TrainerFooter

HISTORY_GROUP = "history-load"


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _pain(value: int | None) -> str:
    return "" if value is None else str(value)


def session_row(totals: DayTotals) -> tuple[str, ...]:
    """Date, exercises, sets left/right, worst pain left/right and a sharp-pain marker."""
    sharp = " ".join(letter for letter, yes in (("L", totals.sharp_left), ("R", totals.sharp_right)) if yes)
    return (
        day_label(totals.date),
        str(totals.exercises),
        str(totals.sets_left),
        str(totals.sets_right),
        _pain(totals.pain_left),
        _pain(totals.pain_right),
        f"sharp {sharp}" if sharp else "",
    )


def set_flags(s: LoggedSet) -> str:
    flags = []
    if s.sharp:
        flags.append("sharp")
    if s.stopped_early:
        flags.append("stopped early")
    if not s.technique_ok:
        flags.append("form off")
    return ", ".join(flags)


class HistoryScreen(TrainerScreen[None]):
    """Returns nothing; escape goes back (from the details first, then off the screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="history-back"),
        Binding("e", "edit_set", "Correct set", id="history-edit-set"),
        Binding("d", "delete_set", "Delete set", id="history-delete-set"),
        Binding("r", "refresh", "Refresh", id="history-refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[date, DayTotals] = {}
        self.day_shown: date | None = None
        self.day_sets: list[LoggedSet] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Static("[b]Your sessions[/b], newest first", id="history-title")
            yield Static("Reading your history…", id="history-summary")
            yield DataTable(id="history-sessions", cursor_type="row", zebra_stripes=True)
            with Vertical(id="history-details"):
                yield Static("", id="history-day-title")
                yield DataTable(id="history-sets", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Enter shows the sets of a session; then e corrects and d deletes the one "
                "under the cursor.",
                id="history-hint",
            )
        yield TrainerFooter()

    def on_mount(self) -> None:
        sessions = self.query_one("#history-sessions", DataTable)
        sessions.add_columns(
            "Date", "Exercises", "Sets L", "Sets R", "Worst pain L", "Worst pain R", "Sharp"
        )
        details = self.query_one("#history-sets", DataTable)
        details.add_columns("Exercise", "Level", "Side", "Set", "Done", "Load", "Pain", "Flags")
        self.query_one("#history-details").display = False
        sessions.focus()
        self.load()

    # --- reading -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group=HISTORY_GROUP)
    def load(self) -> list[DayTotals]:
        return self.services.history_days()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != HISTORY_GROUP:
            return
        if event.state is WorkerState.SUCCESS:
            self.show_sessions(event.worker.result or [])
        elif event.state is WorkerState.ERROR:
            self.query_one("#history-summary", Static).update(
                f"Could not read your history: {escape(str(event.worker.error))}"
            )

    def show_sessions(self, days: list[DayTotals]) -> None:
        self.days = {totals.date: totals for totals in days}
        table = self.query_one("#history-sessions", DataTable)
        cursor = table.cursor_row
        table.clear()
        for totals in days:
            table.add_row(*session_row(totals), key=totals.date.isoformat())
        if days:
            count, sets = len(days), sum(totals.sets for totals in days)
            self.query_one("#history-summary", Static).update(
                f"{count} session{'s' if count != 1 else ''}, {sets} sets in all."
            )
            table.move_cursor(row=min(cursor, table.row_count - 1))
        else:
            self.query_one("#history-summary", Static).update(
                "Nothing logged yet. Sets you log in a session show up here."
            )
        if self.day_shown is not None:
            if self.day_shown in self.days:
                self.show_day(self.day_shown, focus=False)
            else:
                self.hide_day()

    # --- details -------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "history-sessions" and event.row_key.value:
            event.stop()
            self.show_day(date.fromisoformat(event.row_key.value))

    def show_day(self, day: date, focus: bool = True) -> None:
        self.day_shown = day
        self.day_sets = sets = self.services.sets_on(day)
        table = self.query_one("#history-sets", DataTable)
        cursor = table.cursor_row
        table.clear()
        for s in sets:
            table.add_row(*self._set_row(s), key=str(s.id))
        self.query_one("#history-day-title", Static).update(
            f"[b]{day_label(day)}[/b]: {len(sets)} set{'s' if len(sets) != 1 else ''}"
        )
        self.query_one("#history-details").display = True
        self.refresh_bindings()
        if sets:
            table.move_cursor(row=min(cursor, len(sets) - 1) if not focus else 0)
        if focus:
            table.focus()

    def hide_day(self) -> None:
        self.day_shown = None
        self.query_one("#history-details").display = False
        self.refresh_bindings()
        self.query_one("#history-sessions", DataTable).focus()

    def _set_row(self, s: LoggedSet) -> tuple[str, ...]:
        catalogue = self.services.catalogue
        # A set logged under another catalogue may name an exercise this one lacks.
        name = catalogue.get(s.exercise_id).name if s.exercise_id in catalogue else s.exercise_id
        done = f"{s.hold_s} s" if s.hold_s is not None else f"{s.reps} reps"
        pain = "" if s.pain is None else str(s.pain)
        return (
            name,
            str(s.level),
            s.side.value,
            str(s.set_number),
            done,
            str(s.load),
            pain,
            set_flags(s),
        )

    def selected_set(self) -> LoggedSet | None:
        """The set under the cursor in the details, when the details have the focus."""
        table = self.query_one("#history-sets", DataTable)
        if self.day_shown is None or self.focused is not table or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.day_sets if str(s.id) == key), None)

    # --- actions -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Correcting and deleting are offered once a session's sets are shown."""
        if action in ("edit_set", "delete_set"):
            return self.day_shown is not None and bool(self.day_sets)
        return True

    def action_back(self) -> None:
        if self.day_shown is not None:
            self.hide_day()
        else:
            self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load()

    def action_edit_set(self) -> None:
        from trainer.ui.screens.dialogs import EditSetDialog

        logged = self.selected_set()
        if logged is None:
            self.notify("Choose a session with Enter, then a set to correct.", timeout=3)
            return

        def edited(updated: LoggedSet | None) -> None:
            if updated is not None:
                self.notify("Set corrected.", timeout=3)
                self.load()

        self.app.push_screen(EditSetDialog(logged), edited)

    def action_delete_set(self) -> None:
        from trainer.ui.screens.dialogs import ConfirmDialog

        logged = self.selected_set()
        if logged is None:
            self.notify("Choose a session with Enter, then a set to delete.", timeout=3)
            return
        name, *_ = self._set_row(logged)
        side = "" if logged.side is Side.BOTH else f" ({logged.side.value})"

        def answered(yes: bool | None) -> None:
            if yes:
                self.services.delete_set(logged.id)
                self.notify("Set deleted.", timeout=3)
                self.load()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete set {logged.set_number} of {name}{side} on {day_label(logged.date)}?"
            ),
            answered,
        )
