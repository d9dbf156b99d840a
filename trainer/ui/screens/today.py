"""The first screen: today's date, what has been logged today, and the catalogue to browse.

The session runner (today's planned session, set entry, timers) is built on top of this screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from trainer.core.model import DoseKind, Exercise, LoggedSet

_UNIT = {DoseKind.REPS: "reps", DoseKind.STEPS: "steps", DoseKind.HOLD: "s"}


def dose_summary(exercise: Exercise) -> str:
    level = exercise.entry_level
    span = f"{level.min}" if level.min == level.max else f"{level.min}-{level.max}"
    return f"{level.sets} x {span} {_UNIT[exercise.dose]}"


def exercise_details(exercise: Exercise) -> str:
    """Plain-text card for the detail panel: ladder, how-to, cues and cautions."""
    # Catalogue text is written by hand and may hold square brackets: escape it from markup.
    lines = [
        f"[b]{escape(exercise.name)}[/b]  "
        f"({exercise.group.value}; {escape(', '.join(exercise.muscles))})",
        "",
    ]
    lines.append("[b]How to[/b]")
    lines += [f" {n}. {escape(step)}" for n, step in enumerate(exercise.steps, start=1)]
    lines += ["", "[b]Focus[/b]", *[f" - {escape(cue)}" for cue in exercise.cues]]
    if exercise.cautions:
        lines += ["", "[b]Take care[/b]", *[f" - {escape(c)}" for c in exercise.cautions]]
    lines += ["", "[b]Ladder[/b] (* = where you start)"]
    for level in exercise.levels:
        marker = "*" if level.entry else " "
        lines.append(f" {marker}{level.number}. {escape(level.name)}")
    return "\n".join(lines)


class TodayScreen(Screen[None]):
    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("c", "calendar", "Calendar", id="calendar"),
        Binding("p", "change_plan", "Plan", id="plan"),
        Binding("tab", "focus_next", "Next pane", show=False, id="focus-next"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-title")
            yield Static(id="today-summary")
            yield Static(id="today-plan")
            yield DataTable(id="today-sets", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="browse"):
                yield DataTable(id="catalogue", cursor_type="row")
                with VerticalScroll(id="detail-pane"):
                    yield Static(id="exercise-detail")
        yield Footer()

    def on_mount(self) -> None:
        catalogue = self.app.services.catalogue
        table = self.query_one("#catalogue", DataTable)
        table.add_columns("Group", "Exercise", "Dose")
        for group, exercises in catalogue.by_group():
            for exercise in exercises:
                table.add_row(group.value, exercise.name, dose_summary(exercise), key=exercise.id)
        sets = self.query_one("#today-sets", DataTable)
        sets.add_columns("Exercise", "Side", "Set", "Done", "Load", "Pain")
        self.query_one("#today-title", Static).update(
            f"Today, {self.app.clock.today():%A %d %B %Y}"
        )
        self.action_refresh()
        table.focus()
        if catalogue.exercises:
            self.show_exercise(catalogue.exercises[0].id)

    def action_calendar(self) -> None:
        from trainer.ui.screens.calendar import CalendarScreen

        self.app.push_screen(CalendarScreen())

    def action_change_plan(self) -> None:
        from trainer.ui.screens.plan_form import PlanForm

        first_time = not self.app.services.has_plan()
        self.app.push_screen(PlanForm(first_time=first_time), lambda _: self.action_refresh())

    def _plan_line(self) -> str:
        services = self.app.services
        if not services.has_plan():
            return "No plan yet: press p to choose your training days."
        today = self.app.clock.today()
        coming = services.upcoming(today, 2)
        progress = services.adherence()
        week = progress.this_week
        parts = []
        if coming and coming[0].date == today:
            parts.append(f"Today is a training day ({len(coming[0].exercises)} exercises).")
        elif coming:
            parts.append(f"Rest day. Next training day: {coming[0].date:%A %d %B}.")
        if week is not None:
            weeks = "week" if progress.streak == 1 else "weeks"
            parts.append(
                f"This week {week.done} of {week.planned} sessions done; "
                f"streak {progress.streak} {weeks}."
            )
        missed = services.missed(days=7)
        if missed:
            parts.append("Missed: " + ", ".join(f"{d:%a %d %b}" for d in missed) + ".")
        return " ".join(parts)

    def action_refresh(self) -> None:
        logged = self.app.services.today_sets()
        table = self.query_one("#today-sets", DataTable)
        table.clear()
        for s in reversed(logged):  # oldest first reads like the session went
            table.add_row(*self._row(s), key=str(s.id))
        summary = (
            f"{len(logged)} sets logged today."
            if logged
            else "Nothing logged yet today. Log a set with `trainer log EXERCISE --side left --reps 12`."
        )
        self.query_one("#today-summary", Static).update(summary)
        self.query_one("#today-plan", Static).update(self._plan_line())

    def _row(self, s: LoggedSet) -> tuple[str, ...]:
        catalogue = self.app.services.catalogue
        # A set logged under another catalogue may name an exercise this one lacks.
        name = catalogue.get(s.exercise_id).name if s.exercise_id in catalogue else s.exercise_id
        done = f"{s.hold_s} s" if s.hold_s is not None else f"{s.reps} reps"
        pain = "" if s.pain is None else str(s.pain) + (" sharp" if s.sharp else "")
        return name, s.side.value, str(s.set_number), done, str(s.load), pain

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "catalogue" and event.row_key.value:
            self.show_exercise(event.row_key.value)

    def show_exercise(self, exercise_id: str) -> None:
        exercise = self.app.services.catalogue.get(exercise_id)
        self.query_one("#exercise-detail", Static).update(exercise_details(exercise))
