"""The set entry of the exercise screen: what is typed goes on the set it was typed for.

Issue 13.1: pain typed for one set stayed in the field for the next set and the other side, with
the cursor left in the pain field. Each test drives the real app with keys and reads the rows in
the SQLite file.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from textual import events
from textual.widgets import Input

from tests.ui.pilot_steps import open_exercise
from trainer.core.model import Side
from trainer.ui.app import TrainerApp

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def planned(services):
    services.set_plan((0, 2, 4), start=date(2026, 11, 2), minutes=None)
    services.update_settings(involved_side="left")


def _sets(db_path) -> list[tuple]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT exercise_id, side, set_number, reps, hold_s, pain FROM logged_set ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


async def test_the_next_set_starts_with_an_empty_pain_field_and_the_cursor_on_reps(
    services, clock, db_path
):
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Clamshell")
        await pilot.press("tab", "3", "enter")  # left set 1, pain 3
        await pilot.pause()
        pain = screen.query_one("#pain", Input)
        amount = screen.query_one("#amount", Input)
        assert screen.current.side is Side.RIGHT
        assert pain.value == ""
        assert screen.field == "amount" and amount.has_class("-active")
        await pilot.press("enter")  # right set 1 as prescribed, no pain typed
        await pilot.pause()
        await pilot.press("9", "enter")  # left set 2: 9 reps, meant as reps
        await pilot.pause()
    rows = _sets(db_path)
    assert [(r[1], r[2], r[5]) for r in rows] == [("left", 1, 3), ("right", 1, None), ("left", 2, None)]
    assert rows[2][3] == 9


async def test_a_new_exercise_starts_with_an_empty_pain_field(services, clock, db_path):
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Leg swings")  # one set per side
        await pilot.press("tab", "2", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the right side: pain must not be 2
        await pilot.pause()
        assert screen.item.exercise.id != "leg-swings"  # the next exercise came up by itself
        assert screen.query_one("#pain", Input).value == ""
        assert screen.field == "amount"
    assert [(r[1], r[5]) for r in _sets(db_path)] == [("left", 2), ("right", None)]


async def test_pain_ten_is_shown_whole(services, clock):
    app = TrainerApp(services, clock, time_scale=0.01)
    for size in ((80, 24), (100, 32)):
        async with app.run_test(size=size) as pilot:
            screen = await open_exercise(app, pilot, "Clamshell")
            await pilot.press("tab", "1", "0")
            await pilot.pause()
            pain = screen.query_one("#pain", Input)
            assert pain.value == "10"
            assert pain.content_region.width >= 2
            assert "10" in "".join(s.text for s in pain.render_line(0))
            await pilot.press("escape")
        app = TrainerApp(services, clock, time_scale=0.01)


async def test_last_times_pain_is_a_hint_never_a_value(services, clock, db_path):
    services.log("clamshell", Side.LEFT, reps=[12, 12], pain=4, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, soreness=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Clamshell")
        pain = screen.query_one("#pain", Input)
        assert pain.value == ""
        assert "4" in pain.placeholder
        await pilot.press("enter")
        await pilot.pause()
    assert _sets(db_path)[-1][5] is None


async def test_keys_typed_in_a_burst_go_where_they_were_typed(services, clock, db_path):
    """A terminal delivers a quick "Tab 7 Enter" (or "1 2 Enter") in one read: every key must
    still act in order, on the set it was typed for."""
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(app, pilot, "Clamshell")
        for key in ("tab", "3", "enter", "1", "2", "enter"):  # no pause between them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
    rows = _sets(db_path)
    # Nothing logged before: the field started at the bottom of the range (issue 15.5).
    assert [(r[1], r[3], r[5]) for r in rows] == [("left", 10, 3), ("right", 12, None)]


async def test_digits_after_an_exercise_is_stopped_are_ignored_without_an_error(services, clock):
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Clamshell")
        await pilot.press("tab", "7", "enter")  # red pain: the exercise stops for today
        await pilot.pause()
        assert screen.current is None
        await pilot.press("1", "2", "enter", "k", "z")  # nothing to log, no key of this screen
        await pilot.pause()
        # The stop message stays on screen: it says what to do next.
        assert "stop this exercise now" in str(screen.query_one("#set-message").content)
    assert len(services.today_sets()) == 1


async def test_an_empty_pain_field_means_the_same_in_the_app_the_cli_and_the_help(
    services, clock, db_path, run_cli
):
    from trainer.core.entry import PAIN_NOT_NOTED
    from trainer.ui.screens.help import PAIN_TEXT

    assert PAIN_NOT_NOTED in PAIN_TEXT
    assert "pain not noted" in " ".join(run_cli("log", "--help").out.split())
    assert run_cli("log", "bird-dog", "--side", "left", "--reps", "10").code == 0
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(app, pilot, "Clamshell")
        await pilot.press("enter")  # the pain field left empty
        await pilot.pause()
    # Both faces store "not noted" (NULL), which every decision counts as 0/10.
    assert [(r[0], r[5]) for r in _sets(db_path)] == [("bird-dog", None), ("clamshell", None)]


async def test_the_reps_start_at_the_engines_target_with_last_time_beside_it(services, clock, db_path):
    """Issue 15.5: the field held the top of the range (15) though the person managed 13, so
    Enter over-reported. It now holds last time's reps plus one (double progression: pain was
    low), never above the range, and says what last time was."""
    services.log("clamshell", Side.LEFT, reps=[13, 12], pain=1, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, soreness=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Clamshell")
        amount = screen.query_one("#amount", Input)
        assert screen.current.side is Side.LEFT and amount.value == "14"
        assert "last time 13" in str(screen.query_one("#set-heading").content)
        await pilot.press("enter")  # left set 1 as pre-filled
        await pilot.pause()
        assert screen.current.side is Side.RIGHT and amount.value == "10"  # nothing to go by
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current.side is Side.LEFT and amount.value == "13"  # set 2: 12 + 1
    assert [row[3] for row in _sets(db_path)[-2:]] == [14, 10]


async def test_after_amber_pain_the_target_is_last_times_reps_not_more(services, clock):
    services.log("clamshell", Side.LEFT, reps=[15, 13], pain=4, on=date(2026, 11, 23))
    services.record_morning(Side.BOTH, pain=0, soreness=0, on=date(2026, 11, 24))
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Clamshell")
        assert screen.query_one("#amount", Input).value == "15"  # never above the range
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert screen.current.number == 2 and screen.query_one("#amount", Input).value == "13"


async def test_with_no_easier_variation_the_stop_says_so(services, clock):
    """Issue 15.4: after a stop, the offer names an easier variation, or says there is none."""
    app = TrainerApp(services, clock, time_scale=0.01)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(app, pilot, "Leg swings")  # level 1, body weight
        await pilot.press("s", "enter")
        await pilot.pause()
        message = str(screen.query_one("#set-message").content)
        assert "stop this exercise now" in message
        assert "no easier variation of this exercise: leave it for today" in message
        assert "press e" not in message
