"""A JSON backup holds everything (#16.4): a database with a row in every table, backed up with
`trainer export --format json` and restored with `trainer import` into a new database, comes back
table by table, row by row; a Strong file imported before the backup adds nothing when imported
again after the restore; a backup whose new sections are broken is refused whole.

The tables are read from the database file itself (sqlite_master), not from a list kept here: a
table added later fails `test_every_table_comes_back_row_by_row` until the backup carries it or
DERIVED_TABLES names it with the reason it need not be carried. The same goes for a column added
later to a table (IGNORED_COLUMNS).
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import CliResult
from test_exchange import LAST_WEEK, STRONG_FILE, YESTERDAY, _hand_made_history, needs_samples

from trainer.core.model import Side
from trainer.core.prescription import TEMPLATE

# Tables a restore does not fill from the backup, each with why that loses nothing.
DERIVED_TABLES = {
    "alembic_version": "the schema's revision, written by the migrations of every new database",
    "engine_checkpoint": "the progression engine's cache, rebuilt from the sets on demand "
    "(migration 0007); triggers wipe it whenever the data it was made from changes",
    "engine_data_version": "a counter the triggers bump on every change the engine reads; it "
    "only tells whether a checkpoint is still fresh",
}

# Columns whose values a restore legitimately gives anew, each with why.
SURROGATE = "a row id the database assigns; restored rows get new ones"
WRITTEN_AT = (
    "when this database wrote the row (nothing reads it back); a restore writes the row anew"
)
IGNORED_COLUMNS = {
    ("*", "id"): SURROGATE,
    ("plan", "created_at"): WRITTEN_AT,
    ("morning_check", "recorded_at"): WRITTEN_AT,
    ("settings", "updated_at"): WRITTEN_AT,
    ("symptom_answer", "recorded_at"): WRITTEN_AT,
    ("visit", "recorded_at"): WRITTEN_AT,
    ("assessment_result", "recorded_at"): WRITTEN_AT,
    ("pain_stop_choice", "recorded_at"): WRITTEN_AT,
    ("prescription", "loaded_at"): WRITTEN_AT,
}
# Foreign keys (logged_set.session_id) are compared as the row they point to, ids left out.


def _ignored(table: str, column: str) -> bool:
    return ("*", column) in IGNORED_COLUMNS or (table, column) in IGNORED_COLUMNS


def _tables(connection: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def _comparable(connection: sqlite3.Connection, table: str) -> list[tuple]:
    """Every row of `table` without its ignored columns, a foreign key replaced by the row it
    points to (itself comparable), sorted: the same data gives the same list in any database."""
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    keys = {
        row[3]: (row[2], row[4])  # from column: (table, to column)
        for row in connection.execute(f"PRAGMA foreign_key_list({table})")
    }
    result = []
    for row in connection.execute(f"SELECT * FROM {table}"):
        values = []
        for column, value in zip(columns, row, strict=True):
            if column in keys:
                target, target_column = keys[column]
                pointed = connection.execute(
                    f"SELECT * FROM {target} WHERE {target_column} = ?", (value,)
                ).fetchone()
                target_columns = [r[1] for r in connection.execute(f"PRAGMA table_info({target})")]
                value = tuple(
                    (c, v) for c, v in zip(target_columns, pointed, strict=True) if not _ignored(target, c)
                )
            elif _ignored(table, column):
                continue
            values.append((column, value))
        result.append(tuple(values))
    return sorted(result, key=repr)


def _dump(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        return {table: _comparable(connection, table) for table in _tables(connection)}


def _raw_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in _tables(connection)
        }


def _ok(result: CliResult) -> CliResult:
    assert result.code == 0, result.err
    return result


def _everything(services, run_cli) -> None:
    """A row in every table, the ways a person fills them: the hand-made history of
    test_exchange (settings, plans, sessions, sets, mornings, checklist answers, a visit), an
    answer marked as a mistake, a self-assessment, a Strong file imported, and a suggestion
    (which stores the engine's checkpoints)."""
    _hand_made_history(services)
    services.record_symptoms(["saddle_numbness"], on=LAST_WEEK)
    services.mark_symptoms_mistaken()
    services.record_symptoms([], on=date(2026, 11, 25))
    services.record_assessment("single-leg-bridge-test", Side.LEFT, 18, on=LAST_WEEK)
    services.record_assessment("single-leg-bridge-test", Side.RIGHT, 26, pain=2, on=LAST_WEEK)
    services.record_assessment("pelvis-drop", Side.LEFT, "yes", on=YESTERDAY)
    services.record_assessment("single-leg-stance", Side.RIGHT, 30, on=YESTERDAY)
    # A name mapped with --map (remembered for the next Strong import) and the import itself.
    _ok(run_cli("import", str(STRONG_FILE), "--map", "Hip Thrust=single-leg-glute-bridge:5"))
    for offset in range(2, 30, 3):  # enough history before today for the engine to checkpoint
        day = date.fromordinal(date(2026, 11, 25).toordinal() - offset - 7)
        services.log("clamshell", Side.LEFT, reps=[15, 15], pain=1, on=day)
        services.log("clamshell", Side.RIGHT, reps=[15], pain=0, on=day)
    # Red pain on the left clamshell today, and the choice to carry on with the right side.
    services.log("clamshell", Side.LEFT, reps=[12], pain=7)
    services.record_pain_choice("clamshell", Side.LEFT, True)
    # A prescription from a physiotherapist, in force from last week (issue 19).
    rx = Path(services.store.path).parent / "prescription.toml"
    rx.write_text(TEMPLATE)
    services.load_prescription(str(rx), starts_on=LAST_WEEK)
    services.suggest()  # today's: the CLI's would be for the next planned day, not stored


@needs_samples
def test_every_table_comes_back_row_by_row(services, run_cli, db_path, tmp_path):
    _everything(services, run_cli)
    counts = _raw_counts(db_path)
    assert {table for table, n in counts.items() if n == 0} == set(), (
        "the fixture must fill every table: add rows for a new table to _everything"
    )
    backup = tmp_path / "backup.json"
    _ok(run_cli("export", "--format", "json", "--output", str(backup)))

    restored = tmp_path / "restored" / "trainer.db"
    _ok(run_cli("import", str(backup), "--db", str(restored), db=False))

    original, copy = _dump(db_path), _dump(restored)
    assert set(copy) == set(original)
    for table in sorted(original):
        if table in DERIVED_TABLES:
            continue
        assert copy[table] == original[table], f"table {table} did not come back as it was"


@needs_samples
def test_a_strong_file_imported_again_after_a_restore_adds_nothing(
    services, run_cli, db_path, tmp_path
):
    first = json.loads(_ok(run_cli("import", str(STRONG_FILE), "--json")).out)
    assert first["added"] == 3
    backup = tmp_path / "backup.json"
    _ok(run_cli("export", "--format", "json", "--output", str(backup)))

    restored = tmp_path / "restored" / "trainer.db"
    _ok(run_cli("import", str(backup), "--db", str(restored), db=False))
    again = json.loads(
        _ok(run_cli("import", str(STRONG_FILE), "--json", "--db", str(restored), db=False)).out
    )
    assert (again["added"], again["duplicates_skipped"]) == (0, 3)
    assert _dump(restored)["logged_set"] == _dump(db_path)["logged_set"]


def test_the_assessment_comes_back(services, run_cli, tmp_path):
    services.record_assessment("single-leg-bridge-test", Side.LEFT, 18, pain=3, on=LAST_WEEK)
    services.record_assessment("pelvis-drop", Side.RIGHT, "no", on=YESTERDAY)
    before = json.loads(_ok(run_cli("assess", "show", "--json")).out)
    backup = tmp_path / "backup.json"
    _ok(run_cli("export", "--format", "json", "--output", str(backup)))

    restored = tmp_path / "restored" / "trainer.db"
    report = json.loads(
        _ok(run_cli("import", str(backup), "--json", "--db", str(restored), db=False)).out
    )
    assert report["restored"] == {"assessment_results": 2}
    after = json.loads(_ok(run_cli("assess", "show", "--json", "--db", str(restored), db=False)).out)
    assert after == before
    # A second import adds nothing.
    report = json.loads(
        _ok(run_cli("import", str(backup), "--json", "--db", str(restored), db=False)).out
    )
    assert report["restored"] == {}


def _backup_of(services, run_cli, tmp_path: Path) -> dict:
    services.record_assessment("single-leg-bridge-test", Side.LEFT, 18, pain=3, on=LAST_WEEK)
    services.log("clamshell", Side.LEFT, reps=[15, 12], on=YESTERDAY)
    path = tmp_path / "source.json"
    _ok(run_cli("export", "--format", "json", "--output", str(path)))
    return json.loads(path.read_text(encoding="utf-8"))


def test_an_older_backup_without_the_new_sections_still_restores(services, run_cli, tmp_path):
    data = _backup_of(services, run_cli, tmp_path)
    del data["assessment_results"]
    for item in data["sets"]:
        del item["import_key"]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    restored = tmp_path / "restored" / "trainer.db"
    report = json.loads(
        _ok(run_cli("import", str(path), "--json", "--db", str(restored), db=False)).out
    )
    assert report["added"] == 2 and "assessment_results" not in report["restored"]
    copy, original = _dump(restored), _dump(services.store.path)
    assert copy["assessment_result"] == []
    # Such sets get the key that recognises them, as before: the rest of each set is the same.
    def strip(rows: list[tuple]) -> list[tuple]:
        return [tuple(c for c in row if c[0] != "import_key") for row in rows]

    assert strip(copy["logged_set"]) == strip(original["logged_set"])
    again = json.loads(
        _ok(run_cli("import", str(path), "--json", "--db", str(restored), db=False)).out
    )
    assert (again["added"], again["duplicates_skipped"]) == (0, 2)


def test_a_result_already_here_is_kept_and_the_difference_noted(services, run_cli, tmp_path):
    data = _backup_of(services, run_cli, tmp_path)
    data["assessment_results"][0]["value"] = 25
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = json.loads(_ok(run_cli("import", str(path), "--json")).out)
    assert "assessment_results" not in report["restored"]
    assert any("1 self-assessment results differ" in note for note in report["notes"])
    assert [r.value for r in services.store.assessment_results()] == [18]


def test_results_of_a_test_the_catalogue_lacks_are_left_out_with_a_note(
    services, run_cli, tmp_path
):
    data = _backup_of(services, run_cli, tmp_path)
    data["assessment_results"].append(
        {"date": "2026-11-20", "test": "thomas-test", "side": "left", "value": 1, "pain": None}
    )
    path = tmp_path / "other-catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    restored = tmp_path / "restored" / "trainer.db"
    report = json.loads(
        _ok(run_cli("import", str(path), "--json", "--db", str(restored), db=False)).out
    )
    assert report["restored"]["assessment_results"] == 1
    assert any("thomas-test (1)" in note and "--catalog" in note for note in report["notes"])


def _bridge(**changes) -> dict:
    item = {"date": "2026-11-20", "test": "single-leg-bridge-test", "side": "right", "value": 20,
            "pain": None}
    return {**item, **changes}


# What is broken in the new sections -> what the message says (after the file's name).
BROKEN = {
    "results not a list": (
        lambda d: d.update(assessment_results={"date": "2026-11-20"}),
        r"'assessment_results' should be a list, not an object",
    ),
    "result not an object": (
        lambda d: d["assessment_results"].append("bridge 20"),
        r"assessment_results item 2: expected an object \{\.\.\.\}, found text",
    ),
    "result without a test": (
        lambda d: d["assessment_results"].append({"date": "2026-11-20", "side": "left",
                                                  "value": 3}),
        r"assessment_results item 2: 'test' is missing",
    ),
    "result of both sides": (
        lambda d: d["assessment_results"].append(_bridge(side="both")),
        r"assessment_results item 2: side 'both' is not left or right",
    ),
    "value beyond the test's": (
        lambda d: d["assessment_results"].append(_bridge(value=500)),
        r"assessment_results item 2: 500 reps is more than 100",
    ),
    "value as text": (
        lambda d: d["assessment_results"].append(_bridge(value="20")),
        r"assessment_results item 2: 'value' should be a whole number, not text",
    ),
    "pain off the scale": (
        lambda d: d["assessment_results"].append(_bridge(pain=11)),
        r"assessment_results item 2: pain 11 is outside the scale 0-10",
    ),
    "result in the future": (
        lambda d: d["assessment_results"].append(_bridge(date="2026-12-01")),
        r"assessment_results item 2: the result of 2026-12-01 is in the future",
    ),
    "a result twice": (
        lambda d: d["assessment_results"].append(_bridge(side="left", date="2026-11-18")),
        (
            r"assessment_results item 2: a second result of single-leg-bridge-test, left side, "
            r"on 2026-11-18 \(the first is item 1\)"
        ),
    ),
    "import key a number": (
        lambda d: d["sets"][1].update(import_key=7),
        r"sets item 2: 'import_key' should be text, not a number",
    ),
    "import key empty": (
        lambda d: d["sets"][1].update(import_key=" "),
        r"sets item 2: 'import_key' is empty",
    ),
    "import key twice": (
        lambda d: [s.update(import_key="strong:2021-07-07|Birddog|1") for s in d["sets"]],
        r"sets item 2: 'import_key' 'strong:2021-07-07\|Birddog\|1' is also sets item 1's",
    ),
}


@pytest.mark.parametrize("what", list(BROKEN))
def test_a_backup_with_a_broken_new_section_exits_2_and_changes_nothing(
    services, run_cli, db_path, tmp_path, what
):
    data = _backup_of(services, run_cli, tmp_path)
    breaks, message = BROKEN[what]
    breaks(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for db in (db_path, tmp_path / "empty" / "trainer.db"):  # the source, and an empty database
        if not db.exists():
            _ok(run_cli("history", "--db", str(db), db=False))
        before = _dump(db)
        result = run_cli("import", str(path), "--db", str(db), db=False)
        assert result.code == 2, result.out
        assert result.out == ""
        assert re.match(f"trainer: error: {re.escape(str(path))}[,:] ", result.err), result.err
        assert result.err.count("\n") == 1 and re.search(message, result.err), result.err
        assert _dump(db) == before
