"""TrainerApp: the Textual application, built from injected services and clock."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from trainer.core.clock import Clock
from trainer.core.plan import Plan
from trainer.services import Services
from trainer.ui.commands import TrainerCommands
from trainer.ui.screens.dialogs import MorningDialog, SymptomsDialog
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.history import HistoryScreen
from trainer.ui.screens.plan_form import PlanForm, plan_saved_words
from trainer.ui.screens.preparing import PreparingScreen
from trainer.ui.screens.today import TodayScreen
from trainer.ui.widgets.timer import TimerState

PREPARING_GROUP = "preparing-suggestions"


class TrainerApp(App[None]):
    """Keyboard-driven trainer; every screen reads and writes through `services`.

    `time_scale` speeds up hold and rest timers in tests (0.01: a 30 s hold takes 0.3 s).
    """

    CSS_PATH = "app.tcss"
    # Classes the screens get by terminal size; app.tcss lays them out for 80x24 and 160x48.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    TITLE = "trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        # Shown in the `?` help, not the Footer: a busy screen needs the room at 80 columns.
        Binding("q", "quit", "Quit", id="quit", show=False),
        Binding("question_mark", "help", "Help", id="help"),
        # The today screen shows History in its Footer; elsewhere it is in the help and palette.
        Binding("h", "history", "History", id="history", show=False),
        Binding("y", "symptoms", "Symptom checklist", id="symptoms", show=False),
        Binding("g", "charts", "Charts", id="charts", show=False),
        Binding("v", "assessment", "Self-assessment", id="assessment", show=False),
    ]

    def __init__(self, services: Services, clock: Clock, time_scale: float = 1.0) -> None:
        super().__init__()
        self.services = services
        self.clock = clock
        self.time_scale = time_scale
        self.timer_state = TimerState()  # shared by every exercise screen: timers outlive them

    def on_mount(self) -> None:
        self.sub_title = self.clock.today().strftime("%A %d %B %Y")
        for notice in self.services.notices:  # a torn write-ahead log: said, never silent
            self.notify(notice, severity="warning", timeout=60)
        closed = self.services.close_interrupted_sessions()
        if closed:
            days = ", ".join(f"{s.date:%a %d %b}" for s in closed)
            self.notify(f"Closed the unfinished session of {days}; its sets are kept.")
        today = self.services.session_today()
        if today is not None and today.status == "in_progress":
            count = len(self.services.today_sets())
            if count:
                sets = "set" if count == 1 else "sets"
                self.notify(f"Resuming today's session: {count} {sets} already logged. Press n.")
        replay_sets = self.services.long_replay_ahead()
        if replay_sets:
            self.push_screen(PreparingScreen(replay_sets))
            self._prepare()
            return
        self._show_today()

    @work(thread=True, exclusive=True, group=PREPARING_GROUP)
    def _prepare(self) -> None:
        self.services.suggest()  # kept by the services; the today screen then reads it at once

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != PREPARING_GROUP:
            return
        if event.state is WorkerState.SUCCESS:
            self.pop_screen()
            self._show_today()
        elif event.state is WorkerState.ERROR:
            self.exit(return_code=2, message=f"trainer: error: {event.worker.error}")

    def _show_today(self) -> None:
        self.push_screen(TodayScreen())
        if not self.services.has_plan():
            # Onboarding only while no plan exists; `trainer plan set` skips it.
            self.push_screen(PlanForm(first_time=True), self._plan_saved)
            return
        # The checks that come with a new day, asked once each: how the morning after the last
        # session felt (the engine needs it to progress) and, weekly, the red-flag checklist.
        if self.services.symptoms_due():
            self.push_screen(SymptomsDialog(), self._refresh_today)
        morning = self.services.morning_due()
        if morning is not None:
            self.push_screen(MorningDialog(morning), self._refresh_today)

    def _refresh_today(self, _result: object = None) -> None:
        if isinstance(self.screen, TodayScreen):
            self.screen.action_refresh()

    def _plan_saved(self, plan: Plan | None) -> None:
        if plan is not None:
            self.notify(plan_saved_words(plan, first_time=True), timeout=5)
            if self.services.catalogue.assessments and not self.services.assessment().assessed_on:
                # Onboarding offers the self-assessment next; escape skips it.
                self.notify(
                    "Next, a short self-assessment finds your weaker side. Press escape to skip.",
                    timeout=8,
                )
                self.action_assessment()
                return
        if isinstance(self.screen, TodayScreen):
            self.screen.action_refresh()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_history(self) -> None:
        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen(), self._refresh_today)

    def action_assessment(self) -> None:
        from trainer.ui.screens.assessment import AssessmentScreen

        if self.services.training_block() is not None:
            # The tests are exercise too: none while an emergency answer stands (6.9.13).
            self.notify("Training is stopped after your urgent answer: no tests until it is lifted.",
                        severity="error")
            return

        if not isinstance(self.screen, AssessmentScreen):
            self.push_screen(AssessmentScreen(), self._refresh_today)

    def action_charts(self) -> None:
        from trainer.ui.screens.charts import ChartsScreen

        if not isinstance(self.screen, ChartsScreen):
            self.push_screen(ChartsScreen())

    def action_symptoms(self) -> None:
        self.push_screen(SymptomsDialog(), self._refresh_today)

    # -- actions of the today screen, for the command palette from any screen ---------------
    def _today_screen(self) -> TodayScreen | None:
        """The today screen brought to the top (the screens above it closed), if it is open."""
        if not any(isinstance(screen, TodayScreen) for screen in self.screen_stack):
            return None
        while not isinstance(self.screen, TodayScreen):
            self.pop_screen()
        return self.screen

    def action_start_session(self) -> None:
        """Start or continue today's session."""
        if (today := self._today_screen()) is not None:
            today.action_start_session()

    def action_finish_session(self) -> None:
        if (today := self._today_screen()) is not None:
            if today.check_action("finish_session", ()):
                today.action_finish_session()
            else:
                self.notify("Nothing to finish: no set is logged in an open session today.")

    def action_change_plan(self) -> None:
        if (today := self._today_screen()) is not None:
            today.action_change_plan()

    def action_extra_session(self) -> None:
        if (today := self._today_screen()) is not None:
            today.action_extra_session()

    def action_load_prescription(self) -> None:
        if (today := self._today_screen()) is not None:
            today.action_load_prescription()

    def action_write_report(self) -> None:
        from trainer.ui.screens.dialogs import ReportDialog

        def written(path: str | None) -> None:
            if path:
                self.notify(f"Wrote the report to {path}.", timeout=8)

        self.push_screen(ReportDialog(), written)
