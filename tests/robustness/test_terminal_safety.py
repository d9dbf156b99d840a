"""Issue 18.4: text that came from a file never acts on the terminal.

An exercise name with escape sequences (retitle the window, clear the screen) in an imported file
is shown with its control characters made visible; a catalogue holding one is refused with its
place, so no face (CLI, report, TUI) ever prints it.
"""

from __future__ import annotations

import pytest

from tests.conftest import CATALOG

EVIL = "Evil\x1b]0;TITLE\x07\x1b[2J"
STRONG_HEAD = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"


def _no_controls(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)


def test_an_imported_name_with_escape_sequences_is_shown_escaped(run_cli, tmp_path):
    path = tmp_path / "strong.csv"
    path.write_text(
        f'{STRONG_HEAD}\n2026-11-16 18:00:00,"Rehab",30m,"{EVIL}",1,0,12,0,0,"","",\n', encoding="utf-8"
    )
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code == 0, result.err
    _no_controls(result.out)
    assert "Evil\\x1b]0;TITLE\\x07\\x1b[2J" in result.out  # visible, not acted on


@pytest.mark.parametrize("field", ["name", "steps", "cues", "aliases"])
def test_a_catalogue_with_a_control_character_is_refused_with_its_place(run_cli, tmp_path, field):
    text = CATALOG.read_text(encoding="utf-8")
    target = {
        "name": ('name = "Clamshell"\ngroup', f'name = "Clam{EVIL}"\ngroup'),
        "steps": ('steps = [\n', f'steps = [\n    "{EVIL}",\n'),
        "cues": ('cues = [\n', f'cues = [\n    "{EVIL}",\n'),
        "aliases": ('aliases = ["Clam"', f'aliases = ["{EVIL}"'),
    }[field]
    assert target[0] in text
    broken = tmp_path / "catalog.toml"
    escaped = target[1].replace("\x1b", "\\u001b").replace("\x07", "\\u0007")  # TOML escapes
    broken.write_text(text.replace(target[0], escaped, 1), encoding="utf-8")
    for command in (["catalog"], ["suggest"], ["report"], ["plan", "show"]):
        result = run_cli(*command, "--catalog", str(broken))
        assert result.code == 2, (command, result)
        assert "control character" in result.err and "line" in result.err
        _no_controls(result.err + result.out)


# --- every import format, any control character in any text field (hypothesis) ----------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

HEVY_HEAD = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"'
)
FITNOTES_HEAD = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
_CONTROLS = st.sampled_from(["\x1b[2J", "\x1b]0;X\x07", "\x07", "\x9b31m", "\u202e", "\x00", "\r"])
_TEXT = st.lists(st.one_of(st.text("abc XYZ-", min_size=1, max_size=4), _CONTROLS), min_size=1, max_size=5).map("".join)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["strong", "hevy", "fitnotes"]), name=_TEXT, note=_TEXT)
def test_control_characters_in_any_import_field_never_reach_the_terminal(run_cli, tmp_path, fmt, name, note):
    n, q = _quoted(name), _quoted(note)
    row = {
        "strong": (STRONG_HEAD, f"2026-11-16 18:00:00,{q},30m,{n},1,0,12,0,0,{q},{q},"),
        "hevy": (HEVY_HEAD, f'{q},"16 Nov 2026, 08:00","16 Nov 2026, 08:40",{q},{n},,{q},0,"normal",,12,,,'),
        "fitnotes": (FITNOTES_HEAD, f"2026-11-16,{n},Legs,,,12,,,,{q}"),
    }[fmt]
    path = tmp_path / f"{fmt}.csv"
    path.write_text("\n".join(row) + "\n", encoding="utf-8")
    result = run_cli("import", str(path), "--weight-unit", "kg")
    assert result.code in (0, 2), result
    shown = result.out + result.err
    assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e\x00\r"), repr(shown)
    assert "Traceback" not in shown
