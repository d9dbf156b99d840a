"""Visits to a professional, stored with their dates (progression rules 6.9.14): the real CLI and
services against a real SQLite file. A past date's suggestion uses only the visits recorded on or
before it; recording a new visit never changes what an earlier day's suggestion said."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from conftest import MIGRATIONS, NOW

from trainer.core.model import Side
from trainer.core.progression import replay
from trainer.store import migrate, open_store
from trainer.store.database_file import create_private_file as _create_private_file
from trainer.store.tables import engine_for as _engine_for


def _ok(run_cli, *args: str):
    result = run_cli(*args)
    assert result.code == 0, result.err
    return result


def _suggest(run_cli, day: str) -> dict:
    return json.loads(_ok(run_cli, "suggest", "--json", "--date", day).out)


def _rules(data: dict, exercise: str = "clamshell", side: str = "left") -> set[str]:
    advice = next(e for e in data["exercises"] if e["exercise"] == exercise)
    decision = next(s for s in advice["sides"] if s["side"] == side)
    return {reason["rule"] for reason in decision["reasons"]}


def _red_twice(run_cli) -> None:
    """Pain 6/10 in two clamshell sessions in a row: RE-1 fires on the second, 2026-11-05."""
    for day in ("2026-11-03", "2026-11-05"):
        _ok(run_cli, "log", "clamshell", "--side", "left", "--reps", "12,12", "--pain", "6",
            "--date", day)


# --- the engine reads the visits with their dates ---------------------------------------------


def test_a_later_visit_does_not_lift_a_referral_in_an_earlier_days_suggestion(run_cli):
    _red_twice(run_cli)
    assert "RE-1" in _rules(_suggest(run_cli, "2026-11-10"))
    _ok(run_cli, "settings", "--seen-professional", "2026-11-20")
    # The suggestion for 10 November was made before the visit: it still refers.
    before = _suggest(run_cli, "2026-11-10")
    assert "RE-1" in _rules(before)
    assert any(r["rule"] == "RE-1" for r in before["referrals"])
    # From the day of the visit on, the referral is lifted.
    assert "RE-1" not in _rules(_suggest(run_cli, "2026-11-20"))
    assert "RE-1" not in _rules(_suggest(run_cli, "2026-11-21"))


def test_an_older_visit_recorded_later_is_kept_beside_the_latest(run_cli):
    _red_twice(run_cli)
    _ok(run_cli, "settings", "--seen-professional", "2026-11-20")
    _ok(run_cli, "settings", "--seen-professional", "2026-11-08")  # remembered afterwards
    settings = json.loads(_ok(run_cli, "settings", "--json").out)
    assert settings["seen_professional"] == "2026-11-20"  # the contract: the latest visit
    visits = json.loads(_ok(run_cli, "visits", "--json").out)
    assert visits == [{"date": "2026-11-08"}, {"date": "2026-11-20"}]
    # The referral fired on the 5th: the visit of the 8th lifts it from the 8th on, not before.
    assert "RE-1" in _rules(_suggest(run_cli, "2026-11-07"))
    assert "RE-1" not in _rules(_suggest(run_cli, "2026-11-10"))


def test_a_visit_before_the_referral_fired_does_not_lift_it(run_cli):
    _ok(run_cli, "settings", "--seen-professional", "2026-11-01")
    _red_twice(run_cli)
    assert "RE-1" in _rules(_suggest(run_cli, "2026-11-10"))


def test_an_emergency_answer_is_lifted_only_by_the_visits_up_to_that_day(run_cli):
    _ok(run_cli, "symptoms", "--yes", "saddle_numbness", "--date", "2026-11-10")
    _ok(run_cli, "settings", "--seen-professional", "2026-11-12")
    _ok(run_cli, "settings", "--seen-professional", "2026-11-20")
    # The visit of the 12th lifted the stop; the later one does not bring it back.
    lifted = _suggest(run_cli, "2026-11-15")
    assert lifted["urgent"] is False and lifted["training_blocked"] is False
    stopped = _suggest(run_cli, "2026-11-11")
    assert stopped["urgent"] is True and stopped["training_blocked"] is True


# --- storing the visits --------------------------------------------------------------------------


def test_the_same_date_twice_is_one_visit_and_visits_lists_them(run_cli):
    assert _ok(run_cli, "visits").out.startswith("No visit to a professional recorded.")
    assert json.loads(_ok(run_cli, "visits", "--json").out) == []
    for day in ("2026-11-20", "2026-11-20", "2026-11-02"):
        _ok(run_cli, "settings", "--seen-professional", day)
    text = _ok(run_cli, "visits").out
    assert "Mon 2 Nov 2026" in text and "Fri 20 Nov 2026" in text
    assert text.index("2 Nov") < text.index("20 Nov")
    assert json.loads(_ok(run_cli, "visits", "--json").out) == [
        {"date": "2026-11-02"}, {"date": "2026-11-20"}
    ]


def test_visits_refuses_what_it_does_not_take(run_cli):
    result = run_cli("visits", "--date", "2026-11-02")
    assert result.code == 2 and "Traceback" not in result.err
    future = run_cli("settings", "--seen-professional", "2026-11-26")
    assert future.code == 2 and "future" in future.err
    assert json.loads(_ok(run_cli, "visits", "--json").out) == []


def test_the_store_keeps_one_row_per_visit_date(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        assert store.add_visit(date(2026, 11, 20), NOW) is True
        assert store.add_visit(date(2026, 11, 20), NOW) is False
        assert store.add_visit(date(2026, 11, 2), NOW) is True
        assert store.visits() == [date(2026, 11, 2), date(2026, 11, 20)]
        assert store.settings().seen_professional == date(2026, 11, 20)  # the latest
    finally:
        store.close()
    connection = sqlite3.connect(db_path)
    rows = connection.execute("SELECT date, recorded_at FROM visit ORDER BY date").fetchall()
    connection.close()
    assert [day for day, _ in rows] == ["2026-11-02", "2026-11-20"]
    assert all(recorded.startswith("2026-11-25T09:30:00") for _, recorded in rows)


def test_upgrade_to_0009_keeps_the_seen_professional_date_as_a_first_visit(db_path: Path):
    _create_private_file(db_path)
    migrate(db_path, MIGRATIONS, to="0008")
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO settings (id, baseline_pain_left, seen_professional, updated_at) "
        "VALUES (1, 2, '2026-10-01', '2026-10-01T08:00:00+00:00')"
    )
    raw.commit()
    raw.close()
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        assert store.visits() == [date(2026, 10, 1)]
        assert store.settings().seen_professional == date(2026, 10, 1)
        assert store.settings().baseline_pain_left == 2
    finally:
        store.close()


def test_upgrade_to_0009_without_settings_has_no_visits(db_path: Path):
    _create_private_file(db_path)
    migrate(db_path, MIGRATIONS, to="0008")
    store = open_store(db_path, MIGRATIONS, now=NOW)
    try:
        assert store.visits() == []
    finally:
        store.close()


def test_downgrade_from_0009_keeps_the_latest_visit_in_the_settings(db_path: Path):
    store = open_store(db_path, MIGRATIONS, now=NOW)
    store.add_visit(date(2026, 11, 2), NOW)
    store.add_visit(date(2026, 11, 20), NOW)
    store.close()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = _engine_for(db_path, foreign_keys=False)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    engine.dispose()
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT seen_professional FROM settings").fetchone() == ("2026-11-20",)
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert "visit" not in tables


# --- services: the cache and the checkpoints -----------------------------------------------------


def _left(suggestion):
    advice = next(a for a in suggestion.exercises if a.exercise_id == "clamshell")
    return next(d for d in advice.sides if d.side is Side.LEFT)


def test_recording_a_visit_clears_only_the_suggestions_from_its_day_on(services):
    for day in (3, 5):
        services.log("clamshell", Side.LEFT, reps=[12, 12], pain=6, on=date(2026, 11, day))
    earlier = services.suggest(date(2026, 11, 10))
    later = services.suggest(date(2026, 11, 21))
    assert "RE-1" in [r.rule for r in _left(later).reasons]
    services.record_seen_professional(date(2026, 11, 20))
    assert services.visits() == [date(2026, 11, 20)]
    assert services.suggest(date(2026, 11, 10)) is earlier  # kept: the visit is after it
    assert "RE-1" in [r.rule for r in _left(earlier).reasons]
    assert "RE-1" not in [r.rule for r in _left(services.suggest(date(2026, 11, 21))).reasons]


def test_stored_checkpoints_are_not_reused_once_an_older_visit_is_recorded(services):
    # An amber streak: RE-4 fires on the 15th (regressing once) and again on the 17th. A visit
    # on the 16th lifts the first, so the regression moves to the suggestion after the 17th.
    for day in (1, 4, 8, 11, 15, 17):
        services.log("clamshell", Side.LEFT, reps=[12, 12], level=2, pain=4, on=date(2026, 11, day))
    services.record_seen_professional(date(2026, 11, 24))  # the latest visit, recorded first
    services.suggest()  # stores checkpoints (up to the 17th) under the visits known then
    assert services.store.checkpoints_fit(date(2026, 11, 19), services._exercise_ids(),
                                          services._engine_base(date(2026, 11, 19))[1])
    services.record_seen_professional(date(2026, 11, 16))  # the latest stays the 24th
    assert services.settings().seen_professional == date(2026, 11, 24)
    cached = services.suggest(date(2026, 11, 19))
    history, _, _ = services.engine_history(date(2026, 11, 19), resume=False)
    fresh, _ = replay(services.catalogue, history, date(2026, 11, 19))
    assert cached == fresh
    assert "RE-4" in [r.rule for r in _left(fresh).reasons]
    assert _left(fresh).prescription.level == 1  # the streak's one regression, after the 17th


# --- backups and the report ----------------------------------------------------------------------


def test_an_export_carries_the_visits_and_a_restore_adds_the_missing_ones(
    run_cli, tmp_path, services, clock
):
    from conftest import CATALOG

    from trainer.exchange import export_json, import_file
    from trainer.services import build_services

    services.record_seen_professional(date(2026, 11, 2))
    services.record_seen_professional(date(2026, 11, 20))
    exported = export_json(services)
    assert exported["visits"] == [{"date": "2026-11-02"}, {"date": "2026-11-20"}]
    assert exported["settings"]["seen_professional"] == "2026-11-20"
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(exported), encoding="utf-8")

    other = build_services(str(tmp_path / "other" / "trainer.db"), str(CATALOG), clock)
    try:
        other.record_seen_professional(date(2026, 11, 10))
        report = import_file(other, path)
        assert report.restored == {"visits": 2}
        assert other.visits() == [date(2026, 11, 2), date(2026, 11, 10), date(2026, 11, 20)]
        assert other.settings().seen_professional == date(2026, 11, 20)
        assert import_file(other, path).restored == {}  # nothing new the second time
    finally:
        other.close()


def test_an_old_export_without_visits_restores_its_seen_professional_as_a_visit(
    tmp_path, services, clock
):
    from conftest import CATALOG

    from trainer.exchange import export_json, import_file
    from trainer.services import build_services

    services.update_settings(baseline_pain_left=2)
    old = export_json(services)
    del old["visits"]
    old["settings"]["seen_professional"] = "2026-10-01"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    other = build_services(str(tmp_path / "other" / "trainer.db"), str(CATALOG), clock)
    try:
        report = import_file(other, path)
        assert report.restored == {"settings": 1, "visits": 1}
        assert other.visits() == [date(2026, 10, 1)]
        assert other.settings() == replace(
            services.settings(), seen_professional=date(2026, 10, 1)
        )
    finally:
        other.close()


def test_a_bad_visit_in_a_backup_is_refused_with_its_place(run_cli, tmp_path, services):
    from trainer.exchange import export_json

    data = export_json(services)
    data["visits"] = [{"date": "2026-11-02"}, {"date": "2026-13-40"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.code == 2 and "visits item 2" in result.err and "Traceback" not in result.err
    assert services.visits() == []
    data["visits"] = [{"date": "2026-12-02"}]  # after today
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.code == 2 and "visits item 1" in result.err


def test_the_report_lists_every_visit(run_cli, services):
    services.record_seen_professional(date(2026, 11, 2))
    services.record_seen_professional(date(2026, 11, 20))
    text = _ok(run_cli, "report").out
    assert "Seen by a professional: Mon 2 Nov 2026, Fri 20 Nov 2026." in text
