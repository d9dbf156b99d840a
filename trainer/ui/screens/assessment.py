"""The guided self-assessment: every test of the catalogue, each side in turn, one key per result.

The screen walks through `services.catalogue.assessments` (left side, then right side of each
test), shows how to do the test and what to record, and stores every result the moment it is
given through `services.record_assessment` (today's date). Yes-no tests are answered with `y` or
`n`; counts are typed; holds are timed with `t` (start, then stop and record) or typed. Pain of
6/10 or more stops the test: its other side is skipped. At the end the summary of the latest
assessment is shown. Dismisses True when it was finished, False when left early (escape); what
was recorded before leaving is kept either way.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Header, Input, Label, Static

from trainer.core.assessment import PAIN_STOP_MIN, AssessmentResult, AssessmentTest, TestKind
from trainer.core.errors import EntryError, UserError
from trainer.core.model import Side
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.entry import EntryField, OrderedEntry
from trainer.ui.widgets.footer import TrainerFooter
from trainer.ui.widgets.timer import SessionTimer, TimerMode, TimerState

SIDES = (Side.LEFT, Side.RIGHT)


class AssessmentScreen(OrderedEntry[bool], TrainerScreen[bool]):
    """The self-assessment, test by test and side by side. True when finished, False if left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="assess-yes"),
        Binding("n", "answer(False)", "No", id="assess-no"),
        Binding("t", "hold_timer", "Timer", id="assess-timer"),
        Binding("s", "skip", "Skip", id="assess-skip"),
        Binding("enter", "enter", "Record / done", id="assess-enter", show=False),
        Binding("escape", "leave", "Leave", id="assess-leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[tuple[AssessmentTest, Side]] = []
        self.position = 0
        self.recorded: list[tuple[AssessmentTest, AssessmentResult]] = []

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="assessment", can_focus=False):
            yield Static(id="assess-title")
            yield Static(id="assess-steps")
            with Vertical(id="assess-entry"):
                yield Static(id="assess-prompt")
                with Horizontal(id="assess-fields"):
                    yield Label("Count", id="assess-value-label")
                    yield EntryField(id="assess-value", type="integer", max_length=3)
                    yield Label("Pain 0-10")
                    yield EntryField(id="assess-pain", type="integer", max_length=2, value="0")
                # Its own timer state: opening the assessment never stops a session's timer.
                yield SessionTimer(scale=self.trainer_app.time_scale, state=TimerState(), id="assess-timer")
                yield Static(id="assess-message")
            yield Static(id="assess-done")
            yield Static(id="assess-summary")
        yield TrainerFooter()

    # -- keys, in the order they were typed (widgets/entry.py) ------------------------------
    ENTRY_FIELDS = ("assess-value", "assess-pain")

    def entry_open(self) -> bool:
        return not self.finished

    def entry_fields(self) -> tuple[str, ...]:
        current = self.current
        if current is not None and current[0].kind is TestKind.YES_NO:
            return ("assess-pain",)  # a yes-no test has no value to type
        return self.ENTRY_FIELDS

    def on_mount(self) -> None:
        self.query_one("#assessment").can_focus = False
        self.set_focus(None)
        tests = self.services.catalogue.assessments
        self.steps = [(test, side) for test in tests for side in SIDES]
        self._show_step()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key is offered only for the test at hand; once done, only leaving is."""
        current = self.current
        if action in ("answer", "hold_timer", "skip"):
            if current is None:
                return False
            kind = current[0].kind
            if action == "answer":
                return kind is TestKind.YES_NO
            if action == "hold_timer":
                return kind is TestKind.SECONDS
        return True

    # -- state --------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.position >= len(self.steps)

    @property
    def current(self) -> tuple[AssessmentTest, Side] | None:
        return None if self.finished else self.steps[self.position]

    def _show_step(self) -> None:
        self.refresh_bindings()
        if self.finished:
            self._show_summary()
            return
        test, side = self.steps[self.position]
        number = self.position // 2 + 1
        count = len(self.steps) // 2
        self.query_one("#assess-title", Static).update(
            f"[b]Self-assessment {number} of {count}: {escape(test.name)}[/b]  "
            f"([b]{side.value.upper()}[/b] side)"
        )
        lines = [f"{n}. {escape(step)}" for n, step in enumerate(test.steps, start=1)]
        if test.cautions:
            lines += ["", "[b]Take care[/b]", *[f"- {escape(c)}" for c in test.cautions]]
        self.query_one("#assess-steps", Static).update("\n".join(lines))
        value = self.query_one("#assess-value", Input)
        label = self.query_one("#assess-value-label", Label)
        yes_no = test.kind is TestKind.YES_NO
        value.display = label.display = not yes_no
        value.value = ""
        self.query_one("#assess-pain", Input).value = "0"
        if test.kind is TestKind.YES_NO:
            prompt = (
                f"Record for the [b]{side.value}[/b] side: does the sign show? "
                "y: yes, n: no (set the pain first if it hurt)."
            )
        elif test.kind is TestKind.COUNT:
            label.update(test.unit.capitalize() or "Count")
            prompt = (
                f"Record for the [b]{side.value}[/b] side: the number of {escape(test.unit or 'repetitions')} "
                f"(up to {test.max_value}), then Enter."
            )
        else:
            label.update("Seconds")
            prompt = (
                f"Record for the [b]{side.value}[/b] side: the seconds held (up to {test.max_value}). "
                f"t: start the timer, t again: stop and record; or type the seconds and Enter."
            )
        self.query_one("#assess-prompt", Static).update(prompt + "  s: skip this side.")
        self.activate("assess-pain" if yes_no else "assess-value")

    def _show_done(self) -> None:
        rows = []
        for test, result in self.recorded:
            if test.kind is TestKind.YES_NO:
                shown = "yes" if result.value else "no"
            else:
                shown = f"{result.value} {test.unit}".strip()
            pain = f", pain {result.pain}" if result.pain else ""
            rows.append(f"{escape(test.name)}, {result.side.value}: {shown}{pain}")
        self.query_one("#assess-done", Static).update(
            "[b]Recorded today[/b]\n" + "\n".join(rows) if rows else ""
        )

    def _show_summary(self) -> None:
        timer = self.query_one(SessionTimer)
        timer.stop()
        self.set_focus(None)
        self.query_one("#assess-entry").display = False
        self.query_one("#assess-steps").display = False
        self.query_one("#assess-title", Static).update("[b]Self-assessment done[/b]")
        summary = self.services.assessment()
        lines = [escape(summary.summary), ""]
        for o in summary.outcomes:
            if o.left is None and o.right is None:
                continue
            lsi = f", symmetry {o.lsi:.0f}%" if o.lsi is not None else ""
            weaker = f", weaker: {o.weaker.value}" if o.weaker else ""
            lines.append(
                f"  {escape(o.test.name)}: left {o.value_text(Side.LEFT)}, "
                f"right {o.value_text(Side.RIGHT)}{lsi}{weaker}"
            )
        lines.append("")
        if summary.gluteus_medius_first:
            lines.append("The pelvis drops on one leg: gluteus medius work comes first.")
        if summary.mobility_first:
            lines.append("A hip flexor is tight: mobility (stretching) comes first.")
        if summary.referral:
            lines.append(f"[b]{escape(summary.referral)}[/b]")
        lines += ["", "Enter: done. Repeat the assessment in four weeks to see the change."]
        self.query_one("#assess-summary", Static).update("\n".join(lines))

    def _message(self, text: str) -> None:
        self.query_one("#assess-message", Static).update(text)

    def _advance(self, by: int, message: str = "") -> None:
        self.query_one(SessionTimer).stop()
        self.position = min(len(self.steps), self.position + by)
        self._show_step()
        if not self.finished:
            self._message(message)
        elif message:
            self.notify(message, timeout=6)

    # -- recording ----------------------------------------------------------------------------
    def _record(self, test: AssessmentTest, side: Side, value: str | int) -> None:
        pain_text = self.query_one("#assess-pain", Input).value.strip()
        try:
            try:
                pain = int(pain_text) if pain_text else 0
            except ValueError:
                raise EntryError(f"pain: '{pain_text}' is not a whole number") from None
            result = self.services.record_assessment(test.id, side, value, pain=pain)
        except UserError as problem:
            self._message(f"[b]Not recorded:[/b] {escape(str(problem))}")
            return
        self.recorded.append((test, result))
        self._show_done()
        if (result.pain or 0) >= PAIN_STOP_MIN:
            # Stop this test: the other side (if still to come) is skipped.
            skip = 2 if side is Side.LEFT else 1
            self._advance(
                skip,
                f"[b]Pain of {result.pain}/10: stop this test now.[/b] The result is recorded; "
                "please see a physiotherapist or GP before repeating it. On to the next test.",
            )
            return
        self._advance(1, f"Recorded {escape(test.name)}, {side.value}.")

    # -- actions ------------------------------------------------------------------------------
    def action_enter(self) -> None:
        current = self.current
        if current is None:  # every test is done
            self.dismiss(True)
            return
        test, side = current
        if test.kind is TestKind.YES_NO:
            self._message("Answer with y (yes, the sign shows) or n (no).")
            return
        timer = self.query_one(SessionTimer)
        if timer.mode is TimerMode.HOLD:
            self._record(test, side, min(timer.stop(), test.max_value))
            return
        typed = self.query_one("#assess-value", Input).value.strip()
        if not typed:
            self._message(f"Type the {'seconds' if test.kind is TestKind.SECONDS else test.unit or 'count'} first.")
            return
        self._record(test, side, typed)

    def action_answer(self, yes: bool) -> None:
        current = self.current
        if current is None:  # every test is done
            return
        test, side = current
        if test.kind is not TestKind.YES_NO:
            self._message("y and n answer the yes-no tests; type the number here and press Enter.")
            return
        self._record(test, side, "yes" if yes else "no")

    def action_hold_timer(self) -> None:
        current = self.current
        if current is None:  # every test is done
            return
        test, side = current
        if test.kind is not TestKind.SECONDS:
            self._message("The timer is for the timed holds.")
            return
        timer = self.query_one(SessionTimer)
        if timer.mode is TimerMode.HOLD:
            held = min(timer.stop(), test.max_value)
            self.query_one("#assess-value", Input).value = str(held)
            self._record(test, side, held)
            return
        timer.start_hold(test.max_value)
        self._message("Timing... press t to stop; the seconds held are recorded.")

    def on_session_timer_reached(self, event: SessionTimer.Reached) -> None:
        event.stop()
        self._message("The most this test records is reached: press t to record it.")

    def action_skip(self) -> None:
        current = self.current
        if current is None:  # every test is done
            return
        test, side = current
        self._advance(1, f"Skipped {escape(test.name)}, {side.value}.")

    def action_leave(self) -> None:
        self.query_one(SessionTimer).stop()
        self.dismiss(self.finished)
