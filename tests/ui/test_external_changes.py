"""The app open in one terminal while the real CLI logs sets in another process, on the same file:
the CLI is not blocked by the open app, and `r` on the today screen shows the new sets.

The app runs under the Pilot with a clock fixed on the real today (the CLI in its own process
reads the system clock), so both agree on which sets are today's.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time

from conftest import CATALOG, REPO
from textual.widgets import DataTable, Static

from trainer.core.clock import FixedClock
from trainer.services import build_services
from trainer.ui.app import TrainerApp
from trainer.ui.screens.today import TodayScreen

SIZE = (120, 40)


def _cli_log(db_path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRAINER_DB": str(db_path), "TRAINER_CATALOG": str(CATALOG)}
    return subprocess.run(
        [sys.executable, "-m", "trainer", "log", *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )


def _rows(table: DataTable) -> list[tuple[str, ...]]:
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_sets_logged_by_the_cli_show_after_a_refresh(db_path):
    today = date.today()
    clock = FixedClock(datetime.combine(today, time(12), tzinfo=UTC))
    services = build_services(str(db_path), str(CATALOG), clock)
    services.set_plan((0, 2, 4), start=today, minutes=None)
    services.record_symptoms([])  # no weekly checklist over the screen
    try:
        app = TrainerApp(services, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            sets = screen.query_one("#today-sets", DataTable)
            assert sets.row_count == 0

            # Another terminal: the real program, in its own process, while the app is open.
            day = today.isoformat()
            for args in (
                ("clamshell", "--side", "left", "--reps", "12,11", "--pain", "2", "--date", day),
                ("clamshell", "--side", "right", "--reps", "15", "--pain", "3", "--date", day),
            ):
                logged = await asyncio.to_thread(_cli_log, db_path, *args)
                assert logged.returncode == 0, logged.stderr
                assert logged.stderr == ""

            await pilot.press("r")
            await pilot.pause()
            assert app.screen is screen
            assert _rows(sets) == [
                ("Clamshell", "left", "1", "12 reps", "bw", "2"),
                ("Clamshell", "left", "2", "11 reps", "bw", "2"),
                ("Clamshell", "right", "1", "15 reps", "bw", "3"),
            ]
            summary = str(screen.query_one("#today-summary", Static).content)
            assert summary.startswith("3 sets logged today")
            # On a training day the session table counts them too.
            table = screen.query_one("#session-table", DataTable)
            names = [row[0] for row in _rows(table)]
            if "Clamshell" in names:
                at = names.index("Clamshell")
                rows = _rows(table)
                # One row per side: (name, side, today, done, decision).
                done = {rows[at][1]: rows[at][3], rows[at + 1][1]: rows[at + 1][3]}
                assert done["left"].startswith("2/") and done["right"].startswith("1/"), done
            plan = str(screen.query_one("#today-plan", Static).content)
            assert "Session in progress" in plan
    finally:
        services.close()
