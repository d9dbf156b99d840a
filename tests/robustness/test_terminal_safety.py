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
