"""The exercise screen: how to do it, the sets to do per side, and logging them one key at a time.

The entry is pre-filled with the engine's prescription, so Enter logs a set as prescribed; digits
change the reps (or seconds) and the pain; `[` and `]` change the load; `s` marks sharp pain. Every
set is committed the moment it is logged. The screen adds no rules of its own: what to do comes
from the engine (through the services), when to stop from core.session.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Header, Input, Label, Static

from trainer.core.errors import UserError
from trainer.core.model import BODYWEIGHT, Load, LoadKind, LoggedSet, Side
from trainer.core.prescription import note_lines
from trainer.core.progression import Prescription
from trainer.core.session import PAIN_STOP_MIN, PlannedSet, SessionItem, easier_variation, stop_advised
from trainer.core.wording import SKIPPED_WORDS, decision_text, exercise_reasons, set_prescription_text
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.entry import EntryField, OrderedEntry
from trainer.ui.widgets.footer import TrainerFooter
from trainer.ui.widgets.timer import SessionTimer, TimerMode

REFUSED = "[b]Not logged:[/b]"  # how a refused set starts its message


class ExerciseScreen(OrderedEntry[None], TrainerScreen[None]):
    """One exercise of today's session. `index` is its place in the today view's items."""

    # Short descriptions: the Footer has to hold the shown ones at 80 columns. Every key, shown
    # or not, is in the `?` help with HELP_NOTES; `check_action` hides a key while it cannot act.
    BINDINGS = [
        Binding("enter", "log_set", "Log set", id="log-set"),
        Binding("s", "toggle_sharp", "Sharp", id="sharp"),
        Binding("t", "hold_timer", "Timer", id="hold-timer"),
        Binding("space", "skip_rest", "Skip rest", id="skip-rest"),
        Binding("left_square_bracket", "load(-1)", "Lighter", id="lighter", show=False),
        Binding("right_square_bracket", "load(1)", "Heavier", id="heavier", show=False),
        Binding("e", "easier", "Easier", id="easier"),
        Binding("o", "pain_choice(True)", "Other side on", id="other-side"),
        Binding("x", "pain_choice(False)", "Stop both", id="stop-both"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("n", "next_exercise", "Next", id="next-exercise"),
        Binding("b", "previous_exercise", "Back", id="previous-exercise", show=False),
        Binding("p", "pause", "Pause", id="pause", show=False),
        Binding("escape", "app.pop_screen", "Today", id="to-today"),
    ]
    HELP_NOTES = (
        "Enter logs the set as shown. To log something else, type the reps (or seconds) first; "
        "Tab moves to the pain field and Shift+Tab back. Every set starts with an empty pain "
        "field; the hint in it is last time's pain on that side."
    )

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self._item: SessionItem | None = None  # read on mount (`reload`)
        self.current: PlannedSet | None = None
        self.override: Prescription | None = None  # the easier variation, once chosen
        self.sharp = False
        self.load: Load = BODYWEIGHT
        self.paused = False
        self.items: tuple[SessionItem, ...] = ()
        self._pending_easier: Prescription | None = None  # offered after sharp or red pain
        self._refused = False  # the message shows a refused set
        self.field = "amount"  # the entry field that digits go to (OrderedEntry)

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="exercise"):
            # The set entry right under the title, so it is on screen at 80x24 whatever the
            # reasons say; the plan and today's sets scroll in the height left.
            with Vertical(id="exercise-main"):
                yield Static(id="exercise-title")
                with Vertical(id="set-entry"):
                    yield Static(id="set-heading")
                    with Horizontal(id="set-fields"):
                        yield Label("Reps", id="amount-label")
                        yield EntryField(id="amount", type="integer", max_length=3)
                        yield Label("Pain 0-10")
                        yield EntryField(id="pain", type="integer", max_length=2)
                    yield Static(id="set-load")
                    yield SessionTimer(
                        scale=self.trainer_app.time_scale, state=self.trainer_app.timer_state, id="timer"
                    )
                    yield Static(id="set-message")
                with VerticalScroll(id="exercise-info"):
                    yield Static(id="exercise-plan")
                    yield Static(id="exercise-sets")
            with VerticalScroll(id="exercise-howto", can_focus=False):
                yield Static(id="howto")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#exercise-info").can_focus = False
        self.set_focus(None)
        self.reload()

    # -- keys, in the order they were typed (widgets/entry.py) ------------------------------
    ENTRY_FIELDS = ("amount", "pain")

    def entry_open(self) -> bool:
        return self.current is not None and self.prescription is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only keys that can act now are offered (and run)."""
        if self._item is None:
            return True
        rx = self.prescription
        if action in ("log_set", "toggle_sharp"):
            return rx is not None
        if action == "hold_timer":
            return rx is not None and rx.hold_s is not None
        if action == "skip_rest":
            return self._timer_mode() is TimerMode.REST
        if action == "load":
            return rx is not None and len(self._load_choices()) > 1
        if action == "easier":
            return self._pending_easier is not None
        if action == "pain_choice":
            return self.item.pain_choice_pending
        if action == "undo":
            return bool(self.item.logged)
        if action == "next_exercise":
            return self.index + 1 < len(self.items)
        if action == "previous_exercise":
            return self.index > 0
        return True

    def _timer_mode(self) -> TimerMode:
        timers = self.query(SessionTimer)
        return timers.first().mode if timers else TimerMode.IDLE

    def on_session_timer_rest_over(self, event: SessionTimer.RestOver) -> None:
        self.refresh_bindings()

    # -- state --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the exercise's state afresh (after every set, undo or screen change)."""
        view = self.services.today_view(extra=True)
        self.items = view.items
        if not self.items:
            self.app.pop_screen()
            return
        self.index = max(0, min(self.index, len(self.items) - 1))
        self._item = self.items[self.index]
        self.query_one(SessionTimer).belong_to(self.item.exercise.id)
        # After sharp or red pain the exercise is over for today, unless the person chose the
        # easier variation for the remaining sets.
        self.current = None if self.item.stopped and self.override is None else self.item.next
        self._show_exercise()
        self._fill_entry()
        self._show_sets()
        self.refresh_bindings()

    @property
    def item(self) -> SessionItem:
        """The exercise shown: read on mount, before any key can act."""
        if self._item is None:
            raise RuntimeError("the exercise screen has not read today's session yet")
        return self._item

    @property
    def prescription(self) -> Prescription | None:
        if self.current is None:
            return None
        return self.override or self.current.prescription

    def _show_exercise(self) -> None:
        item = self.item
        exercise = item.exercise
        self.query_one("#exercise-title", Static).update(
            f"[b]{escape(exercise.name)}[/b]  ({exercise.group.value}, "
            f"{self.index + 1} of {len(self.items)} today)"
        )
        # The physiotherapist's word first: on a small screen the end of this panel scrolls away.
        lines = [f"[b]{escape(line)}[/b]" for line in note_lines(item.note, item.pain_limit)]
        queue = item.queue
        together = bool(queue) and queue[0].side is Side.BOTH
        # Done with both sides at once: one dose for both, and no side goes first.
        for decision in item.decisions[:1] if together else item.decisions:
            reason = next((r.text for r in exercise_reasons(decision)), "")
            who = "both sides" if together else decision.side.value
            lines.append(
                f"[b]{who}[/b], {escape(decision_text(decision, item.exercise))}. {escape(reason)}"
            )
        if len(item.decisions) > 1 and not together:
            lines.append(f"Start with {item.decisions[0].side.phrase}.")
        for side, text in item.last_time:
            lines.append(f"Last time, {side.value}: {escape(text)}")
        self.query_one("#exercise-plan", Static).update("\n".join(line for line in lines if line))
        howto = ["[b]How to[/b]"]
        howto += [f"{n}. {escape(step)}" for n, step in enumerate(exercise.steps, start=1)]
        howto += ["", "[b]Focus[/b]", *[f"- {escape(cue)}" for cue in exercise.cues]]
        if exercise.cautions:
            howto += ["", "[b]Take care[/b]", *[f"- {escape(c)}" for c in exercise.cautions]]
        dosed = [d.prescription for d in item.decisions if d.prescription is not None]
        level = exercise.level(dosed[0].level) if dosed else None
        if level is not None and level.how:
            howto += ["", f"[b]This level[/b]: {escape(level.how)}"]
        self.query_one("#howto", Static).update("\n".join(howto))

    def _fill_entry(self) -> None:
        heading = self.query_one("#set-heading", Static)
        amount = self.query_one("#amount", Input)
        rx = self.prescription
        self.sharp = False
        if self.current is None or rx is None:
            if self.item.stopped:
                done = "stopped for today (pain)"
            elif self.item.skipped:
                done = SKIPPED_WORDS
            else:
                done = "all sets done"
            heading.update(f"[b]{escape(self.item.exercise.name)}: {done}.[/b] n: next exercise")
            amount.value = ""
            self.query_one("#set-load", Static).update("")
            return
        side_sets = [s for s in self.item.queue if s.side is self.current.side]
        side = self.current.side
        who = "BOTH sides" if side is Side.BOTH else f"{side.value.upper()} side"
        holds = rx.hold_s is not None
        # The engine's target for this set (issue 15.5), with last time's reps beside it: Enter
        # logs what was aimed for, not the top of the range.
        target, before = self.item.target_of(self.current) if rx is self.current.prescription else (
            rx.hold_s if holds else rx.reps_min or 0, None
        )
        last = "" if before is None else f" · last time {before}"
        heading.update(
            f"[b]{who}[/b], set {self.current.number} of "
            f"{len(side_sets)}: {escape(set_prescription_text(rx, self.item.exercise))}{last}"
        )
        self.query_one("#amount-label", Label).update("Seconds" if holds else "Reps")
        amount.value = str(target)
        # Pain belongs to the set it was typed for: every set starts with an empty pain field
        # (empty: no pain noted) and the amount active, whatever was typed before; typing a
        # number replaces the prescription rather than adding to it.
        pain = self.query_one("#pain", Input)
        pain.value = ""
        last_pain = self.item.last_pain_of(self.current.side)
        pain.placeholder = "" if last_pain is None else f"last {last_pain}"
        self.activate("amount")
        self.load = rx.load
        self._show_load()

    def _show_load(self) -> None:
        sharp = "  [b]SHARP PAIN marked[/b] (s to unmark)" if self.sharp else "  s: mark sharp pain"
        choices = self._load_choices()
        change = "  [ ]: lighter/heavier" if len(choices) > 1 else ""
        self.query_one("#set-load", Static).update(f"Load: {self.load}{change}{sharp}")

    def _show_sets(self) -> None:
        rows = [
            f"{s.side.label:<10} set {s.set_number}: "
            f"{f'{s.hold_s} s' if s.hold_s is not None else f'{s.reps} reps'}, {s.load}, "
            f"pain {'not noted' if s.pain is None else s.pain}{', SHARP' if s.sharp else ''}"
            for s in self.item.logged
        ]
        text = "[b]Today[/b]\n" + ("\n".join(rows) if rows else "No sets yet.")
        self.query_one("#exercise-sets", Static).update(text)

    def _message(self, text: str) -> None:
        self.query_one("#set-message", Static).update(text)
        self._refused = text.startswith(REFUSED)

    def on_input_changed(self, event: Input.Changed) -> None:
        # A refusal goes once the person starts mending what was refused.
        if self._refused and event.input.id == self.field:
            self._message("")

    def _load_choices(self) -> list[Load]:
        rx = self.prescription
        if rx is None:
            return [self.load]
        level = self.item.exercise.level(rx.level)
        settings = self.services.settings()
        choices = [BODYWEIGHT]
        if LoadKind.BAND in level.loads:
            bands = settings.bands or self.services.catalogue.band_colours
            choices += [Load(band=b) for b in bands]
        if LoadKind.WEIGHT in level.loads:
            choices += [Load(kg=kg) for kg in settings.dumbbells_kg]
        if self.load not in choices:
            choices.append(self.load)
        return choices

    # -- actions ------------------------------------------------------------------------------
    def action_log_set(self, amount: int | None = None) -> None:
        if self.paused:
            self._message("Paused: press p to carry on.")
            return
        current, rx = self.current, self.prescription
        if current is None or rx is None:
            self._message("Nothing left to log here: press n for the next exercise.")
            return
        timer = self.query_one(SessionTimer)
        if timer.mode is TimerMode.HOLD:
            amount = timer.stop()
        try:
            if amount is None:
                amount = int(self.query_one("#amount", Input).value or "x")
            pain_text = self.query_one("#pain", Input).value.strip()
            pain = int(pain_text) if pain_text else None
        except ValueError:
            self._message(f"{REFUSED} type whole numbers for the amount and the pain.")
            return
        try:
            logged = self.services.log_one_set(
                self.item.exercise.id,
                current.side,
                amount,
                level=rx.level,
                load=self.load,
                pain=pain,
                sharp=self.sharp,
                stopped=amount == 0,
            )
        except UserError as problem:
            self._message(f"{REFUSED} {escape(str(problem))}")
            return
        self._after_logging(logged, current)

    def _after_logging(self, logged: LoggedSet, previous: PlannedSet) -> None:
        """What comes after `logged`, the set `previous` planned."""
        self.reload()
        timer = self.query_one(SessionTimer)
        if stop_advised(logged, self.item.pain_limit):
            timer.stop()
            easier = easier_variation(
                self.item.exercise,
                previous.prescription,
                self.services.settings().bands or self.services.catalogue.band_colours,
            )
            offer = (
                f" If you want to go on today, press e for the easier variation: "
                f"{escape(set_prescription_text(easier, self.item.exercise))}."
                if easier is not None
                else " There is no easier variation of this exercise: leave it for today."
            )
            what = "Sharp pain" if logged.sharp else f"Pain of {logged.pain}/10"
            limit = self.item.pain_limit
            if not logged.sharp and limit is not None and (logged.pain or 0) < PAIN_STOP_MIN:
                what += f" (above the {limit}/10 your physiotherapist set)"
            other = self.item.other_side_left
            if self.item.pain_choice_pending and other is not None:
                # Issue 15.4: the pain was on one side; stopping both is the default.
                self._message(
                    f"[b]{what} on the {logged.side.value} side: stop this exercise now.[/b] The "
                    f"set is recorded and trainer will adjust next time. x: stop it for both "
                    f"sides (the safe choice); o: carry on with the {other.value} side only.{offer}"
                )
            else:
                self._message(
                    f"[b]{what}: stop this exercise now.[/b] The set is recorded and trainer will "
                    f"adjust next time.{offer} Press n for the next exercise."
                )
            self._pending_easier = easier
            self.refresh_bindings()
            return
        self._pending_easier = None
        self._message(f"Logged {logged.side.label} set {logged.set_number}.")
        if self.item.complete and self.index + 1 < len(self.items):
            # One key per set: when the last set is in, the next exercise comes up by itself.
            finished = self.item.exercise.name
            self._move(1)
            self._message(f"{escape(finished)} done. Next: {escape(self.item.exercise.name)}.")
            return
        nxt = self.current
        if nxt is None and not any(not i.complete and not i.stopped for i in self.items):
            timer.stop()
            self._message(
                f"Logged {logged.side.label} set {logged.set_number}. That was the last set of "
                "today's session: press escape, then f to finish it."
            )
            return
        # One side's set is the other side's rest: rest only when the same side comes again.
        if nxt is not None and (nxt.side is previous.side or nxt.side is Side.BOTH):
            timer.start_rest(self.item.exercise.rest_s)
            self.refresh_bindings()

    def action_toggle_sharp(self) -> None:
        # Only the sharp mark changes: a pain value is recorded as typed, never made up.
        self.sharp = not self.sharp
        self._show_load()

    def action_load(self, step: int) -> None:
        choices = self._load_choices()
        index = choices.index(self.load) if self.load in choices else 0
        self.load = choices[max(0, min(len(choices) - 1, index + step))]
        self._show_load()

    def action_hold_timer(self) -> None:
        rx = self.prescription
        timer = self.query_one(SessionTimer)
        if rx is None or rx.hold_s is None:
            self._message("The hold timer is for holds and stretches.")
            return
        if timer.mode is TimerMode.HOLD:
            held = timer.stop()
            self.query_one("#amount", Input).value = str(held)
            self.action_log_set(amount=held)
            return
        timer.start_hold(rx.hold_s)
        self.refresh_bindings()
        self._message("Holding... press t (or Enter) to stop; the seconds held are logged.")

    def action_skip_rest(self) -> None:
        self.query_one(SessionTimer).skip_rest()
        self.refresh_bindings()

    def action_easier(self) -> None:
        easier = self._pending_easier
        if easier is None:
            self._message("No easier variation is waiting.")
            return
        self.override = easier  # the remaining sets use the easier variation
        self.current = self.item.next
        if self.current is None:
            self._message("No sets left of this exercise today.")
            return
        self._pending_easier = None
        self._fill_entry()
        self.refresh_bindings()
        self._message("Easier variation for the rest of today. Stop again if it hurts.")

    def action_pain_choice(self, carry_on: bool) -> None:
        """After pain on one side: carry on with the other side, or stop both (recorded)."""
        item = self.item
        if not item.pain_choice_pending:
            self._message("There is no choice to make now.")
            return
        (hurt,) = item.stopped_sides
        other = item.other_side_left
        self.services.record_pain_choice(item.exercise.id, hurt, carry_on)
        self._pending_easier = None
        self.reload()
        if carry_on and other is not None:
            self._message(
                f"Carrying on with the {other.value} side only; the {hurt.value} side stops for "
                "today. Stop at once if it hurts."
            )
        else:
            self._message(f"{escape(item.exercise.name)} stopped for both sides today. Press n for the next exercise.")

    def action_undo(self) -> None:
        if not self.item.logged:
            self._message("No set of this exercise to undo today.")
            return
        removed = self.services.delete_set(self.item.logged[-1].id)
        self.reload()
        if removed is not None:
            self._message(f"Undone: {removed.side.label} set {removed.set_number}.")

    def action_next_exercise(self) -> None:
        self._move(1)

    def action_previous_exercise(self) -> None:
        self._move(-1)

    def _move(self, by: int) -> None:
        target = self.index + by
        if target >= len(self.items):
            self._message("That was the last exercise: press escape, then f to finish the session.")
            return
        if target < 0:
            return
        if self._item is not None and self._item.pain_choice_pending:
            # Moving on without choosing is the default: stopped for both sides, and so recorded.
            (hurt,) = self.item.stopped_sides
            self.services.record_pain_choice(self.item.exercise.id, hurt, False)
        self.query_one(SessionTimer).stop()
        self.index, self.override = target, None
        self.reload()
        self._message("")

    def action_pause(self) -> None:
        timer = self.query_one(SessionTimer)
        self.paused = not self.paused
        if self.paused:
            timer.pause()
            self._message("[b]Paused.[/b] Press p to carry on.")
        else:
            timer.resume()
            self._message("")
