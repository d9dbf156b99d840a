"""The command palette's trainer commands: screens, checks and the theme, found by typing.

Add `TrainerCommands` to `TrainerApp.COMMANDS` (next to Textual's system commands). Every command
pushes a screen or calls an app action, so the palette and the key bindings do the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from trainer.ui.screens.base import trainer_app

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


class TrainerCommands(Provider):
    """Start the session, open history, calendar or help, answer the checks, switch theme."""

    @property
    def trainer_app(self) -> TrainerApp:
        return trainer_app(self.app)

    def commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = self.trainer_app
        found: list[tuple[str, Callable[[], Any], str]] = []
        found += [
            ("Start today's session", app.action_start_session, "Begin or carry on with today's sets"),
            (
                "Finish today's session",
                app.action_finish_session,
                "Close today's session and see its summary and what changes next time",
            ),
            ("Extra session", app.action_extra_session, "Train on a rest day"),
            (
                "Change the plan",
                app.action_change_plan,
                "Training days, the side that hurts, the time for a session",
            ),
            (
                "Write the report for a physiotherapist",
                app.action_write_report,
                "One page with your plan, levels, balance, pain and flags (HTML)",
            ),
            (
                "Load a prescription",
                app.action_load_prescription,
                "The programme your physiotherapist wrote (prescription.toml): see what changes, then load it",
            ),
            ("Open history", self.open_history, "Past sessions and every set logged"),
            ("Open calendar", self.open_calendar, "The month: done, missed and planned days"),
            (
                "Self-assessment",
                app.action_assessment,
                "Five short tests per side that show which side is weaker",
            ),
            (
                "Open charts",
                self.open_charts,
                "Balance, left vs right, pain and sessions per week over time",
            ),
            (
                "Red-flag symptom checklist",
                self.open_symptoms,
                "A short check for rare warning signs",
            ),
            ("Morning check", self.open_morning, "Pain and soreness on waking, each side"),
            ("Help", self.open_help, "Keys, and what to do about pain"),
            ("Switch theme", self.switch_theme, "Between the dark and the light theme"),
        ]
        return found

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=help_text)

    # --- what the commands do -----------------------------------------------------------
    def open_history(self) -> None:
        from trainer.ui.screens.history import HistoryScreen

        if not isinstance(self.app.screen, HistoryScreen):
            self.app.push_screen(HistoryScreen())

    def open_charts(self) -> None:
        from trainer.ui.screens.charts import ChartsScreen

        if not isinstance(self.app.screen, ChartsScreen):
            self.app.push_screen(ChartsScreen())

    def open_calendar(self) -> None:
        from trainer.ui.screens.calendar import CalendarScreen

        if not isinstance(self.app.screen, CalendarScreen):
            self.app.push_screen(CalendarScreen())

    def open_symptoms(self) -> None:
        from trainer.ui.screens.dialogs import SymptomsDialog

        self.app.push_screen(SymptomsDialog())

    def open_morning(self) -> None:
        from trainer.ui.screens.dialogs import MorningDialog

        app = self.trainer_app
        day = app.services.morning_due() or app.clock.today() - timedelta(days=1)

        def saved(done: bool | None) -> None:
            if done:
                app.notify("Morning check saved.", timeout=3)

        app.push_screen(MorningDialog(day), saved)

    def open_help(self) -> None:
        from trainer.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def switch_theme(self) -> None:
        app = self.app
        app.theme = "textual-dark" if app.theme == "textual-light" else "textual-light"
