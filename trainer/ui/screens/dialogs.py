"""Modal dialogs that answer with `dismiss`: a yes/no question, the morning check, the red-flag
checklist and the correction of a logged set.

Each is pushed with `app.push_screen(Dialog(...), callback)` (or `push_screen_wait` in a worker)
and returns a typed value. They read and write only through the services (`TrainerModalScreen`);
a value that fails the checks is shown inside the dialog as the `UserError` message and nothing
is written.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar, Literal, TypeVar, overload

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content, ContentText
from textual.geometry import Size
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from trainer.core.entry import morning_check, parse_day
from trainer.core.errors import EntryError, UserError
from trainer.core.model import DoseKind, LoggedSet, Side
from trainer.core.prescription import PhysioPrescription
from trainer.core.symptoms import ADVICE, CHECKLIST, Urgency, most_urgent
from trainer.ui.screens.base import TrainerModalScreen
from trainer.ui.widgets.choices import GlyphCheckbox
from trainer.ui.widgets.footer import TrainerFooter

SIDES = (Side.LEFT, Side.RIGHT)
QUESTION_WIDTH = 64  # the symptoms dialog is 80 wide: border, padding, scrollbar and the box
INDENT = " " * 4  # a wrapped question's next lines start under its first word


@overload
def read_number(field: Input, what: str, *, required: Literal[True]) -> int: ...


@overload
def read_number(field: Input, what: str, *, required: Literal[False]) -> int | None: ...


def read_number(field: Input, what: str, *, required: bool) -> int | None:
    """The whole number typed in `field`; None when empty and allowed; EntryError otherwise."""
    text = field.value.strip()
    if not text:
        if required:
            raise EntryError(f"give the {what} as a whole number")
        return None
    try:
        return int(text)
    except ValueError:
        raise EntryError(f"{what}: '{text}' is not a whole number") from None


def show_error(widget: Static, problem: UserError, refused: str = "Not saved") -> None:
    widget.update(f"[b]{refused}:[/b] {escape(str(problem))}")


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: True for yes (y, enter), False for no (n, escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(escape(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="primary", id="confirm-yes")
                yield Button("No (n)", id="confirm-no")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class MorningDialog(TrainerModalScreen[bool]):
    """Pain and muscle soreness of each side on waking after `training_day`, dated today.

    Returns True when both sides were saved, False when skipped (nothing written).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="morning-save"),
        Binding("escape", "skip", "Skip", id="morning-skip"),
    ]

    def __init__(self, training_day: date) -> None:
        super().__init__()
        self.training_day = training_day

    def compose(self) -> ComposeResult:
        day = self.training_day
        with Vertical(classes="dialog", id="morning-dialog"):
            yield Static(
                f"[b]How did each side feel on waking after your session on "
                f"{day:%A} {day.day} {day:%B}?[/b]",
                id="morning-question",
            )
            yield Static(
                "0 means none, 10 the worst you can imagine. Muscle soreness can be left empty.",
                classes="dialog-hint",
            )
            with Grid(id="morning-grid"):
                yield Label("")
                yield Label("Pain on waking")
                yield Label("Muscle soreness")
                for side in SIDES:
                    yield Label(side.value.capitalize())
                    yield Input("0", type="integer", max_length=3, id=f"morning-{side.value}-pain")
                    yield Input(
                        "0", type="integer", max_length=3, id=f"morning-{side.value}-soreness"
                    )
            yield Static("", id="morning-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="morning-save")
                yield Button("Skip (esc)", id="morning-skip")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one(f"#morning-{Side.LEFT.value}-pain", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "morning-save":
            self.action_save()
        else:
            self.action_skip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#morning-error", Static).update("")  # the mistake is being mended

    def action_skip(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        services = self.services
        today = self.clock.today()
        answers = []
        try:
            for side in SIDES:
                name = side.value.capitalize()
                try:
                    pain = read_number(
                        self.query_one(f"#morning-{side.value}-pain", Input),
                        "pain on waking",
                        required=True,
                    )
                    soreness = read_number(
                        self.query_one(f"#morning-{side.value}-soreness", Input),
                        "muscle soreness",
                        required=False,
                    )
                    # Check both sides before writing either, so a wrong value saves nothing.
                    morning_check(side, pain, soreness, on=today, today=today)
                except UserError as problem:
                    raise EntryError(f"{name}: {problem}") from None
                answers.append((side, pain, soreness))
            for side, pain, soreness in answers:
                services.record_morning(side, pain, soreness, on=today)
        except UserError as problem:
            show_error(self.query_one("#morning-error", Static), problem)
            return
        self.dismiss(True)


class QuestionCheckbox(GlyphCheckbox):
    """A checkbox (drawn [x] / [ ]) whose label keeps its line breaks (Textual's shows only the
    first line)."""

    def _make_label(self, label: ContentText) -> Content:
        return Content.from_text(label).rstrip()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.label.plain.count("\n") + 1


class SymptomsDialog(TrainerModalScreen[bool]):
    """The red-flag checklist. True once an answer is saved (none ticked: "none of these"),
    False for "not now" (nothing written). After an emergency answer the advice is shown and
    must be acknowledged before the dialog closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "none_of_these", "None of these", id="symptoms-none"),
        Binding("ctrl+s", "save", "Save ticked", id="symptoms-save"),
        Binding("escape", "not_now", "Ask later", id="symptoms-not-now"),
        Binding("enter", "understood", "I understand", id="symptoms-understood", priority=True),
        # The arrows move between the questions (not scroll the list under them).
        Binding("down", "app.focus_next", "Next question", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous question", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="symptoms-dialog"):
            with Vertical(id="symptoms-form"):
                yield Static("[b]A quick check for warning signs[/b]", id="symptoms-title")
                yield Static(
                    "These are rare. Tick any that you have now (space ticks, the arrows move); "
                    'if none of them applies, press n for "None of these".',
                    classes="dialog-hint",
                )
                for symptom in CHECKLIST:
                    yield QuestionCheckbox(
                        escape(
                            textwrap.fill(
                                symptom.question, QUESTION_WIDTH, subsequent_indent=INDENT
                            )
                        ),
                        compact=True,
                        id=f"symptom-{symptom.id}",
                    )
                yield Static("", id="symptoms-error", classes="dialog-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("None of these (n)", variant="primary", id="symptoms-none")
                    yield Button("Save the ticked ones (ctrl+s)", id="symptoms-save")
                    yield Button("Ask me later (esc)", id="symptoms-not-now")
            with Vertical(id="symptoms-advice-panel"):
                yield Static("", id="symptoms-advice")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("I understand (enter)", variant="error", id="symptoms-understood")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#symptoms-advice-panel").display = False
        self.query_one("#symptoms-save", Button).disabled = True  # until a box is ticked
        # Start at the top, so the questions are read before an answer is given.
        self.query_one(f"#symptom-{CHECKLIST[0].id}", Checkbox).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "understood":
            return self.saved
        if action == "none_of_these":
            return not self.saved and not self.ticked()
        if action == "save":
            return not self.saved and bool(self.ticked())
        if action == "not_now":
            return not self.saved
        return True

    def ticked(self) -> list[str]:
        return [
            symptom.id
            for symptom in CHECKLIST
            if self.query_one(f"#symptom-{symptom.id}", Checkbox).value
        ]

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        # "None of these" contradicts a ticked box: only Save is offered then.
        ticked = bool(self.ticked())
        self.query_one("#symptoms-none", Button).disabled = ticked
        self.query_one("#symptoms-save", Button).disabled = not ticked
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "symptoms-none":
            self.action_none_of_these()
        elif event.button.id == "symptoms-save":
            self.action_save()
        elif event.button.id == "symptoms-not-now":
            self.action_not_now()
        elif event.button.id == "symptoms-understood":
            self.action_understood()

    def action_not_now(self) -> None:
        self.dismiss(self.saved)

    def action_understood(self) -> None:
        self.dismiss(True)

    def action_none_of_these(self) -> None:
        if self.ticked():
            show_error(
                self.query_one("#symptoms-error", Static),
                EntryError("some boxes are ticked: untick them, or save the ticked ones"),
            )
            return
        self.action_save()

    def action_save(self) -> None:
        if self.saved:
            self.dismiss(True)
            return
        try:
            answers = self.services.record_symptoms(self.ticked())
        except UserError as problem:
            show_error(self.query_one("#symptoms-error", Static), problem)
            return
        self.saved = True
        self.refresh_bindings()
        urgency = most_urgent(answers)
        if urgency is Urgency.EMERGENCY:
            self.query_one("#symptoms-form").display = False
            self.query_one("#symptoms-advice-panel").display = True
            self.query_one("#symptoms-advice", Static).update(
                f"[b]Your answer is saved.[/b]\n\n{escape(ADVICE[Urgency.EMERGENCY])}"
            )
            self.query_one("#symptoms-understood", Button).focus()
            return
        if urgency is Urgency.GP_THIS_WEEK:
            self.app.notify(ADVICE[Urgency.GP_THIS_WEEK], severity="warning", timeout=15)
        else:
            self.app.notify("Saved: none of these.", timeout=3)
        self.dismiss(True)


_AMOUNT = {DoseKind.REPS: "Reps", DoseKind.STEPS: "Steps", DoseKind.HOLD: "Seconds held"}


class EditSetDialog(TrainerModalScreen[LoggedSet | None]):
    """Correct a logged set's reps (seconds for holds, steps for walks), pain and sharp pain.

    Returns the updated set, or None when left without saving.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="edit-set-save"),
        Binding("escape", "cancel", "Cancel", id="edit-set-cancel"),
    ]

    def __init__(self, logged: LoggedSet) -> None:
        super().__init__()
        self.logged = logged

    def _exercise_name(self) -> str:
        catalogue = self.services.catalogue
        if self.logged.exercise_id in catalogue:
            return catalogue.get(self.logged.exercise_id).name
        return self.logged.exercise_id

    def _amount_label(self) -> str:
        catalogue = self.services.catalogue
        if self.logged.exercise_id in catalogue:
            return _AMOUNT[catalogue.get(self.logged.exercise_id).dose]
        return "Seconds held" if self.logged.hold_s is not None else "Reps"

    def compose(self) -> ComposeResult:
        s = self.logged
        amount = s.hold_s if s.hold_s is not None else s.reps
        with Vertical(classes="dialog", id="edit-set-dialog"):
            yield Static(
                f"[b]Correct set {s.set_number} of {escape(self._exercise_name())}[/b], "
                f"{s.side.value} side, {s.date:%a} {s.date.day} {s.date:%b}",
                id="edit-set-title",
            )
            yield Label(self._amount_label())
            yield Input(
                "" if amount is None else str(amount),
                type="integer",
                max_length=4,
                id="edit-set-amount",
            )
            yield Label("Worst pain during the set, 0-10 (empty if you did not note it)")
            yield Input(
                "" if s.pain is None else str(s.pain),
                type="integer",
                max_length=3,
                id="edit-set-pain",
            )
            yield GlyphCheckbox("The pain was sharp", s.sharp, id="edit-set-sharp")
            yield Static("", id="edit-set-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="edit-set-save")
                yield Button("Cancel (esc)", id="edit-set-cancel")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#edit-set-amount", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit-set-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#edit-set-error", Static).update("")  # the mistake is being mended

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            amount = read_number(
                self.query_one("#edit-set-amount", Input),
                self._amount_label().lower(),
                required=True,
            )
            pain = read_number(self.query_one("#edit-set-pain", Input), "pain", required=False)
            sharp = self.query_one("#edit-set-sharp", Checkbox).value
            updated = self.services.edit_set(self.logged, amount, pain, sharp)
        except UserError as problem:
            show_error(self.query_one("#edit-set-error", Static), problem)
            return
        self.dismiss(updated)


Answer = TypeVar("Answer")  # what a one-field dialog returns when it is saved


class OneFieldDialog(TrainerModalScreen[Answer]):
    """A dialog that asks for one line of text and acts on it: a title, a hint, the field, a
    message line, Save/Cancel. Subclasses give the words and `accept(text)`, which raises
    UserError to show its message in the dialog; `ctrl+s` or Enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="one-field-save"),
        Binding("escape", "cancel", "Cancel", id="one-field-cancel"),
    ]
    NAME = "one-field"  # the ids of the dialog's parts start with it
    TITLE_TEXT = ""
    HINT = ""
    LABEL = ""
    SAVE = "Save"
    REFUSED = "Not saved"  # what a refused value's message starts with

    def initial(self) -> str:
        return ""

    def accept(self, text: str) -> None:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        name = self.NAME
        with Vertical(classes="dialog", id=f"{name}-dialog"):
            yield Static(f"[b]{self.TITLE_TEXT}[/b]", id=f"{name}-title", classes="dialog-title")
            yield Static(self.HINT, classes="dialog-hint")
            if self.LABEL:
                yield Label(self.LABEL)
            yield Input(self.initial(), id=f"{name}-field")
            yield Static("", id=f"{name}-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.SAVE} (ctrl+s)", variant="primary", id=f"{name}-save")
                yield Button("Cancel (esc)", id=f"{name}-cancel")
        yield TrainerFooter()

    @property
    def field(self) -> Input:
        return self.query_one(f"#{self.NAME}-field", Input)

    def message(self, text: str) -> None:
        self.query_one(f"#{self.NAME}-error", Static).update(text)

    def on_mount(self) -> None:
        self.field.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.NAME}-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.message("")  # the mistake is being mended

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            self.accept(self.field.value.strip())
        except UserError as problem:
            show_error(self.query_one(f"#{self.NAME}-error", Static), problem, self.REFUSED)


class ReportDialog(OneFieldDialog[str]):
    """Write the report for a physiotherapist to a file (HTML, opened in any browser).

    Returns the path written, or None when left without writing. The report reads the whole
    history, so it is written in a worker while the dialog says so.
    """

    NAME = "report"
    TITLE_TEXT = "A report for your physiotherapist"
    HINT = (
        "One page: your plan, levels, left/right balance, pain per side and every flag, with "
        "charts. It is written as HTML, which any browser opens and prints."
    )
    LABEL = "Write it to"
    SAVE = "Write"

    def initial(self) -> str:
        return f"~/trainer-report-{self.clock.today().isoformat()}.html"

    def accept(self, text: str) -> None:
        self.message("Writing the report...")
        self._write(text)

    @work(thread=True, exclusive=True, group="report")
    def _write(self, path: str) -> None:
        try:
            written = self.services.write_report(path or "?", "html")
        except UserError as problem:
            self.app.call_from_thread(
                show_error, self.query_one("#report-error", Static), problem
            )
            return
        self.app.call_from_thread(self.dismiss, str(written))


class VisitDialog(OneFieldDialog[date]):
    """Record that a doctor or physiotherapist saw the person (it lifts an emergency answer
    given on or before that day, 6.9.13). Returns the day recorded, or None."""

    NAME = "visit"
    TITLE_TEXT = "When did a doctor or physiotherapist see you about it?"
    HINT = (
        "A date (YYYY-MM-DD), today or yesterday. Only record a visit that happened: training "
        "starts again from it."
    )

    def initial(self) -> str:
        return "today"

    def accept(self, text: str) -> None:
        day = parse_day(text, self.clock.today())
        self.services.record_seen_professional(day)
        self.dismiss(day)


@dataclass(frozen=True)
class CheckedPrescription:
    """A prescription file that passed the checks: where it is and what it prescribes."""

    path: str
    prescription: PhysioPrescription


class PrescriptionFileDialog(OneFieldDialog[CheckedPrescription]):
    """Ask for a prescription file and check it; nothing is loaded here. A missing or wrong file
    is said in the dialog (file, line, exercise id and field), which stays open to mend the path.
    Returns the checked prescription, or None when left."""

    NAME = "prescription"
    TITLE_TEXT = "Load a prescription from your physiotherapist"
    HINT = (
        "The prescription.toml file your physiotherapist wrote. Its exercises replace the "
        "programme from today; you see what changes before anything is loaded."
    )
    LABEL = "The file"
    SAVE = "Check"
    REFUSED = "Not loaded"
    # The Footer says what ctrl+s does here, as the button does: it checks, it saves nothing.
    BINDINGS = [Binding("ctrl+s", "save", "Check", id="one-field-save")]

    def accept(self, text: str) -> None:
        if not text:
            raise EntryError("give the path of the prescription file, e.g. ~/prescription.toml")
        path = str(Path(text).expanduser())
        _text, prescription = self.services.check_prescription(path)
        self.dismiss(CheckedPrescription(path, prescription))


class PrescriptionChangesDialog(ConfirmDialog):
    """What loading a prescription changes, then "Load it? y/n": True to load (y, enter), False
    to leave everything as it is (n, escape). The list scrolls; the question stays in view."""

    def __init__(self, source: str, changes: list[str]) -> None:
        super().__init__("Load it? y/n")
        self.source = source
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prescription-changes-dialog"):
            yield Static(
                f"[b]What changes with {escape(self.source)}[/b]",
                id="prescription-changes-title",
                classes="dialog-title",
            )
            with VerticalScroll(id="prescription-changes-list"):
                yield Static(
                    "\n".join(f"- {escape(change)}" for change in self.changes),
                    id="prescription-changes",
                )
            yield Static(f"[b]{escape(self.question)}[/b]", id="prescription-changes-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes, load it (y)", variant="primary", id="confirm-yes")
                yield Button("No (n)", id="confirm-no")
        yield TrainerFooter()
