"""A prescription from a physiotherapist, run by the app (issue 19): loading it (a bad file changes
nothing), the plan composed from it, today's session, the engine held to its caps and its stricter
pain limit, and the runner stopping at that limit. Real SQLite file, the real services."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from trainer.core.model import Side
from trainer.core.prescription import TEMPLATE, PrescriptionError
from trainer.core.progression import Outcome
from trainer.core.session import stop_advised

TODAY = date(2026, 11, 25)  # the conftest clock: a Wednesday


def _file(tmp_path: Path, text: str = TEMPLATE, name: str = "prescription.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_bad_file_is_refused_and_changes_nothing(services, tmp_path, db_path):
    bad = _file(tmp_path, TEMPLATE.replace("sets = 3", "sets = 30"))
    with pytest.raises(PrescriptionError, match=r"prescription.toml, line 13: exercise 'clamshell': field 'sets'"):
        services.load_prescription(str(bad))
    assert _rows(db_path, "prescription") == 0
    assert services.prescription_in_force() is None
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(PrescriptionError, match="does not exist"):
        services.load_prescription(str(missing))


def test_the_plan_holds_only_the_prescribed_exercises_as_often_as_prescribed(services, tmp_path):
    services.set_plan([0, 2, 4], start=TODAY, minutes=45)
    everything = {e for s in services.upcoming(TODAY, weeks=2) for e in s.exercises}
    assert "dead-bug" in everything  # the whole catalogue before
    services.load_prescription(str(_file(tmp_path)))
    sessions = services.upcoming(TODAY + timedelta(days=5), weeks=2)  # from Monday 30 Nov
    held = {e for s in sessions for e in s.exercises}
    assert held == {
        "clamshell", "single-leg-glute-bridge", "copenhagen-plank", "side-lying-leg-raise",
        "kneeling-hip-flexor-stretch",
    }
    for monday in (date(2026, 11, 30), date(2026, 12, 7)):
        week = [s for s in sessions if monday <= s.date < monday + timedelta(days=7)]
        assert len(week) == 3
        assert sum("copenhagen-plank" in s.exercises for s in week) == 2  # per_week = 2
        assert all("clamshell" in s.exercises for s in week)


def test_a_prescription_from_a_later_day_leaves_the_days_before_it(services, tmp_path):
    services.set_plan([0, 2, 4], start=TODAY, minutes=45)
    services.load_prescription(str(_file(tmp_path)), starts_on=date(2026, 12, 7))
    sessions = services.upcoming(TODAY, weeks=3)
    before = [s for s in sessions if s.date < date(2026, 12, 7)]
    after = [s for s in sessions if s.date >= date(2026, 12, 7)]
    assert any("dead-bug" in s.exercises for s in before)
    assert after and not any("dead-bug" in s.exercises for s in after)
    assert services.prescription_in_force() is None
    assert services.prescription_in_force(date(2026, 12, 7)).starts_on == date(2026, 12, 7)


def test_today_runs_the_prescription_with_its_notes_sides_and_doses(services, tmp_path):
    services.set_plan([0, 2, 4], start=TODAY, minutes=45)
    services.load_prescription(str(_file(tmp_path)))
    view = services.today_view()
    assert view.prescription is not None and view.prescription.prescription.written_by.startswith("Sam")
    items = {i.exercise.id: i for i in view.items}
    assert set(items) <= set(view.prescription.prescription.exercise_ids)
    clamshell = items["clamshell"]
    assert clamshell.note == "Keep the heels together and the pelvis still."
    for decision in clamshell.decisions:
        rx = decision.prescription
        assert (rx.sets, rx.reps_min, rx.reps_max) == (3, 12, 15)
    raise_ = items["side-lying-leg-raise"]
    assert [d.side for d in raise_.decisions] == [Side.RIGHT]  # the right side only
    assert items["copenhagen-plank"].pain_limit == 3
    # The engine's suggestion (the CLI's, the report's) has no left side for it either.
    advice = {a.exercise_id: a for a in services.suggest().exercises}
    assert [d.side for d in advice["side-lying-leg-raise"].sides] == [Side.RIGHT]
    assert "dead-bug" not in advice


def test_the_engine_never_goes_past_the_prescribed_level(services, tmp_path):
    """A bridge done at level 4 before the prescription, whose cap is level 2: the engine carries
    on from level 2 and, however well the sets go, prescribes nothing above it."""
    services.set_plan([0, 2, 4], start=TODAY - timedelta(days=30), minutes=45)
    for offset in range(27, 0, -2):
        day = TODAY - timedelta(days=offset)
        for side in (Side.LEFT, Side.RIGHT):
            services.log("single-leg-glute-bridge", side, reps=[15, 15, 15], level=4, pain=0, on=day)
    services.load_prescription(str(_file(tmp_path)), starts_on=TODAY - timedelta(days=14))
    for offset in range(13, 0, -2):
        day = TODAY - timedelta(days=offset)
        for side in (Side.LEFT, Side.RIGHT):
            services.log("single-leg-glute-bridge", side, reps=[15, 15], level=2, pain=0, on=day)
    advice = {a.exercise_id: a for a in services.suggest().exercises}
    for decision in advice["single-leg-glute-bridge"].sides:
        assert decision.prescription is not None
        assert decision.prescription.level <= 2
        assert decision.prescription.reps_max <= 15


def test_the_runner_stops_above_the_physiotherapists_pain_limit(services, tmp_path):
    services.set_plan([0, 2, 4], start=TODAY, minutes=45)
    services.load_prescription(str(_file(tmp_path)))
    item = next(i for i in services.today_view().items if i.exercise.id == "copenhagen-plank")
    logged = services.log_one_set("copenhagen-plank", Side.LEFT, 6, level=1, load="bw", pain=4)
    assert stop_advised(logged, item.pain_limit)
    assert not stop_advised(logged)  # 4/10 is no stop without the prescription
    item = next(i for i in services.today_view().items if i.exercise.id == "copenhagen-plank")
    assert item.stopped_sides == frozenset({Side.LEFT})


def test_each_loaded_prescription_is_kept_with_its_dates(services, tmp_path):
    first = services.load_prescription(str(_file(tmp_path)), starts_on=date(2026, 11, 1))
    second = services.load_prescription(
        str(_file(tmp_path, TEMPLATE.replace("sets = 3", "sets = 2"), "second.toml")), starts_on=date(2026, 11, 20)
    )
    kept = services.prescriptions()
    assert [(p.id, p.starts_on, p.source) for p in kept] == [
        (first.id, date(2026, 11, 1), first.source), (second.id, date(2026, 11, 20), second.source),
    ]
    assert kept[0].text == TEMPLATE
    assert services.prescription_in_force(date(2026, 11, 10)).id == first.id
    assert services.prescription_in_force().id == second.id


def test_each_side_starts_at_its_prescribed_level(services, tmp_path):
    services.set_plan([0, 2, 4], start=TODAY, minutes=45)
    services.load_prescription(str(_file(tmp_path)))
    advice = {a.exercise_id: a for a in services.suggest().exercises}
    levels = {d.side: d.prescription.level for d in advice["clamshell"].sides}
    assert levels == {Side.LEFT: 2, Side.RIGHT: 1}
    reasons = {d.side: d.reasons[0].text for d in advice["clamshell"].sides}
    assert "level 2" in reasons[Side.LEFT] and "level 1" in reasons[Side.RIGHT]


def test_the_engine_never_adds_a_set_past_the_prescribed_sets(services, tmp_path):
    """Two sets prescribed: sessions at the top of the range step up the reps or the level, never
    to a third set (the programme alone would allow three)."""
    text = TEMPLATE.replace("sets = 3\nreps = [12, 15]", "sets = 2\nreps = [12, 15]")
    services.set_plan([0, 2, 4], start=TODAY - timedelta(days=30), minutes=45)
    services.load_prescription(str(_file(tmp_path, text)), starts_on=TODAY - timedelta(days=30))
    for offset in range(27, 0, -2):
        day = TODAY - timedelta(days=offset)
        for side in (Side.LEFT, Side.RIGHT):
            done = services.suggest(day)
            level = next(d for a in done.exercises if a.exercise_id == "clamshell" for d in a.sides if d.side is side)
            rx = level.prescription
            services.log("clamshell", side, reps=[rx.reps_max] * rx.sets, level=rx.level, load="bw", pain=0, on=day)
    for decision in next(a for a in services.suggest().exercises if a.exercise_id == "clamshell").sides:
        assert decision.prescription.sets <= 2


def test_pain_above_the_prescribed_limit_steps_back_and_says_why(services, tmp_path):
    """Clamshell with a limit of 3/10: 4/10 (which the programme alone would call acceptable)
    steps back with the physiotherapist's reason, and no reason calls it acceptable."""
    text = TEMPLATE.replace("sets = 3\nreps = [12, 15]", "sets = 3\nreps = [12, 15]\npain_limit = 3")
    services.set_plan([0, 2, 4], start=TODAY - timedelta(days=10), minutes=45)
    services.load_prescription(str(_file(tmp_path, text)), starts_on=TODAY - timedelta(days=10))
    yesterday = TODAY - timedelta(days=1)
    services.log("clamshell", Side.LEFT, reps=[12, 12, 12], level=2, load="bw", pain=4, on=yesterday)
    services.log("clamshell", Side.RIGHT, reps=[12, 12, 12], level=1, load="bw", pain=1, on=yesterday)
    clamshell = next(a for a in services.suggest().exercises if a.exercise_id == "clamshell")
    left = next(d for d in clamshell.sides if d.side is Side.LEFT)
    assert left.decision is Outcome.REGRESS
    assert [r.rule for r in left.reasons][0] == "RX-1"
    assert "your physiotherapist set 3/10" in left.reasons[0].text
    assert not any("acceptable" in r.text for r in left.reasons)
    right = next(d for d in clamshell.sides if d.side is Side.RIGHT)
    assert right.decision is not Outcome.REGRESS


def test_a_prescribed_start_level_restarts_the_exercise_from_the_prescription_day(services, tmp_path):
    """A patient with weeks of clamshells at level 1 and two sets: from the day the prescription
    applies, each side starts at its prescribed level with the prescribed sets."""
    services.set_plan([0, 2, 4], start=TODAY - timedelta(days=30), minutes=45)
    for offset in range(27, 2, -2):
        day = TODAY - timedelta(days=offset)
        for side in (Side.LEFT, Side.RIGHT):
            services.log("clamshell", side, reps=[12, 12], level=1, load="bw", pain=1, on=day)
    services.load_prescription(str(_file(tmp_path)))
    clamshell = next(a for a in services.suggest().exercises if a.exercise_id == "clamshell")
    doses = {d.side: (d.prescription.level, d.prescription.sets) for d in clamshell.sides}
    assert doses == {Side.LEFT: (2, 3), Side.RIGHT: (1, 3)}
    # The bridge's prescription gives a start level too; the side-lying leg raise's gives none, so
    # it carries on from its history (none here: the catalogue's entry level).
    raise_ = next(a for a in services.suggest().exercises if a.exercise_id == "side-lying-leg-raise")
    assert [d.prescription.level for d in raise_.sides] == [2]


def test_a_plan_without_a_length_says_what_each_session_holds(services, tmp_path, run_cli):
    """No session length: the whole programme each session, or every prescribed exercise once a
    prescription is in force (the report and `plan show` say the same words)."""
    services.set_plan([0, 2, 4], start=TODAY, minutes=None)
    assert "the whole programme each session" in services.report("md")
    services.load_prescription(str(_file(tmp_path)))
    assert "every prescribed exercise each session" in services.report("md")
    assert "every prescribed exercise each session" in run_cli("plan", "show").out
