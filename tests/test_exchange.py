"""Export and import against real SQLite files: a JSON round trip of a hand-made history, each real
sample imported twice, bad files (exit 2, the row named, the database unchanged), the export files.

`data_cli` runs `export`/`import` through `trainer.cli_data` with the CLI's own option parser and
error handling, before the lead wires them into `trainer.cli`; the tests marked `wired` run the same
through the real entry point once `trainer.cli._DATA_COMMANDS_WIRED` is set.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest
from conftest import CATALOG, CliResult

import trainer.cli
from trainer.cli import data as cli_data
from trainer.core.errors import UserError
from trainer.core.importers import TRAINER_CSV_COLUMNS
from trainer.core.model import Side
from trainer.exchange import export_csv, export_json, import_file
from trainer.services import build_services

SAMPLES = Path("/work/shared/samples")
STRONG_FILE = SAMPLES / "strong-export-legacy-format.csv"
HEVY_FILE = SAMPLES / "hevy-export.csv"
FITNOTES_FILE = SAMPLES / "fitnotes-android-export.csv"
needs_samples = pytest.mark.skipif(
    not all(p.exists() for p in (STRONG_FILE, HEVY_FILE, FITNOTES_FILE)),
    reason="the real sample exports are not here",
)
wired = pytest.mark.skipif(
    not hasattr(trainer.cli, "_DATA_COMMANDS_WIRED"), reason="wired by the lead"
)

YESTERDAY = date(2026, 11, 24)
LAST_WEEK = date(2026, 11, 18)


@pytest.fixture
def data_cli(db_path: Path, clock):
    """`trainer export|import ...` through cli_data, as trainer.cli will run it once wired."""

    def run(*args: str) -> CliResult:
        parser = trainer.cli._Parser(prog="trainer")
        commands = parser.add_subparsers(dest="command")
        cli_data.add_parsers(commands, trainer.cli._common_options())
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                namespace = parser.parse_args(
                    [*args, "--db", str(db_path), "--catalog", str(CATALOG)]
                )
                code = cli_data.main(namespace, clock)
            except UserError as error:
                print(f"trainer: error: {error}", file=err)
                code = 2
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def _history_checksum(run_cli) -> str:
    result = run_cli("history", "--json")
    assert result.code == 0, result.err
    return hashlib.sha256(result.out.encode()).hexdigest()


def _hand_made_history(services) -> None:
    """A bit of everything, logged the ways the app logs: settings, two plan versions, sets with
    bands, kilograms, holds, sharp pain and stops on past days, today's finished session, morning
    checks and symptom answers. The clock is fixed, so many sets share one logged_at."""
    services.update_settings(
        baseline_pain_left=2, baseline_pain_right=1, dumbbells_kg=[4, 6.5, 8],
        bands=["yellow", "red", "green"], seen_professional=date(2026, 10, 1),
    )
    services.set_plan(
        weekdays=(0, 2, 4), start=date(2026, 11, 2), involved_side=Side.LEFT, minutes=30
    )
    services.set_plan(weekdays=(0, 1, 3, 5))  # a change: a second version from next week
    services.log(
        "clamshell", Side.LEFT, reps=[15, 12], level=2, load="red-band", pain=2, on=LAST_WEEK
    )
    services.log(
        "clamshell", Side.RIGHT, reps=[15], level=2, load="green-band", pain=0, on=LAST_WEEK
    )
    services.log("couch-stretch", Side.LEFT, holds=[30, 45], pain=1, on=LAST_WEEK)
    services.log("step-up", Side.RIGHT, reps=[10, 8], load="6.5kg", pain=4, sharp=True,
                 stopped=True, poor_technique=True, on=YESTERDAY)
    services.log("bird-dog", Side.LEFT, reps=[10], on=YESTERDAY)
    services.log("frog-stretch", Side.BOTH, holds=[40], on=YESTERDAY)
    services.record_morning(Side.LEFT, 3, 2, on=YESTERDAY)
    services.record_morning(Side.BOTH, 1, on=date(2026, 11, 25))
    services.record_symptoms([], on=LAST_WEEK)
    services.record_symptoms(["weight_loss", "night_or_rest_pain"], on=YESTERDAY)
    services.record_symptoms([], on=YESTERDAY)  # a second answer the same day
    services.start_session()
    services.log_one_set("dead-bug", Side.RIGHT, 12, level=1, load="bw", pain=0)
    services.finish_session()


def _open(tmp_path: Path, clock, name: str):
    return build_services(str(tmp_path / name / "trainer.db"), str(CATALOG), clock)


# --- JSON round trip --------------------------------------------------------------------------


def test_json_round_trip_of_a_hand_made_history(services, clock, tmp_path):
    _hand_made_history(services)
    first = export_json(services)
    assert len(first["sets"]) == 10 and len(first["plans"]) == 2 and len(first["sessions"]) == 3
    assert len(first["morning_checks"]) == 3 and len(first["symptom_answers"]) == 3
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first), encoding="utf-8")

    other = _open(tmp_path, clock, "other")
    try:
        report = import_file(other, path)
        assert report.added == 10 and report.duplicates == 0 and report.unmapped == {}
        assert report.restored == {
            "settings": 1, "plans": 2, "sessions": 3, "morning_checks": 3, "symptom_answers": 3,
            "visits": 1,
        }
        second = export_json(other)
        assert second == first  # nothing lost: every field of every record comes back
        # Field by field, what the contract names: sharp, stopped, holds, bands, kilograms.
        step = [s for s in second["sets"] if s["exercise"] == "step-up"]
        assert [(s["sharp"], s["stopped"], s["technique_ok"], s["load_kg"]) for s in step] == [
            (True, True, False, 6.5)
        ] * 2
        assert [s["hold_s"] for s in second["sets"] if s["exercise"] == "couch-stretch"] == [30, 45]
        assert [s["load_band"] for s in second["sets"] if s["exercise"] == "clamshell"] == [
            "red", "red", "green"
        ]
        # And a second import of the same file adds nothing at all.
        before = export_json(other)
        again = import_file(other, path)
        assert (again.added, again.duplicates, again.restored) == (0, 10, {})
        assert export_json(other) == before
    finally:
        other.close()


def test_json_round_trip_keeps_a_done_session_without_finish_time(services, clock, tmp_path):
    services.log("clamshell", Side.LEFT, reps=[15], on=YESTERDAY)  # past day: done, no finish
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        assert export_json(other) == export_json(services)
    finally:
        other.close()


def test_json_round_trip_keeps_set_numbers_with_a_gap(services, clock, tmp_path):
    services.start_session()
    logged = services.log("clamshell", Side.LEFT, reps=[15, 14, 13])
    services.delete_set(logged[1].id)
    services.finish_session()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        assert [s["set"] for s in export_json(other)["sets"]] == [1, 3]
    finally:
        other.close()


def test_importing_an_export_into_its_own_database_adds_nothing(services, tmp_path, run_cli):
    _hand_made_history(services)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    before = _history_checksum(run_cli)
    report = import_file(services, path)
    assert (report.added, report.duplicates, report.restored) == (0, 10, {})
    assert _history_checksum(run_cli) == before
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(export_csv(services), encoding="utf-8")
    report = import_file(services, csv_path)
    assert (report.format, report.added, report.duplicates) == ("trainer-csv", 0, 10)


def test_a_csv_export_imports_its_sets_into_an_empty_database(services, clock, tmp_path):
    _hand_made_history(services)
    path = tmp_path / "export.csv"
    path.write_text(export_csv(services), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        report = import_file(other, path)
        assert report.added == 10
        # The CSV has no import keys: its sets are stored with the keys that recognise them.
        strip = lambda rows: [{k: v for k, v in s.items() if k != "import_key"} for s in rows]  # noqa: E731
        assert strip(export_json(other)["sets"]) == strip(export_json(services)["sets"])
        assert import_file(other, path).added == 0
    finally:
        other.close()


def test_a_backup_keeps_what_the_database_already_has(services, clock, tmp_path):
    _hand_made_history(services)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        other.update_settings(baseline_pain_left=5)
        other.set_plan(weekdays=(1, 3, 5))
        report = import_file(other, path)
        assert other.settings().baseline_pain_left == 5
        assert len(other.plans()) == 1
        assert any("settings differ" in note for note in report.notes)
        assert any("already has a plan" in note for note in report.notes)
        assert report.added == 10
    finally:
        other.close()


# --- the real samples, twice ------------------------------------------------------------------


@needs_samples
@pytest.mark.parametrize(
    "path, extra, added, mapped",
    [
        (STRONG_FILE, (), 3, {"bird-dog": 3}),
        (STRONG_FILE, ("--weight-unit", "lbs"), 6,
         {"bird-dog": 3, "single-leg-romanian-deadlift": 3}),
        (HEVY_FILE, (), 0, {}),
        (FITNOTES_FILE, (), 0, {}),
    ],
)
def test_each_real_sample_imports_once_and_adds_nothing_the_second_time(
    data_cli, run_cli, path, extra, added, mapped
):
    first = data_cli("import", str(path), *extra, "--json")
    assert first.code == 0, first.err
    report = json.loads(first.out)
    assert report["added"] == added and report["mapped"] == mapped
    assert report["unmapped"]  # gym exercises: listed, not imported
    history = run_cli("history", "--json")
    assert len(json.loads(history.out)) == added
    checksum = _history_checksum(run_cli)
    second = data_cli("import", str(path), *extra, "--json")
    assert second.code == 0, second.err
    again = json.loads(second.out)
    assert again["added"] == 0 and again["duplicates_skipped"] == added
    assert _history_checksum(run_cli) == checksum


@needs_samples
def test_strong_weights_given_a_unit_later_are_added_without_duplicating(data_cli, run_cli):
    assert json.loads(data_cli("import", str(STRONG_FILE), "--json").out)["added"] == 3
    later = json.loads(data_cli("import", str(STRONG_FILE), "--weight-unit", "lbs", "--json").out)
    assert (later["added"], later["duplicates_skipped"]) == (3, 3)
    sets = json.loads(run_cli("history", "--json").out)
    assert sorted(s["load"] for s in sets) == ["19.96kg"] * 3 + ["bw"] * 3
    assert {s["side"] for s in sets} == {"both"} and {s["pain"] for s in sets} == {None}


@needs_samples
def test_the_text_report_lists_counts_and_unmapped_names(data_cli):
    result = data_cli("import", str(HEVY_FILE))
    assert result.code == 0, result.err
    out = result.out
    assert "Hevy export, 567 rows" in out
    assert "added:" in out and "already there, skipped:" in out and "not sets, skipped:" in out
    assert "Bicep Curl (Dumbbell) (36)" in out
    assert "warm-ups" in out


# --- bad files --------------------------------------------------------------------------------


def _seed(services) -> None:
    services.log("clamshell", Side.LEFT, reps=[15, 12], on=YESTERDAY)


STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def _strong_row(order: int, reps: str = "3") -> str:
    return f'2022-07-19 19:11:24,"MOBILITY",2h 26m,"Birddog",{order},0,{reps},0,0,"",,'


# name -> (file name, content, what the error message says)
BAD_FILES = {
    "empty": ("empty.csv", "", r"empty\.csv is empty"),
    "unknown header": (
        "unknown.csv", "when,what\n2026-01-01,run\n",
        r"unknown\.csv, row 1: not a file trainer can import",
    ),
    "bad row mid-file": (
        # Good rows of a mapped exercise before and after row 5, which has no number of reps.
        "bad.csv",
        "\n".join([STRONG_HEADER, *(_strong_row(n) for n in (1, 2, 3)), _strong_row(4, "lots"),
                   *(_strong_row(n) for n in (5, 6))]),
        r"bad\.csv, row 5: Reps 'lots'",
    ),
    "truncated json": (
        "truncated.json", '{"format": "trainer-export", "version": 1, "sets": [{"date": ',
        r"truncated\.json, line 1, column \d+: not valid JSON",
    ),
    "binary": ("binary.db", "SQLite format 3\x00\x01\x02", r"binary\.db holds binary data"),
}


def _bad_file(tmp_path: Path, what: str) -> tuple[Path, str]:
    name, text, message = BAD_FILES[what]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, message


@pytest.mark.parametrize("what", list(BAD_FILES))
def test_a_bad_file_exits_2_with_the_row_and_changes_nothing(
    services, data_cli, run_cli, tmp_path, what
):
    _seed(services)
    path, message = _bad_file(tmp_path, what)
    before = _history_checksum(run_cli)
    result = data_cli("import", str(path))
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("trainer: error: ") and result.err.count("\n") == 1
    assert re.search(message, result.err), result.err
    assert _history_checksum(run_cli) == before
    assert services.store.count_sets() == 2


def test_a_bad_row_after_good_mapped_rows_imports_none_of_them(services, tmp_path):
    path, _ = _bad_file(tmp_path, "bad row mid-file")
    with pytest.raises(UserError):
        import_file(services, path)
    assert services.store.count_sets() == 0 and services.store.sessions() == []


def test_a_missing_file_or_a_folder_is_refused_before_the_database_is_opened(
    data_cli, db_path, tmp_path
):
    result = data_cli("import", str(tmp_path / "nowhere.csv"))
    assert result.code == 2 and "nowhere.csv does not exist" in result.err
    result = data_cli("import", str(tmp_path))
    assert result.code == 2 and "is a directory" in result.err
    assert not db_path.exists()


# --- export -----------------------------------------------------------------------------------


def test_export_csv_has_the_header_and_one_row_per_set(services, data_cli):
    services.log("step-up", Side.RIGHT, reps=[10], load="6.5kg", pain=4, sharp=True, on=YESTERDAY)
    services.log("couch-stretch", Side.LEFT, holds=[30], on=YESTERDAY)
    result = data_cli("export", "--format", "csv")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == ",".join(TRAINER_CSV_COLUMNS)
    assert lines[0] == (
        "date,exercise,level,side,set,reps,hold_s,load,pain,sharp,stopped,technique_ok,logged_at"
    )
    assert lines[1] == (
        "2026-11-24,step-up,2,right,1,10,,6.5kg,4,true,false,true,2026-11-25T09:30:00+00:00"
    )
    assert lines[2].startswith("2026-11-24,couch-stretch,") and ",30,bw,," in lines[2]
    assert len(lines) == 3


def test_export_json_to_stdout_is_the_whole_backup(services, data_cli):
    _hand_made_history(services)
    result = data_cli("export", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format"] == "trainer-export" and data["version"] == 1
    assert data == export_json(services)
    assert data["plans"][0]["rrule"].startswith("DTSTART:20261102")
    assert data["settings"]["dumbbells_kg"] == [4.0, 6.5, 8.0]


def test_an_export_file_is_readable_by_its_owner_only(services, data_cli, tmp_path):
    _seed(services)
    target = tmp_path / "out" / "backup.json"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o644)
    result = data_cli("export", "--format", "json", "--output", str(target))
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["sets"][0]["exercise"] == "clamshell"
    assert "backup.json" in result.out
    assert [p.name for p in target.parent.iterdir()] == ["backup.json"]  # no temporary left


def test_export_refuses_a_folder_and_a_path_it_cannot_write(services, data_cli, tmp_path):
    result = data_cli("export", "--format", "csv", "--output", str(tmp_path))
    assert result.code == 2 and "is a directory" in result.err
    missing = tmp_path / "no" / "such" / "x.csv"
    result = data_cli("export", "--format", "csv", "--output", str(missing))
    assert result.code == 2 and "does not exist" in result.err
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = data_cli("export", "--format", "csv", "--output", str(locked / "x.csv"))
        if result.code == 0:  # running as root: the folder's mode does not stop it
            pytest.skip("root can write into a read-only folder")
        assert result.code == 2 and "cannot write" in result.err
    finally:
        locked.chmod(0o700)


def test_export_needs_a_known_format(data_cli):
    result = data_cli("export", "--format", "xml")
    assert result.code == 2 and "invalid choice" in result.err


# --- through the real entry point, once wired -------------------------------------------------


@wired
@needs_samples
def test_cli_import_sample_twice(run_cli):
    first = run_cli("import", str(STRONG_FILE), "--json")
    assert first.code == 0, first.err
    assert json.loads(first.out)["mapped"] == {"bird-dog": 3}
    second = run_cli("import", str(STRONG_FILE), "--json")
    assert json.loads(second.out)["added"] == 0


@wired
def test_cli_import_bad_file_exits_2(run_cli, tmp_path, services):
    _seed(services)
    path, _ = _bad_file(tmp_path, "bad row mid-file")
    before = _history_checksum(run_cli)
    result = run_cli("import", str(path))
    assert result.code == 2 and "row 5" in result.err
    assert _history_checksum(run_cli) == before


@wired
def test_cli_export_round_trip(run_cli, services, tmp_path):
    _hand_made_history(services)
    target = tmp_path / "backup.json"
    result = run_cli("export", "--format", "json", "--output", str(target))
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = run_cli("import", str(target), "--json")
    assert again.code == 0 and json.loads(again.out)["added"] == 0
    csv_out = run_cli("export", "--format", "csv")
    assert csv_out.out.splitlines()[0] == ",".join(TRAINER_CSV_COLUMNS)


def test_the_streamed_export_is_the_same_text_as_the_whole_document(services, clock):
    """`export` writes piece by piece (years of sets are never all in memory); the text is
    exactly what encoding the whole document at once gives, with and without sets."""
    from trainer.exchange import export_chunks

    def whole() -> str:
        return json.dumps(export_json(services), indent=2, ensure_ascii=False) + "\n"

    assert "".join(export_chunks(services, "json")) == whole()  # an empty database: "sets": []
    _hand_made_history(services)
    assert "".join(export_chunks(services, "json")) == whole()
    assert "".join(export_chunks(services, "csv")) == export_csv(services)


def test_the_history_is_printed_as_it_is_read_and_matches_the_whole_dump(services, run_cli):
    """`trainer history --json` writes one set at a time; the text is what one json.dumps of
    the list gives."""
    from trainer.cli.format.sets import json_array_lines, set_json

    assert "".join(json_array_lines([])) == json.dumps([], indent=2)
    _hand_made_history(services)
    sets = services.history()
    assert "".join(json_array_lines(set_json(s) for s in sets)) == json.dumps(
        [set_json(s) for s in sets], indent=2, ensure_ascii=False
    )
    printed = run_cli("history", "--json")
    assert printed.code == 0 and json.loads(printed.out) == [set_json(s) for s in sets]


def test_a_backup_keeps_an_answer_marked_as_a_mistake(services, clock, tmp_path):
    """6.9.13: the mark goes into the JSON backup and comes back, so a restore does not stop
    training again over an answer the person already withdrew."""
    services.record_symptoms(["saddle_numbness"])
    services.mark_symptoms_mistaken()
    assert services.training_block() is None
    first = export_json(services)
    assert [a["mistaken"] for a in first["symptom_answers"]] == [True]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        assert export_json(other)["symptom_answers"] == first["symptom_answers"]
        assert other.training_block() is None
    finally:
        other.close()


def test_an_older_backup_without_the_mistake_mark_still_imports(services, clock, tmp_path):
    services.record_symptoms(["weight_loss"])
    data = export_json(services)
    for answer in data["symptom_answers"]:
        del answer["mistaken"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        assert [a.mistaken for a in other.symptom_answers()] == [False]
    finally:
        other.close()


def test_importing_an_older_backup_does_not_bring_back_an_answer_marked_as_a_mistake(
    services, tmp_path
):
    """6.9.13: the backup was made before the person marked the emergency answer a mistake. The
    file's answer is the same answer, not a new one: the mark stays and training is not stopped
    again (a mark is only ever added, never taken away by an import)."""
    services.record_symptoms(["saddle_numbness"])
    path = tmp_path / "before-the-mark.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    services.mark_symptoms_mistaken()
    report = import_file(services, path)
    assert "symptom_answers" not in report.restored
    assert [a.mistaken for a in services.symptom_answers()] == [True]
    assert services.training_block() is None


def test_importing_a_backup_with_the_mark_marks_the_same_answer_already_here(
    services, clock, tmp_path
):
    services.record_symptoms(["saddle_numbness"])
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_json(services)), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        other.mark_symptoms_mistaken()
        path.write_text(json.dumps(export_json(other)), encoding="utf-8")
    finally:
        other.close()
    assert services.training_block() is not None
    report = import_file(services, path)
    assert report.restored.get("symptom_answers", 0) == 1  # one answer brought up to date
    assert [a.mistaken for a in services.symptom_answers()] == [True]
    assert services.training_block() is None


def test_a_backup_keeps_a_usual_morning_pain_not_recorded(services, clock, tmp_path):
    # 6.9.8: null in the file is "not recorded", not 0; a recorded 0 stays a recorded 0.
    services.update_settings(baseline_pain_right=0, involved_side="left")
    data = export_json(services)
    assert (data["settings"]["baseline_pain_left"], data["settings"]["baseline_pain_right"]) == (None, 0)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    other = _open(tmp_path, clock, "other")
    try:
        import_file(other, path)
        settings = other.settings()
        assert (settings.baseline_pain_left, settings.baseline_pain_right) == (None, 0)
        assert settings.involved_side is Side.LEFT
    finally:
        other.close()
