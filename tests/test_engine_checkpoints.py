"""Stored engine checkpoints (migration 0007) on a real SQLite file: a suggestion resumed from
them equals a full replay, and the database's triggers wipe them whenever older data changes,
whichever program writes."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import CATALOG, NOW
from trainer.core.clock import FixedClock
from trainer.core.model import Side
from trainer.services import Services, build_services

TODAY = NOW.date()


def stored(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT exercise_id, side, covers_to FROM engine_checkpoint ORDER BY exercise_id, side"
        ).fetchall()


def services_on(db: Path, day: date) -> Services:
    clock = FixedClock(datetime.combine(day, NOW.timetz()))
    return build_services(str(db), str(CATALOG), clock)


def three_weeks(db: Path) -> None:
    """Clamshells and bridges on alternate days for three weeks before today, mornings after."""
    services = services_on(db, TODAY)
    try:
        for offset in range(21, 0, -2):
            day = TODAY - timedelta(days=offset)
            for side in (Side.LEFT, Side.RIGHT):
                services.log("clamshell", side, reps=[15, 15], pain=2 if offset == 9 else 0, on=day)
                services.log("single-leg-glute-bridge", side, reps=[12, 12], pain=0, on=day)
            services.record_morning(Side.BOTH, pain=0, soreness=2, on=day + timedelta(days=1))
    finally:
        services.close()


def fresh_suggestion(db: Path, day: date):
    """A new process's view: new services, so nothing is cached in memory."""
    services = services_on(db, day)
    try:
        return services.suggest()
    finally:
        services.close()


def full_replay(db: Path, day: date):
    services = services_on(db, day)
    try:
        history, _, _ = services.engine_history(day, resume=False)
        from trainer.core.progression import suggest

        return suggest(services.catalogue, history, day)
    finally:
        services.close()


def test_a_suggestion_stores_checkpoints_and_the_next_one_resumes_from_them(db_path: Path):
    three_weeks(db_path)
    first = fresh_suggestion(db_path, TODAY)
    checkpoints = stored(db_path)
    assert {(e, s) for e, s, _ in checkpoints} == {
        ("clamshell", "left"), ("clamshell", "right"),
        ("single-leg-glute-bridge", "left"), ("single-leg-glute-bridge", "right"),
    }
    assert {c for _, _, c in checkpoints} == {(TODAY - timedelta(days=1)).isoformat()}
    services = services_on(db_path, TODAY)
    try:
        history, _, _ = services.engine_history(TODAY, resume=True)
        assert len(history.checkpoints) == 4  # they fit, so the next replay resumes
    finally:
        services.close()
    assert fresh_suggestion(db_path, TODAY) == first == full_replay(db_path, TODAY)
    # Days later, with more sessions since: resumed and full replays still agree.
    later = TODAY + timedelta(days=3)
    services = services_on(db_path, TODAY + timedelta(days=1))
    try:
        services.log("clamshell", Side.LEFT, reps=[15, 15], pain=4)
    finally:
        services.close()
    assert fresh_suggestion(db_path, later) == full_replay(db_path, later)


def test_todays_sets_keep_the_checkpoints_and_an_older_change_wipes_them(db_path: Path):
    three_weeks(db_path)
    fresh_suggestion(db_path, TODAY)
    services = services_on(db_path, TODAY)
    try:
        services.log("clamshell", Side.LEFT, reps=[15])
        services.record_morning(Side.LEFT, pain=0, on=TODAY)
        assert len(stored(db_path)) == 4  # today's data cannot change what the checkpoints hold
        services.log("clamshell", Side.LEFT, reps=[15], on=TODAY - timedelta(days=2))
        assert stored(db_path) == []  # a set dated before them: replay from the start
    finally:
        services.close()
    assert fresh_suggestion(db_path, TODAY) == full_replay(db_path, TODAY)
    assert len(stored(db_path)) == 4


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM logged_set WHERE id = (SELECT min(id) FROM logged_set)",
        "UPDATE logged_set SET pain = 7 WHERE id = (SELECT min(id) FROM logged_set)",
        "UPDATE morning_check SET pain = 5 WHERE id = (SELECT min(id) FROM morning_check)",
        "DELETE FROM morning_check WHERE date = (SELECT min(date) FROM morning_check)",
        "UPDATE training_session SET date = '2026-01-01' WHERE date = (SELECT min(date) FROM training_session)",
    ],
)
def test_another_program_changing_old_data_wipes_the_checkpoints(db_path: Path, sql: str):
    three_weeks(db_path)
    fresh_suggestion(db_path, TODAY)
    assert stored(db_path)
    with sqlite3.connect(db_path) as connection:  # e.g. the sqlite3 shell, or an older trainer
        connection.execute(sql)
    assert stored(db_path) == []
    assert fresh_suggestion(db_path, TODAY) == full_replay(db_path, TODAY)


def test_checkpoints_from_data_that_changed_meanwhile_are_not_stored(db_path: Path):
    three_weeks(db_path)
    services = services_on(db_path, TODAY)
    try:
        history, version, key = services.engine_history(TODAY)
        from trainer.core.progression import replay

        _, checkpoints = replay(services.catalogue, history, TODAY)
        # Another process logs a set for an earlier day between the read and the save.
        with sqlite3.connect(db_path) as connection:
            connection.execute(
                "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, "
                "sharp, stopped_early, technique_ok, logged_at) SELECT id, 'clamshell', 1, 'left', 9, "
                "15, 0, 0, 1, '2026-11-20T10:00:00+00:00' FROM training_session ORDER BY date LIMIT 1"
            )
        assert services.store.save_engine_checkpoints(version, key, checkpoints) is False
        assert stored(db_path) == []
    finally:
        services.close()


def test_a_settings_change_makes_the_stored_checkpoints_unusable(db_path: Path):
    three_weeks(db_path)
    fresh_suggestion(db_path, TODAY)
    services = services_on(db_path, TODAY)
    try:
        services.update_settings(baseline_pain_left=2)
        history, _, _ = services.engine_history(TODAY, resume=True)
        assert history.checkpoints == ()
    finally:
        services.close()
    assert fresh_suggestion(db_path, TODAY) == full_replay(db_path, TODAY)


def test_damaged_checkpoint_rows_are_ignored_and_replaced(db_path: Path):
    three_weeks(db_path)
    expected = fresh_suggestion(db_path, TODAY)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE engine_checkpoint SET state = '{\"fold\": 3}'")
    assert fresh_suggestion(db_path, TODAY) == expected
    assert len(stored(db_path)) == 4
    with sqlite3.connect(db_path) as connection:
        states = [s for (s,) in connection.execute("SELECT state FROM engine_checkpoint")]
    assert all(s.startswith("{") and '"fold":{' in s for s in states)


def test_a_database_busy_with_another_writer_still_suggests_at_once(db_path: Path):
    import time

    three_weeks(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        services = services_on(db_path, TODAY)
        try:
            began = time.perf_counter()
            assert services.suggest().exercises
            assert time.perf_counter() - began < 3  # not the 5 s busy timeout of a real write
        finally:
            services.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert stored(db_path) == []  # the cache was skipped, nothing else was touched


def test_the_wiping_triggers_are_in_a_database_at_the_newest_schema(db_path: Path):
    """A later migration that copies logged_set or morning_check (SQLite's batch ALTER) drops
    their triggers with them; this notices, so it re-creates them."""
    import importlib.util

    from tests.conftest import MIGRATIONS

    fresh_suggestion(db_path, TODAY)  # creates and migrates the file
    spec = importlib.util.spec_from_file_location("m0007", MIGRATIONS / "versions" / "0007_engine_checkpoints.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with sqlite3.connect(db_path) as connection:
        triggers = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        indexes = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert triggers == set(module.TRIGGERS)
    assert "ix_logged_set_day_pain" in indexes


def test_tomorrows_suggestion_resumes_from_todays_checkpoints(db_path: Path):
    """Finishing a session shows what changes next time: that suggestion (for tomorrow) picks up
    from the checkpoints too, and stores nothing (today's sets may still come)."""
    three_weeks(db_path)
    fresh_suggestion(db_path, TODAY)
    stored_before = stored(db_path)
    tomorrow = TODAY + timedelta(days=1)
    services = services_on(db_path, TODAY)
    try:
        services.log("clamshell", Side.LEFT, reps=[15, 15])
        history, _, _ = services.engine_history(tomorrow, resume=True)
        assert len(history.checkpoints) == 4
        resumed = services.suggest(tomorrow)
    finally:
        services.close()
    assert resumed == full_replay(db_path, tomorrow)
    assert stored(db_path) == stored_before


def test_a_resumed_replay_estimates_the_usual_morning_pain_from_the_first_week(db_path: Path):
    # 6.9.8: no usual level recorded: the estimate (2/10) comes from the first week's mornings,
    # which a resumed replay does not read again; resumed and full replays agree.
    services = services_on(db_path, TODAY)
    try:
        for offset in range(91, 0, -2):  # three months: more than the replay's 60-day look-back
            on = TODAY - timedelta(days=offset)
            for side in (Side.LEFT, Side.RIGHT):
                services.log("clamshell", side, reps=[12, 12], pain=1, on=on)
            # 2/10 in the first week, 1/10 after, and the last morning worse than usual.
            pain = 3 if offset == 1 else 2 if offset > 80 else 1
            services.record_morning(Side.LEFT, pain=pain, on=on + timedelta(days=1))
    finally:
        services.close()
    fresh_suggestion(db_path, TODAY - timedelta(days=1))  # stores checkpoints
    assert stored(db_path)
    services = services_on(db_path, TODAY)
    try:
        history, _, _ = services.engine_history(TODAY, resume=True)
        assert history.checkpoints  # resumed: the first week's mornings are not in `mornings`
        assert min(m.date for m in history.mornings) > TODAY - timedelta(days=80)
        assert min(m.date for m in history.usual_mornings) == TODAY - timedelta(days=90)
    finally:
        services.close()
    resumed = fresh_suggestion(db_path, TODAY)
    assert resumed == full_replay(db_path, TODAY)
    clamshell = next(a for a in resumed.exercises if a.exercise_id == "clamshell")
    left = next(d for d in clamshell.sides if d.side is Side.LEFT)
    (pm3,) = [r.text for r in left.reasons if r.rule == "PM-3"]
    assert "hurt 3/10, more than your usual 2/10 (estimated from your first week" in pm3
