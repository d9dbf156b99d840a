"""Steps several Pilot tests take, written once."""

from __future__ import annotations

from trainer.ui.screens.exercise import ExerciseScreen


async def open_exercise(app, pilot, name: str) -> ExerciseScreen:
    """From the today screen, open the exercise called `name` (found by its item, since a narrow
    table may shorten the names)."""
    await pilot.pause()
    today = app.screen
    index = [item.exercise.name for item in today.items].index(name)
    today.query_one("#session-table").move_cursor(row=today.row_items.index(index))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ExerciseScreen)
    return app.screen


async def run_palette(app, pilot, text: str) -> None:
    """Open the command palette, type `text` and run the first command it finds."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)  # the palette gathers hits in a worker
    await app.workers.wait_for_complete()
    await pilot.press("enter")
    await pilot.pause()


def db_rows(db_path, sql: str) -> list[tuple]:
    """Rows of the SQLite file the app writes, read as any other program would."""
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()
