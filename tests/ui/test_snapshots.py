"""SVG snapshots of the main screens: fixed clock, seeded data, fixed terminal size.

Regenerate after an intended change with `python -m pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from trainer.core.model import Side
from trainer.ui.app import TrainerApp


@pytest.fixture
def seeded(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.update_settings(involved_side="left")
    for day in (date(2026, 11, 20), date(2026, 11, 23)):
        services.log("clamshell", Side.LEFT, reps=[12, 11], pain=2, on=day)
        services.log("clamshell", Side.RIGHT, reps=[15, 15], pain=0, on=day)
        services.log("butterfly-stretch", Side.BOTH, holds=[30, 35], on=day)
    services.log("leg-swings", Side.LEFT, reps=[12])
    services.record_morning(Side.BOTH, pain=0, soreness=2)  # the morning after the 23rd
    return services


def test_today_screen_snapshot(snap_compare, seeded, clock):
    app = TrainerApp(seeded, clock)
    assert snap_compare(app, terminal_size=(100, 30))


def test_exercise_screen_snapshot(snap_compare, seeded, clock):
    app = TrainerApp(seeded, clock)

    async def open_clamshell(pilot):
        await pilot.pause()
        table = app.screen.query_one("#session-table")
        names = [table.get_row_at(i)[0] for i in range(table.row_count)]
        table.move_cursor(row=names.index("Clamshell"))
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_clamshell)


def test_small_terminal_snapshot(snap_compare, seeded, clock):
    """The today screen still reads in an 80x24 terminal."""
    app = TrainerApp(seeded, clock)
    assert snap_compare(app, terminal_size=(80, 24))
