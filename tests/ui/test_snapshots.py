"""SVG snapshots of the main screens at 80x24, 100x32 and 160x48: fixed clock, seeded data.

Regenerate after an intended change with `python -m pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from trainer.core.model import Side
from trainer.ui.app import TrainerApp

SIZES = [(80, 24), (100, 32), (160, 48)]
SIZE_IDS = ["80x24", "100x32", "160x48"]


@pytest.fixture
def seeded(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.update_settings(involved_side="left")
    for day in (date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 23)):
        services.log("clamshell", Side.LEFT, reps=[12, 11], pain=2, on=day)
        services.log("clamshell", Side.RIGHT, reps=[15, 15], pain=0, on=day)
        services.log("butterfly-stretch", Side.BOTH, holds=[30, 35], on=day)
    services.log("leg-swings", Side.LEFT, reps=[12])
    services.record_morning(Side.BOTH, pain=0, soreness=2)  # the morning after the 23rd
    return services


async def _quiet(pilot):
    """The start-up notices (resuming the session) fade in real use; a snapshot drops them."""
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def _open_clamshell(pilot):
    await _quiet(pilot)
    table = pilot.app.screen.query_one("#session-table")
    names = [table.get_row_at(i)[0] for i in range(table.row_count)]
    table.move_cursor(row=names.index("Clamshell"))
    await pilot.press("enter")
    await pilot.pause()


def _press(*keys: str):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_today_screen(snap_compare, seeded, clock, size):
    assert snap_compare(TrainerApp(seeded, clock), terminal_size=size, run_before=_quiet)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_exercise_screen(snap_compare, seeded, clock, size):
    assert snap_compare(TrainerApp(seeded, clock), terminal_size=size, run_before=_open_clamshell)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_plan_form(snap_compare, seeded, clock, size):
    assert snap_compare(TrainerApp(seeded, clock), terminal_size=size, run_before=_press("p"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_calendar(snap_compare, seeded, clock, size):
    assert snap_compare(TrainerApp(seeded, clock), terminal_size=size, run_before=_press("c"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_charts(snap_compare, seeded, clock, size):
    assert snap_compare(TrainerApp(seeded, clock), terminal_size=size, run_before=_press("g"))


@pytest.fixture
def lighter_week(services):
    """Issue 15: the left side's pain jumped from 0 to 7 between weeks (TR-1): a lighter week on
    the left, the right side as usual."""
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=30)
    services.update_settings(involved_side="left")
    for day, pain in ((date(2026, 11, 11), 0), (date(2026, 11, 13), 0), (date(2026, 11, 20), 7)):
        services.log("clamshell", Side.LEFT, reps=[12, 12], pain=pain, on=day)
        services.log("clamshell", Side.RIGHT, reps=[13, 13], pain=0, on=day)
        services.log("single-leg-glute-bridge", Side.LEFT, reps=[12, 12], pain=min(pain, 5), on=day)
        services.log("single-leg-glute-bridge", Side.RIGHT, reps=[12, 12], pain=0, on=day)
    services.record_morning(Side.BOTH, pain=0, soreness=1, on=date(2026, 11, 21))
    return services


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_today_screen_in_a_lighter_week(snap_compare, lighter_week, clock, size):
    assert lighter_week.suggest().exercises  # the engine has something to say
    left = {
        d.decision.value for a in lighter_week.suggest().exercises for d in a.sides if d.side is Side.LEFT
    }
    assert "DELOAD" in left
    assert snap_compare(TrainerApp(lighter_week, clock), terminal_size=size, run_before=_quiet)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_summary_after_a_session(snap_compare, lighter_week, clock, size):
    lighter_week.log("leg-swings", Side.LEFT, reps=[12])
    lighter_week.log("leg-swings", Side.RIGHT, reps=[12])
    lighter_week.log("clamshell", Side.LEFT, reps=[10], pain=3)
    lighter_week.log("clamshell", Side.RIGHT, reps=[14, 14], pain=0)
    assert snap_compare(TrainerApp(lighter_week, clock), terminal_size=size, run_before=_press("f"))


@pytest.fixture
def prescribed(seeded, tmp_path):
    """Issue 19: the physiotherapist's programme in force since Monday, its review in 3 days."""
    from trainer.core.prescription import TEMPLATE

    rx = tmp_path / "prescription.toml"
    rx.write_text(
        TEMPLATE.replace("written_on = 2026-12-01", "written_on = 2026-11-20").replace(
            "review_on = 2027-01-12", "review_on = 2026-11-28"
        )
    )
    seeded.load_prescription(str(rx), starts_on=date(2026, 11, 23))
    return seeded


async def _select_clamshell(pilot):
    """The cursor on Clamshell, whose note from the physiotherapist shows in the detail panel."""
    await _quiet(pilot)
    table = pilot.app.screen.query_one("#session-table")
    names = [table.get_row_at(i)[0] for i in range(table.row_count)]
    table.move_cursor(row=names.index("Clamshell"))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_today_screen_with_a_prescription(snap_compare, prescribed, clock, size):
    assert snap_compare(TrainerApp(prescribed, clock), terminal_size=size, run_before=_select_clamshell)


@pytest.fixture
def prescription_here(seeded, tmp_path, monkeypatch):
    """A prescription file in the working folder, typed as a relative path so the snapshot does
    not hold the test's temporary folder; `wrong.toml` has 30 sets for the clamshell."""
    from trainer.core.prescription import TEMPLATE

    monkeypatch.chdir(tmp_path)
    (tmp_path / "prescription.toml").write_text(TEMPLATE)
    (tmp_path / "wrong.toml").write_text(TEMPLATE.replace("sets = 3\n", "sets = 30\n"))
    return seeded


def _load_prescription(path: str):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("l", *path, "enter")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_prescription_changes_before_loading(snap_compare, prescription_here, clock, size):
    app = TrainerApp(prescription_here, clock)
    assert snap_compare(app, terminal_size=size, run_before=_load_prescription("prescription.toml"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_wrong_prescription_file(snap_compare, prescription_here, clock, size):
    app = TrainerApp(prescription_here, clock)
    assert snap_compare(app, terminal_size=size, run_before=_load_prescription("wrong.toml"))
