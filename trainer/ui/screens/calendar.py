"""A month at a glance: done, partly done, missed, planned, extra and rest days, with pain."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.reactive import reactive
from textual.widgets import Header, Static

from trainer.core.plan import CalendarDay, DayStatus
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.footer import TrainerFooter

MARKS = {
    DayStatus.DONE: "✔ done",
    DayStatus.PARTLY: "◐ partly",
    DayStatus.MISSED: "✘ missed",
    DayStatus.PLANNED: "○ planned",
    DayStatus.EXTRA: "+ extra",
    DayStatus.REST: "",
}


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def cell_text(day: CalendarDay, words: bool = True) -> str:
    """A day in two lines: its number and mark ("5 ○ planned"; the mark alone when the cell is
    narrow: the legend names it), then the worst pain of each side if any was recorded."""
    mark = MARKS[day.status] if words else MARKS[day.status][:1]
    lines = [f"[b]{day.date.day}[/b] {mark}".rstrip()]
    if day.pain is not None:
        left = "-" if day.pain_left is None else day.pain_left
        right = "-" if day.pain_right is None else day.pain_right
        lines.append(f"pain L{left} R{right}")
    return "\n".join(lines)


class CalendarScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("left,p", "previous_month", "Previous month", id="calendar-previous"),
        Binding("right,n", "next_month", "Next month", id="calendar-next"),
        Binding("t", "this_month", "This month", id="calendar-today"),
        Binding("escape,q", "app.pop_screen", "Back", id="calendar-back"),
    ]

    month_shown: reactive[tuple[int, int]] = reactive((2000, 1), init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="calendar"):
            yield Static(id="calendar-title")
            with Grid(id="calendar-grid"):
                for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
                    yield Static(f"[b]{name}[/b]", classes="calendar-head")
                for index in range(42):
                    yield Static("", id=f"cell-{index}", classes="calendar-cell")
            yield Static(
                "✔ done  ◐ partly done  ✘ missed  ○ planned  + extra day   pain L/R = worst 0-10",
                id="calendar-legend",
            )
        yield TrainerFooter()

    def on_mount(self) -> None:
        today = self.clock.today()
        self.month_shown = (today.year, today.month)

    def on_resize(self, event) -> None:
        self.watch_month_shown(self.month_shown)

    def watch_month_shown(self, shown: tuple[int, int]) -> None:
        if not self.is_mounted:
            return
        # Under 100 columns a cell is about ten wide: "28 ◐ partly" would be cut.
        words = self.size.width >= 100
        year, month = shown
        days = self.services.month(year, month)
        self.query_one("#calendar-title", Static).update(
            f"[b]{date(year, month, 1):%B %Y}[/b]"
        )
        offset = days[0].date.weekday()
        today = self.clock.today()
        for index in range(42):
            cell = self.query_one(f"#cell-{index}", Static)
            position = index - offset
            cell.remove_class(*(f"status-{s.value}" for s in DayStatus), "today", "blank")
            if 0 <= position < len(days):
                day = days[position]
                cell.update(cell_text(day, words))
                cell.add_class(f"status-{day.status.value}")
                if day.date == today:
                    cell.add_class("today")
            else:
                cell.update("")
                cell.add_class("blank")

    def action_previous_month(self) -> None:
        self.month_shown = shift_month(*self.month_shown, -1)

    def action_next_month(self) -> None:
        self.month_shown = shift_month(*self.month_shown, 1)

    def action_this_month(self) -> None:
        today = self.clock.today()
        self.month_shown = (today.year, today.month)
