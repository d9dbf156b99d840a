"""The first screen: today's session in the programme's order, with the engine's decision per side.

Each row is an exercise: what to do on each side today, how many sets are done, and the decision
with its reason in the panel beside it. A REFER or URGENT decision stands as a banner until the
person acknowledges it; URGENT also keeps a session from starting until then. On a rest day the
screen says so and offers an extra session.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import DataTable, Header, Static

from trainer.core.errors import UserError
from trainer.core.model import LoggedSet, Side, SymptomAnswers
from trainer.core.prescription import note_lines, prescription_changes, programme_text, review_text
from trainer.core.progression import Referral, ReferralLevel
from trainer.core.session import SessionItem
from trainer.core.symptoms import BLOCKED_NOW
from trainer.core.wording import column_prescription_text, decision_text, decision_word, exercise_reasons
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from trainer.services import TodayView
    from trainer.ui.screens.dialogs import CheckedPrescription

# A referral as acknowledged: the same referral again on a refresh stays acknowledged.
ReferralKey = tuple[ReferralLevel, Side | None, str | None, str]


def table_rows(item: SessionItem) -> list[tuple[str, str, str, str]]:
    """The session table's rows of one exercise: (side, dose, done, decision) for each side, the
    side to do first first; one row for an exercise done with both sides at once."""
    queue = item.queue
    together = bool(queue) and queue[0].side is Side.BOTH
    rows: list[tuple[str, str, str, str]] = []
    for decision in item.decisions[:1] if together else item.decisions:
        side = Side.BOTH if together else decision.side
        planned = sum(1 for p in queue if p.side is side)
        done = sum(1 for s in item.logged if s.side is side)
        rows.append(
            (
                "both" if together else side.value,
                column_prescription_text(decision.prescription),
                f"{done}/{planned}" if planned else "-",
                decision_word(decision),
            )
        )
    if item.stopped and rows:
        side_text, dose, done_text, word = rows[-1]
        rows[-1] = (side_text, dose, f"{done_text} stop", word)
    return rows


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def item_details(item: SessionItem, why: bool = False) -> str:
    """The panel beside the table: the decision per side with its leading reason (every reason
    with `why`), and last time."""
    lines = [f"[b]{escape(item.exercise.name)}[/b]"]
    # The physiotherapist's word first: on a small screen the panel's end is below the fold.
    lines += [f"[b]{escape(line)}[/b]" for line in note_lines(item.note, item.pain_limit)]
    for decision in item.decisions:
        flags = f" ({'; '.join(f.words for f in decision.flags)})" if decision.flags else ""
        # The dose before and after in the words `suggest` and the report use (issue 15.1).
        lines.append(
            f"\n[b]{decision.side.value}[/b]: {escape(decision_text(decision, item.exercise))}{flags}"
        )
        reasons = exercise_reasons(decision)
        lines += [f" - {escape(r.text)}" for r in (reasons if why else reasons[:1])]
        if not why and len(reasons) > 1:
            lines.append(f" ({len(reasons) - 1} more: w shows why)")
    queue = item.queue
    if len(item.decisions) > 1 and queue and queue[0].side is not Side.BOTH:
        lines.append(f"\nStart with {item.decisions[0].side.phrase}.")
    for side, text in item.last_time:
        lines.append(f"Last time, {side.value}: {escape(text)}")
    return "\n".join(lines)


class TodayScreen(TrainerScreen[None]):
    # `check_action` offers a key only while it can act (no Finish before a set is logged, no
    # Extra session on a training day); the others are in the `?` help and the palette.
    BINDINGS = [
        Binding("n", "start_session", "Start", id="start-session"),
        Binding("enter", "open_exercise", "Open", id="open-exercise", show=False),
        Binding("f", "finish_session", "Finish", id="finish-session"),
        Binding("x", "extra_session", "Extra session", id="extra-session"),
        Binding("a", "acknowledge", "Acknowledge", id="acknowledge"),
        # While an emergency answer stops training (6.9.13): the two ways to lift it.
        Binding("s", "seen_professional", "Seen", id="seen-professional"),
        Binding("m", "answer_mistaken", "Mistake", id="answer-mistaken"),
        Binding("d", "delete_set", "Delete set", id="delete-set", show=False),
        Binding("e", "edit_set", "Edit set", id="edit-set", show=False),
        Binding("w", "toggle_why", "Why", id="why"),
        Binding("c", "calendar", "Calendar", id="calendar"),
        Binding("h", "app.history", "History", id="today-history"),
        Binding("p", "change_plan", "Plan", id="plan", show=False),
        Binding("l", "load_prescription", "Load a prescription", id="load-prescription", show=False),
        Binding("r", "reload", "Refresh", id="refresh", show=False),
    ]
    HELP_NOTES = (
        "n starts today's session at the first exercise not yet done; Enter opens the exercise "
        "under the cursor. d and e delete or correct the set selected in the list of today's sets."
    )

    def __init__(self) -> None:
        super().__init__()
        self.extra = False
        self.items: tuple[SessionItem, ...] = ()
        self.acknowledged: set[ReferralKey] = set()
        self.view: TodayView | None = None  # read on mount, before any key can act
        self.today_logged: list[LoggedSet] = []
        self.row_items: list[int] = []  # the session table's rows: the index of their item
        self.block: SymptomAnswers | None = None  # the emergency answer that stops training
        self.why = False  # the detail panel shows every reason, not only the leading one

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None:
            return True
        finished = view.session is not None and view.session.status == "done"
        if action in ("seen_professional", "answer_mistaken"):
            return self.block is not None
        blocked_actions = ("start_session", "open_exercise", "extra_session", "toggle_why")
        if self.block is not None and action in blocked_actions:
            return False  # no exercise until the emergency answer is lifted
        if action in ("start_session", "open_exercise", "toggle_why"):
            return bool(self.items)
        if action == "finish_session":
            return bool(self.today_logged) and not finished
        if action == "extra_session":
            return not self.items
        if action == "acknowledge":
            return bool(self._waiting())
        if action in ("delete_set", "edit_set"):
            return bool(self.today_logged)
        return True

    def _waiting(self) -> list[Referral]:
        """Referrals not yet acknowledged; the emergency one is the block's banner instead."""
        if self.view is None:
            return []
        return [
            r for r in self.view.referrals
            if self._key(r) not in self.acknowledged and r.level is not ReferralLevel.EMERGENCY
        ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-banner")
            yield Static(id="today-title")
            yield Static(id="today-plan")
            with Horizontal(id="today-body"):
                yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="detail-pane"):
                    yield Static(id="exercise-detail")
            yield Static(id="today-summary")
            yield DataTable(id="today-sets", cursor_type="row")
        yield TrainerFooter()

    def on_mount(self) -> None:
        table = self.query_one("#session-table", DataTable)
        self.query_one("#today-sets", DataTable).add_columns(
            "Exercise", "Side", "Set", "Done", "Load", "Pain"
        )
        self.action_refresh()
        self._shown_since_mount = False
        table.focus()

    def on_screen_resume(self) -> None:
        # The first resume follows the mount, which has just read everything.
        if not getattr(self, "_shown_since_mount", True):
            self._shown_since_mount = True
            return
        # Back from an exercise, the calendar or a dialog: show what changed.
        self.action_refresh()

    # -- reading ------------------------------------------------------------------------------
    def action_reload(self) -> None:
        """Read everything afresh, including what another terminal logged meanwhile."""
        self.services.data_changed()
        self.action_refresh()

    def action_refresh(self) -> None:
        services = self.services
        view = services.today_view(extra=self.extra)
        self.view = view
        self.block = services.training_block()
        self.items = view.items
        self.query_one("#today-title", Static).update(
            f"[b]Today, {view.date:%A %d %B %Y}[/b]"
        )
        self._show_banner()
        self._show_plan_line(view)
        self._show_table()
        self._show_sets()
        self.refresh_bindings()

    def _show_banner(self) -> None:
        banner = self.query_one("#today-banner", Static)
        waiting = self._waiting()
        banner.set_class(bool(waiting) or self.block is not None, "visible")
        banner.set_class(self.block is not None, "urgent")
        if self.block is not None:
            block = self.block
            banner.update(
                f"[b]URGENT[/b]: {escape(BLOCKED_NOW)}\n"
                f"It stands since your answer of {block.date:%A} {block.date.day} {block.date:%B}. "
                "Press s once a doctor or physiotherapist has seen you, or m if you ticked it by "
                "mistake. Answering the checklist again does not lift it."
            )
            return
        if not waiting:
            banner.update("")
            return
        labels = {
            ReferralLevel.EMERGENCY: "URGENT",
            ReferralLevel.GP_THIS_WEEK: "See your GP this week",
            ReferralLevel.ROUTINE: "See a professional",
        }
        lines = []
        for referral in waiting:
            where = ", ".join(
                part for part in (referral.side.value if referral.side else None, referral.exercise) if part
            )
            lines.append(
                f"[b]{labels[referral.level]}[/b]{f' ({where})' if where else ''}: {escape(referral.reason)}"
            )
        lines.append("Press a to acknowledge.")
        banner.update("\n".join(lines))

    @staticmethod
    def _key(referral: Referral) -> ReferralKey:
        return (referral.level, referral.side, referral.exercise, referral.rule)

    def _show_plan_line(self, view: TodayView) -> None:
        services = self.services
        parts = []
        if not view.has_plan:
            parts.append("No plan yet: press p to choose your training days.")
        elif view.planned:
            parts.append(f"Today is a training day: {len(view.items)} exercises.")
        elif view.items:
            parts.append("Extra session today (a rest day in your plan).")
        else:
            nxt = f" Next training day: {view.next_training_day:%A %d %B}." if view.next_training_day else ""
            parts.append(f"Rest day.{nxt} Press x for an extra session.")
        if view.has_plan:
            progress = services.adherence()
            week = progress.this_week
            if week is not None and week.planned:
                weeks = "week" if progress.streak == 1 else "weeks"
                parts.append(
                    f"This week {week.done} of {week.planned} sessions done; streak {progress.streak} {weeks}."
                )
            elif week is not None:
                # A plan that starts late in the week plans nothing for it: no "1 of 0".
                parts.append("No session was planned for the rest of this week.")
            missed = services.missed(days=7)
            if missed:
                parts.append("Missed: " + ", ".join(f"{d:%a %d %b}" for d in missed) + ".")
        if view.prescription is not None:
            parts.append(escape(programme_text(view.prescription)))
            review = review_text(view.prescription, view.date)
            if review:
                parts.append(f"[b]{escape(review)}[/b]")
        if services.catalogue.assessments and services.assessment_due():
            parts.append(
                "Self-assessment due (every 4 weeks): press v to find your weaker side."
            )
        if view.session is not None and view.session.status == "in_progress":
            # While training is stopped, n opens nothing: only finishing is offered.
            parts.append(
                "Session in progress: f finishes it."
                if self.block is not None
                else "Session in progress: n continues, f finishes."
            )
        elif view.session is not None and view.session.status == "done":
            parts.append("Session finished.")
        self.query_one("#today-plan", Static).update(" ".join(parts))

    def _show_table(self) -> None:
        table = self.query_one("#session-table", DataTable)
        keep = self.row_items[table.cursor_row] if 0 <= table.cursor_row < len(self.row_items) else 0
        table.clear(columns=True)
        rows = [(item, table_rows(item)) for item in self.items]
        cells = [row for _, item_rows in rows for row in item_rows]
        # The side, dose, done and decision columns are as wide as what they hold; the exercise
        # name takes what the width leaves (one cell of padding either side of each column,
        # and room for the scrollbar), shortened with an ellipsis when it must be.
        widths = [max((len(row[i]) for row in cells), default=4) for i in range(4)]
        widths = [max(w, len(title)) for w, title in zip(widths, ("Side", "Today", "Done", "Decision"), strict=True)]
        name_w = max(10, (table.size.width or self.size.width) - sum(widths) - 2 * 5 - 2)
        longest = max((len(i.exercise.name) for i in self.items), default=8)
        table.add_column("Exercise", width=min(name_w, max(longest, 8)))
        for title, width in zip(("Side", "Today", "Done", "Decision"), widths, strict=True):
            table.add_column(title, width=width)
        self.row_items = []
        for index, item in enumerate(self.items):
            for number, (side, dose, done, decision) in enumerate(rows[index][1]):
                name = shorten(item.exercise.name, name_w) if number == 0 else ""
                table.add_row(name, side, dose, done, decision, key=f"{item.exercise.id}:{side}")
                self.row_items.append(index)
        if self.items:
            first_row = self.row_items.index(min(keep, len(self.items) - 1))
            table.move_cursor(row=first_row)
            self._show_detail(first_row)
        else:
            self.query_one("#exercise-detail", Static).update("")

    def on_resize(self, event) -> None:
        # The exercise column takes the width the terminal gives: lay the table out again.
        if self.view is not None:
            self.call_after_refresh(self._show_table)

    def _show_detail(self, row: int) -> None:
        if 0 <= row < len(self.row_items):
            self.query_one("#exercise-detail", Static).update(
                item_details(self.items[self.row_items[row]], self.why)
            )

    def action_toggle_why(self) -> None:
        """Every reason behind the selected exercise's decisions, or only the leading one."""
        self.why = not self.why
        self._show_detail(self.query_one("#session-table", DataTable).cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "session-table":
            self._show_detail(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "session-table" and 0 <= event.cursor_row < len(self.row_items):
            self._open(self.row_items[event.cursor_row])

    def _show_sets(self) -> None:
        logged = self.services.today_sets()
        self.today_logged = list(reversed(logged))  # oldest first reads like the session went
        table = self.query_one("#today-sets", DataTable)
        table.clear()
        for s in self.today_logged:
            table.add_row(*self._row(s), key=str(s.id))
        self.query_one("#today-summary", Static).update(
            f"{len(logged)} {'set' if len(logged) == 1 else 'sets'} logged today "
            "(d: delete, e: edit the selected one)."
            if logged
            else "No sets logged yet today."
        )

    def _row(self, s: LoggedSet) -> tuple[str, ...]:
        catalogue = self.services.catalogue
        # A set logged under another catalogue may name an exercise this one lacks.
        name = catalogue.get(s.exercise_id).name if s.exercise_id in catalogue else s.exercise_id
        done = f"{s.hold_s} s" if s.hold_s is not None else f"{s.reps} reps"
        pain = "" if s.pain is None else str(s.pain) + (" sharp" if s.sharp else "")
        return name, s.side.label, str(s.set_number), done, str(s.load), pain

    # -- acting -------------------------------------------------------------------------------
    def _blocked(self) -> bool:
        if self.block is not None:
            self.notify(
                "Training is stopped until you record a visit (s) or mark the answer as a "
                "mistake (m).",
                severity="error",
            )
            return True
        return False

    def action_seen_professional(self) -> None:
        from trainer.ui.screens.dialogs import VisitDialog

        def recorded(day: date | None) -> None:
            if day is not None:
                self.notify(f"Visit of {day:%A} {day.day} {day:%B} recorded.", timeout=5)
                self.action_refresh()

        self.app.push_screen(VisitDialog(), recorded)

    def action_answer_mistaken(self) -> None:
        from trainer.ui.screens.dialogs import ConfirmDialog

        block = self.block
        if block is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.services.mark_symptoms_mistaken()
                self.notify("Marked as a mistake: that answer no longer counts.", timeout=5)
                self.action_refresh()

        self.app.push_screen(
            ConfirmDialog(
                f"Mark your checklist answer of {block.date:%A} {block.date.day} {block.date:%B} "
                "as a mistake? It will no longer count and training can go on. Only do this if "
                "you ticked a box by accident."
            ),
            answered,
        )

    def action_acknowledge(self) -> None:
        if self.view is None:
            return
        self.acknowledged |= {self._key(r) for r in self.view.referrals}
        self._show_banner()
        self.refresh_bindings()

    def action_start_session(self) -> None:
        if self._blocked():
            return
        if not self.items:
            self.notify("Rest day: press x for an extra session.")
            return
        session = self.view.session if self.view is not None else None
        if session is not None and session.status == "done":
            # A finished session is never reopened silently: more sets today are asked for.
            from trainer.ui.screens.dialogs import ConfirmDialog

            def reopen(yes: bool | None) -> None:
                if yes:
                    self._start()

            self.app.push_screen(
                ConfirmDialog(
                    "Today's session is finished. Start an extra session? Its sets are added "
                    "to today's."
                ),
                reopen,
            )
            return
        self._start()

    def _start(self) -> None:
        self.services.start_session()
        pending = next((i for i, item in enumerate(self.items) if not item.complete and not item.stopped), None)
        self._open(pending if pending is not None else 0)

    def action_open_exercise(self) -> None:
        row = self.query_one("#session-table", DataTable).cursor_row
        if 0 <= row < len(self.row_items):
            self._open(self.row_items[row])

    def _open(self, row: int) -> None:
        if self._blocked() or not (0 <= row < len(self.items)):
            return
        from trainer.ui.screens.exercise import ExerciseScreen

        self.app.push_screen(ExerciseScreen(row))

    def action_extra_session(self) -> None:
        self.extra = True
        self.action_refresh()

    def action_finish_session(self) -> None:
        if not self.services.today_sets():
            self.notify("Nothing logged today yet.")
            return
        summary = self.services.finish_session()
        from trainer.ui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(summary))

    def _selected_set(self) -> LoggedSet | None:
        table = self.query_one("#today-sets", DataTable)
        if not self.today_logged or table.cursor_row < 0:
            return None
        return self.today_logged[min(table.cursor_row, len(self.today_logged) - 1)]

    def action_delete_set(self) -> None:
        chosen = self._selected_set()
        if chosen is None:
            return
        from trainer.ui.screens.dialogs import ConfirmDialog

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.services.delete_set(chosen.id)
                self.action_refresh()

        name = self._row(chosen)[0]
        self.app.push_screen(
            ConfirmDialog(f"Delete {name}, {chosen.side.label}, set {chosen.set_number}?"), done
        )

    def action_edit_set(self) -> None:
        chosen = self._selected_set()
        if chosen is None:
            return
        from trainer.ui.screens.dialogs import EditSetDialog

        self.app.push_screen(EditSetDialog(chosen), lambda _: self.action_refresh())

    def action_calendar(self) -> None:
        from trainer.ui.screens.calendar import CalendarScreen

        self.app.push_screen(CalendarScreen())

    def action_change_plan(self) -> None:
        from trainer.ui.screens.plan_form import PlanForm, plan_saved_words

        first_time = not self.services.has_plan()

        def saved(plan) -> None:
            if plan is not None:
                self.notify(plan_saved_words(plan, first_time), timeout=5)
            self.action_refresh()

        self.app.push_screen(PlanForm(first_time=first_time), saved)

    def action_load_prescription(self) -> None:
        """Ask for a prescription file, show what it changes, and load it from today on yes."""
        from trainer.ui.screens.dialogs import PrescriptionChangesDialog, PrescriptionFileDialog

        def checked(found: CheckedPrescription | None) -> None:
            if found is None:
                return
            in_force = self.services.prescription_in_force()
            changes = prescription_changes(
                in_force.prescription if in_force else None, found.prescription, self.services.catalogue
            )
            if not changes:
                changes = ["Nothing: it is the prescription in force. Loaded again, it counts from today."]

            def answered(yes: bool | None) -> None:
                if yes:
                    self._load_prescription(found)

            self.app.push_screen(PrescriptionChangesDialog(found.path, changes), answered)

        self.app.push_screen(PrescriptionFileDialog(), checked)

    def _load_prescription(self, found: CheckedPrescription) -> None:
        try:
            # The file is read again to load it: if it changed since the changes were shown,
            # the person has not seen what they would load.
            _text, now = self.services.check_prescription(found.path)
            if now != found.prescription:
                self.notify(
                    f"{found.path} changed after it was checked; nothing is loaded. Load it again "
                    "to see what it changes.",
                    severity="error",
                    timeout=10,
                )
                return
            loaded = self.services.load_prescription(found.path)
        except UserError as problem:
            self.notify(f"Not loaded: {problem}", severity="error", timeout=10)
            return
        rx = loaded.prescription
        count = len(rx.exercises)
        self.notify(
            f"Loaded the prescription from {rx.written_by}: {count} exercise{'s' if count != 1 else ''}, "
            "from today.",
            timeout=8,
        )
        self.action_refresh()
