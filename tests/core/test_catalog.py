"""The catalogue parser: the real catalog.toml, and every kind of mistake a hand edit can make.

Bad catalogues are small valid TOML texts written here and then broken one field at a time, plus a
few breakages of the real file. Every error must be a CatalogError whose message names the file,
the exercise id (with the line of its `id =`), the level and the field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.catalog import parse_catalog
from trainer.core.errors import CatalogError
from trainer.core.model import DoseKind, Group, LoadKind, Sidedness

CATALOG_PATH = Path(__file__).parents[2] / "catalog.toml"
REAL_TEXT = CATALOG_PATH.read_text(encoding="utf-8")
SOURCE = "physio.toml"

REAL_IDS = {
    "leg-swings", "hip-circles", "kneeling-hip-flexor-stretch", "couch-stretch", "clamshell",
    "side-lying-leg-raise", "banded-lateral-walk", "single-leg-glute-bridge", "copenhagen-plank",
    "cossack-squat", "butterfly-stretch", "frog-stretch", "bird-dog", "dead-bug",
    "single-leg-romanian-deadlift", "step-up",
}
SESSION_ORDER = [
    "warm-up", "mobility", "activation", "strength", "core", "integration", "cool-down"
]


# -- building small catalogues by hand -------------------------------------------------------

DEFAULT_FIELDS = {
    "name": '"Test exercise"',
    "group": '"activation"',
    "muscles": '["gluteus medius"]',
    "sided": '"each"',
    "dose": '"reps"',
    "equipment": "[]",
    "steps": '["Lie on your side.", "Lift the knee."]',
    "cues": '["Slowly."]',
    "cautions": '["Stop if it hurts."]',
}
DEFAULT_LEVEL = {"name": '"Level"', "sets": "2", "min": "10", "max": "15"}


def level_block(overrides: dict[str, str | None], entry: bool) -> str:
    """One `[[exercise.level]]` table; `overrides` values are raw TOML, None drops the key."""
    fields = dict(DEFAULT_LEVEL)
    if entry:
        fields["entry"] = "true"
    fields.update(overrides)
    lines = ["[[exercise.level]]"]
    lines += [f"{key} = {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def exercise_block(
    exercise_id: str = "alpha",
    fields: dict[str, str | None] | None = None,
    levels: list[dict[str, str | None]] | None = None,
    entry_at: int | None = 1,
) -> str:
    """One `[[exercise]]` with its ladder. `fields` values are raw TOML; None drops the key.

    `levels` is a list of overrides (one per level, default: one plain level); `entry_at` is the
    1-based level that gets `entry = true` (None: no entry key anywhere).
    """
    merged: dict[str, str | None] = {"id": f'"{exercise_id}"', **DEFAULT_FIELDS}
    merged.update(fields or {})
    lines = ["[[exercise]]"]
    lines += [f"{key} = {value}" for key, value in merged.items() if value is not None]
    text = "\n".join(lines) + "\n\n"
    for number, overrides in enumerate(levels if levels is not None else [{}], start=1):
        text += level_block(overrides, entry=number == entry_at) + "\n"
    return text


HEADER = 'schema = 1\n\n[bands]\ncolours = ["yellow", "red", "green"]\n\n'


def catalogue_text(*blocks: str, header: str = HEADER) -> str:
    """A whole catalogue: the header then the exercise blocks (default: two valid exercises)."""
    if not blocks:
        blocks = (exercise_block("alpha"), exercise_block("beta-2", levels=[{}, {}], entry_at=2))
    return header + "\n".join(blocks)


def id_line(text: str, exercise_id: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th `id = "exercise_id"` in `text`."""
    needle = f'id = "{exercise_id}"'
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


def error_of(text: str, source: str = SOURCE) -> str:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, source=source)
    return str(caught.value)


def assert_names_exercise(message: str, text: str, exercise_id: str) -> None:
    """The message starts with the file and the line of the exercise's `id =`, then names it."""
    line = id_line(text, exercise_id)
    assert message.startswith(f"{SOURCE}, line {line}: exercise '{exercise_id}'"), message


# -- the real catalogue ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return parse_catalog(REAL_TEXT, source=str(CATALOG_PATH))


def test_helper_catalogue_is_valid():
    catalogue = parse_catalog(catalogue_text(), source=SOURCE)
    assert [ex.id for ex in catalogue.exercises] == ["alpha", "beta-2"]
    assert catalogue.get("beta-2").entry_level.number == 2
    assert catalogue.band_colours == ("yellow", "red", "green")
    assert catalogue.source == SOURCE


def test_real_catalogue_has_exactly_the_programme_exercises(real):
    ids = [ex.id for ex in real.exercises]
    assert len(ids) == len(set(ids)) == 16
    assert set(ids) == REAL_IDS
    assert real.source == str(CATALOG_PATH)
    assert real.band_colours == ("yellow", "red", "green", "blue", "black")


def test_real_catalogue_represents_every_group(real):
    assert {ex.group for ex in real.exercises} == set(Group)


def test_real_stretches_are_holds_of_30_to_60_seconds(real):
    holds = {ex.id for ex in real.exercises if ex.dose is DoseKind.HOLD}
    stretches = {ex.id for ex in real.exercises if ex.stretch}
    assert holds == stretches == {
        "kneeling-hip-flexor-stretch", "couch-stretch", "butterfly-stretch", "frog-stretch"
    }
    for exercise_id in stretches:
        for level in real.get(exercise_id).levels:
            assert 30 <= level.min <= level.max <= 60, (exercise_id, level.number)


def test_real_rep_exercises_follow_2_to_3_sets_of_10_to_15(real):
    counted = [
        ex for ex in real.exercises
        if ex.dose in (DoseKind.REPS, DoseKind.STEPS) and ex.id != "copenhagen-plank"
    ]
    assert len(counted) == 11
    for ex in counted:
        for level in (ex.entry_level, *ex.levels):
            assert (level.min, level.max) == (10, 15), (ex.id, level.number)
        if ex.group is Group.WARM_UP:
            # The two warm-up drills are one round of swings/circles, not training sets.
            assert ex.entry_level.sets == 1, ex.id
        else:
            assert 2 <= ex.entry_level.sets <= 3, ex.id


def test_real_single_leg_bridge_ladder(real):
    bridge = real.get("single-leg-glute-bridge")
    names = [level.name.lower() for level in bridge.levels]
    assert len(names) == 5
    assert [level.number for level in bridge.levels] == [1, 2, 3, 4, 5]
    assert "double-leg" in names[0] and "march" not in names[0]
    assert "double-leg" in names[1] and "march" in names[1]
    assert "single-leg" in names[2] and "heel" not in names[2]
    assert "single-leg" in names[3] and "heel" in names[3] and "weight" not in names[3]
    assert "heel" in names[4] and "weight" in names[4]
    assert bridge.entry_level.number == 3
    assert [level.entry for level in bridge.levels] == [False, False, True, False, False]
    assert bridge.levels[0].sided is Sidedness.BOTH
    assert bridge.sided_at(bridge.levels[0]) is Sidedness.BOTH
    assert bridge.sided_at(bridge.levels[2]) is Sidedness.EACH
    assert LoadKind.WEIGHT in bridge.levels[4].loads
    assert all(not level.loads for level in bridge.levels[:4])


def test_real_copenhagen_ladder(real):
    copenhagen = real.get("copenhagen-plank")
    assert len(copenhagen.levels) == 8
    assert copenhagen.entry_level.number == 1
    assert [level.number for level in copenhagen.levels if level.entry] == [1]
    # Isometric holds first (20 s per rep), then the dynamic long lever.
    assert [level.rep_hold_s for level in copenhagen.levels] == [20] * 5 + [None] * 3


def test_real_step_up_goes_from_low_step_to_higher_box(real):
    step_up = real.get("step-up")
    names = [level.name for level in step_up.levels]
    assert "low" in names[0].lower()
    heights = [int(re.findall(r"(\d+)\s*cm", name)[-1]) for name in names]
    assert heights == sorted(heights) and len(set(heights)) == len(heights), names


def test_by_group_runs_in_session_order(real):
    grouped = real.by_group()
    assert [group.value for group, _ in grouped] == SESSION_ORDER
    assert [group.order for group, _ in grouped] == list(range(7))
    assert sum(len(exercises) for _, exercises in grouped) == 16
    by_group = {group.value: [ex.id for ex in exercises] for group, exercises in grouped}
    assert by_group["warm-up"] == ["leg-swings", "hip-circles"]
    assert by_group["cool-down"] == ["butterfly-stretch", "frog-stretch"]
    for group, exercises in grouped:
        assert all(ex.group is group for ex in exercises)


def test_by_group_skips_groups_without_exercises():
    text = catalogue_text(
        exercise_block("late", fields={"group": '"cool-down"'}),
        exercise_block("early", fields={"group": '"warm-up"'}),
    )
    grouped = parse_catalog(text, source=SOURCE).by_group()
    assert [(group, [ex.id for ex in exs]) for group, exs in grouped] == [
        (Group.WARM_UP, ["early"]),
        (Group.COOL_DOWN, ["late"]),
    ]


# -- syntax errors -----------------------------------------------------------------------------


def test_syntax_error_names_file_and_line():
    text = catalogue_text()
    lines = text.splitlines()
    broken_line = id_line(text, "beta-2") + 1  # the `name = ...` line of beta-2
    lines[broken_line - 1] = "name = "
    message = error_of("\n".join(lines) + "\n")
    assert message.startswith(f"{SOURCE}, line {broken_line}: TOML syntax error"), message


def test_syntax_error_in_real_catalogue_names_file_and_line():
    lines = REAL_TEXT.splitlines()
    target = id_line(REAL_TEXT, "cossack-squat") + 2  # `group = "strength"`
    assert lines[target - 1].startswith("group = ")
    lines[target - 1] = 'group = "strength'
    message = error_of("\n".join(lines) + "\n", source=str(CATALOG_PATH))
    assert str(CATALOG_PATH) in message
    assert f"line {target}:" in message
    assert "TOML syntax error" in message


def test_unclosed_table_header_names_line():
    text = 'schema = 1\n\n[bands\ncolours = ["red"]\n'
    message = error_of(text)
    assert message.startswith(f"{SOURCE}, line 3: TOML syntax error"), message
    assert "column" in message


# -- missing fields ----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "dose", "group", "muscles", "sided", "steps", "cues"])
def test_missing_exercise_field_names_id_and_field(field):
    text = catalogue_text(exercise_block("alpha"), exercise_block("beta-2", fields={field: None}))
    message = error_of(text)
    assert_names_exercise(message, text, "beta-2")
    assert f"field '{field}' is missing" in message


def test_optional_exercise_fields_have_defaults():
    text = catalogue_text(
        exercise_block("alpha", fields={"equipment": None, "cautions": None})
    )
    exercise = parse_catalog(text, source=SOURCE).get("alpha")
    assert exercise.equipment == ()
    assert exercise.cautions == ()
    assert exercise.rest_s == 60
    assert exercise.stretch is False


def test_missing_id_names_exercise_position():
    text = catalogue_text(exercise_block("alpha"), exercise_block("beta-2", fields={"id": None}))
    message = error_of(text)
    assert message == f"{SOURCE}: exercise #2: field 'id' is missing"


@pytest.mark.parametrize("field", ["name", "sets", "min", "max"])
def test_missing_level_field_names_id_level_and_field(field):
    text = catalogue_text(exercise_block("alpha", levels=[{}, {field: None}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "level 2" in message
    assert f"field '{field}' is missing" in message


def test_missing_dose_in_real_catalogue():
    text = REAL_TEXT.replace('id = "couch-stretch"\nname = "Couch stretch"\ngroup = "mobility"\n'
                             'muscles = ["rectus femoris", "iliopsoas"]\nsided = "each"\n'
                             'dose = "hold"\n',
                             'id = "couch-stretch"\nname = "Couch stretch"\ngroup = "mobility"\n'
                             'muscles = ["rectus femoris", "iliopsoas"]\nsided = "each"\n')
    assert text != REAL_TEXT
    message = error_of(text)
    assert_names_exercise(message, text, "couch-stretch")
    assert "field 'dose' is missing" in message


def test_missing_name_in_real_catalogue():
    text = REAL_TEXT.replace('id = "step-up"\nname = "Step-up"\n', 'id = "step-up"\n')
    assert text != REAL_TEXT
    message = error_of(text)
    assert_names_exercise(message, text, "step-up")
    assert "field 'name' is missing" in message


# -- wrong types -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("muscles", '"glutes"', "must be a list [...], not a text in quotes"),
        ("name", "3", "must be a text in quotes, not a whole number"),
        ("stretch", '"no"', "must be true or false, not a text in quotes"),
        ("rest_s", "true", "must be a whole number, not true or false"),
        ("rest_s", "45.5", "must be a whole number, not a number"),
        ("group", '["core"]', "must be a text in quotes, not a list [...]"),
        ("steps", '"Lie down."', "must be a list [...], not a text in quotes"),
        ("level", '{ name = "x" }', "must be a list [...], not a table"),
    ],
)
def test_wrong_exercise_field_type_names_id_and_field(field, value, expected):
    levels = [] if field == "level" else None  # `level` given inline replaces the tables
    text = catalogue_text(
        exercise_block("alpha"), exercise_block("beta-2", fields={field: value}, levels=levels)
    )
    message = error_of(text)
    assert_names_exercise(message, text, "beta-2")
    assert f"field '{field}' {expected}" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("sets", '"two"', "must be a whole number, not a text in quotes"),
        ("sets", "true", "must be a whole number, not true or false"),
        ("min", "10.0", "must be a whole number, not a number"),
        ("entry", '"yes"', "must be true or false, not a text in quotes"),
        ("loads", '"band"', "must be a list [...], not a text in quotes"),
        ("rep_hold_s", "false", "must be a whole number, not true or false"),
        ("how", "[]", "must be a text in quotes, not a list [...]"),
    ],
)
def test_wrong_level_field_type_names_id_level_and_field(field, value, expected):
    text = catalogue_text(exercise_block("alpha", levels=[{field: value}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert ", level 1:" in message
    assert f"field '{field}' {expected}" in message


def test_list_item_of_wrong_type_names_item():
    text = catalogue_text(exercise_block("alpha", fields={"cues": '["Slowly.", 3]'}))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "field 'cues' item 2 must be a non-empty text" in message


def test_level_that_is_not_a_table():
    text = catalogue_text(exercise_block("alpha", fields={"level": "[1, 2]"}, levels=[]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "level 1" in message and "[[exercise.level]]" in message


def test_wrong_type_in_real_catalogue():
    old = 'id = "clamshell"\nname = "Clamshell"\ngroup = "activation"\nmuscles = ['
    new_start = REAL_TEXT.index(old)
    end = REAL_TEXT.index("]\n", new_start) + 1
    head = old[: -len("muscles = [")]
    text = REAL_TEXT[:new_start] + head + 'muscles = "glutes"' + REAL_TEXT[end:]
    message = error_of(text)
    assert_names_exercise(message, text, "clamshell")
    assert "field 'muscles' must be a list" in message


# -- unknown keys ------------------------------------------------------------------------------


def test_unknown_top_level_key():
    message = error_of(catalogue_text(header='schema = 1\nversion = 2\n\n'))
    assert message.startswith(f"{SOURCE}: unknown field 'version'"), message
    assert "allowed: assessment, bands, exercise, schema" in message


def test_unknown_band_key():
    header = 'schema = 1\n\n[bands]\ncolors = ["red"]\n\n'
    message = error_of(catalogue_text(header=header))
    assert message.startswith(f"{SOURCE}: [bands]: unknown field 'colors'"), message
    assert "colours" in message


def test_unknown_exercise_key():
    text = catalogue_text(exercise_block("alpha"), exercise_block("beta-2", fields={"reps": "12"}))
    message = error_of(text)
    assert_names_exercise(message, text, "beta-2")
    assert "unknown field 'reps'" in message
    assert "rest_s" in message  # the allowed keys are listed


def test_unknown_level_key():
    text = catalogue_text(exercise_block("alpha", levels=[{}, {"reps": "12"}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert ", level 2: unknown field 'reps'" in message
    assert "rep_hold_s" in message


def test_misspelt_key_in_real_catalogue():
    text = REAL_TEXT.replace('id = "dead-bug"\nname = "Dead bug"\n',
                             'id = "dead-bug"\nname = "Dead bug"\nrest = 45\n')
    assert text != REAL_TEXT
    message = error_of(text)
    assert_names_exercise(message, text, "dead-bug")
    assert "unknown field 'rest'" in message


# -- ids, ladders, entries ---------------------------------------------------------------------


def test_duplicate_id_names_the_id_and_field():
    text = catalogue_text(exercise_block("alpha"), exercise_block("alpha"))
    message = error_of(text)
    assert "exercise 'alpha'" in message
    assert "field 'id' duplicates" in message


def test_duplicate_id_points_at_the_duplicate_line():
    text = REAL_TEXT.replace('id = "hip-circles"', 'id = "leg-swings"')
    message = error_of(text)
    duplicate_line = id_line(text, "leg-swings", occurrence=2)
    assert message.startswith(f"{SOURCE}, line {duplicate_line}:"), message


def test_empty_ladder():
    text = catalogue_text(exercise_block("alpha", fields={"level": "[]"}, levels=[]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "field 'level' is empty" in message


def test_no_levels_at_all():
    text = catalogue_text(exercise_block("alpha"), exercise_block("beta-2", levels=[]))
    message = error_of(text)
    assert_names_exercise(message, text, "beta-2")
    assert "field 'level' is missing" in message


def test_min_greater_than_max():
    text = catalogue_text(exercise_block("alpha", levels=[{}, {"min": "16", "max": "12"}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert ", level 2:" in message
    assert "field 'min' (16) is greater than field 'max' (12)" in message


def test_min_equal_to_max_is_fine():
    text = catalogue_text(exercise_block("alpha", levels=[{"min": "6", "max": "6"}]))
    level = parse_catalog(text, source=SOURCE).get("alpha").levels[0]
    assert (level.min, level.max) == (6, 6)


@pytest.mark.parametrize(
    ("overrides", "dose", "expected"),
    [
        ({"min": "0"}, "reps", "field 'min' is 0; it must be at least 1"),
        ({"max": "201"}, "reps", "field 'max' is 201; at most 200 reps"),
        ({"max": "201"}, "steps", "field 'max' is 201; at most 200 steps"),
        ({"min": "30", "max": "601"}, "hold", "field 'max' is 601; at most 600 seconds"),
        ({"sets": "0"}, "reps", "field 'sets' is 0; use 1-10"),
        ({"sets": "11"}, "reps", "field 'sets' is 11; use 1-10"),
        ({"rep_hold_s": "0"}, "reps", "field 'rep_hold_s' is 0; use 1-600"),
        ({"name": '"   "'}, "reps", "field 'name' is empty"),
    ],
)
def test_level_values_out_of_range(overrides, dose, expected):
    text = catalogue_text(exercise_block("alpha", fields={"dose": f'"{dose}"'}, levels=[overrides]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert f", level 1: {expected}" in message


def test_hold_allows_up_to_600_seconds_but_reps_only_200():
    hold = catalogue_text(
        exercise_block("alpha", fields={"dose": '"hold"'}, levels=[{"min": "300", "max": "600"}])
    )
    assert parse_catalog(hold, source=SOURCE).get("alpha").levels[0].max == 600


def test_no_entry_level():
    text = catalogue_text(exercise_block("alpha", levels=[{}, {}], entry_at=None))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "field 'entry' must be true on exactly one level (found none)" in message


def test_two_entry_levels():
    text = catalogue_text(exercise_block("alpha", levels=[{}, {}, {"entry": "true"}], entry_at=1))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "field 'entry' must be true on exactly one level (found levels 1, 3)" in message


def test_second_entry_level_in_real_catalogue():
    marker = 'name = "Short lever, bottom leg lifted, isometric"\n'
    text = REAL_TEXT.replace(marker, marker + "entry = true\n")
    assert text != REAL_TEXT
    message = error_of(text, source=str(CATALOG_PATH))
    line = id_line(text, "copenhagen-plank")
    assert message.startswith(f"{CATALOG_PATH}, line {line}: exercise 'copenhagen-plank'"), message
    assert "'entry'" in message and "found levels 1, 2" in message


@pytest.mark.parametrize("bad_id", ["Clamshell", "clam_shell", "-clam", "clam-", "clam--shell",
                                    "clam shell", "", "clämshell"])
def test_bad_id_format(bad_id):
    text = catalogue_text(exercise_block("alpha"), exercise_block(bad_id))
    message = error_of(text)
    assert message.startswith(f"{SOURCE}: exercise #2: field 'id' is '{bad_id}'"), message
    assert "lower-case letters, digits and single hyphens" in message


def test_id_with_trailing_newline_is_refused():
    text = catalogue_text(exercise_block("alpha"), exercise_block("beta\\n"))
    message = error_of(text)
    assert "exercise #2: field 'id'" in message


# -- enumerations and cross-field rules --------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("group", "warmup", ", ".join(SESSION_ORDER)),
        ("sided", "left", "each, alternating, both"),
        ("dose", "seconds", "reps, hold, steps"),
    ],
)
def test_bad_exercise_enum_lists_allowed_values(field, value, allowed):
    text = catalogue_text(exercise_block("alpha"),
                          exercise_block("beta-2", fields={field: f'"{value}"'}))
    message = error_of(text)
    assert_names_exercise(message, text, "beta-2")
    assert f"field '{field}' is '{value}'; use one of: {allowed}" in message


def test_bad_level_sided_lists_allowed_values():
    text = catalogue_text(exercise_block("alpha", levels=[{"sided": '"sometimes"'}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert ", level 1: field 'sided' is 'sometimes'; use one of: each, alternating, both" in message


def test_bad_load_kind_lists_allowed_values():
    text = catalogue_text(exercise_block("alpha", levels=[{"loads": '["band", "kettlebell"]'}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert ", level 1: field 'loads' has 'kettlebell'; use any of: band, weight" in message


def test_bad_group_in_real_catalogue():
    text = REAL_TEXT.replace('group = "warm-up"', 'group = "warmup"', 1)
    message = error_of(text)
    assert_names_exercise(message, text, "leg-swings")
    assert "'warmup'" in message and "warm-up, mobility" in message


def test_stretch_with_reps_dose():
    text = catalogue_text(exercise_block("alpha", fields={"stretch": "true"}))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "field 'stretch' is true but field 'dose' is not 'hold'" in message


def test_stretch_with_hold_dose_is_fine():
    text = catalogue_text(exercise_block(
        "alpha", fields={"stretch": "true", "dose": '"hold"'}, levels=[{"min": "30", "max": "60"}]
    ))
    exercise = parse_catalog(text, source=SOURCE).get("alpha")
    assert exercise.stretch and exercise.counts_seconds


def test_levels_parse_optional_fields():
    text = catalogue_text(exercise_block("alpha", levels=[
        {"sided": '"both"', "how": '"  Both feet down. "'},
        {"loads": '["band", "weight", "band"]', "rep_hold_s": "8"},
    ]))
    first, second = parse_catalog(text, source=SOURCE).get("alpha").levels
    assert first.sided is Sidedness.BOTH and first.how == "Both feet down." and not first.loads
    assert second.loads == (LoadKind.BAND, LoadKind.WEIGHT)
    assert second.rep_hold_s == 8 and second.sided is None and second.how == ""


@pytest.mark.parametrize("schema", ["2", "0"])
def test_wrong_schema_version(schema):
    message = error_of(catalogue_text(header=f"schema = {schema}\n\n"))
    assert message == f"{SOURCE}: field 'schema' is {schema}; this trainer reads schema 1"


def test_missing_schema():
    message = error_of(catalogue_text(header="\n"))
    assert message == f"{SOURCE}: field 'schema' is missing"


def test_schema_wrong_type():
    message = error_of(catalogue_text(header='schema = "1"\n\n'))
    assert "field 'schema' must be a whole number" in message


def test_no_exercises():
    assert error_of("schema = 1\n") == f"{SOURCE}: field 'exercise' is missing"
    assert "no [[exercise]] entries" in error_of("schema = 1\nexercise = []\n")


def test_duplicate_band_colour():
    header = 'schema = 1\n\n[bands]\ncolours = ["red", "RED"]\n\n'
    message = error_of(catalogue_text(header=header))
    assert message == f"{SOURCE}: [bands]: field 'colours' lists a colour twice"


def test_default_band_colours_when_bands_missing():
    catalogue = parse_catalog(catalogue_text(header="schema = 1\n\n"), source=SOURCE)
    assert catalogue.band_colours == ("yellow", "red", "green", "blue", "black")


# -- properties --------------------------------------------------------------------------------

_IDS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@st.composite
def ladders(draw):
    dose = draw(st.sampled_from(["reps", "hold", "steps"]))
    ceiling = 600 if dose == "hold" else 200
    count = draw(st.integers(1, 6))
    levels = []
    for _ in range(count):
        low = draw(st.integers(1, ceiling))
        high = draw(st.integers(low, ceiling))
        sets = draw(st.integers(1, 10))
        levels.append((sets, low, high))
    entry = draw(st.integers(1, count))
    return dose, levels, entry


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ids=st.lists(_IDS, min_size=1, max_size=4, unique=True), data=st.data())
def test_any_valid_minimal_catalogue_round_trips(ids, data):
    drawn = {exercise_id: data.draw(ladders()) for exercise_id in ids}
    blocks = [
        exercise_block(
            exercise_id,
            fields={"dose": f'"{dose}"'},
            levels=[{"sets": str(s), "min": str(lo), "max": str(hi)} for s, lo, hi in levels],
            entry_at=entry,
        )
        for exercise_id, (dose, levels, entry) in drawn.items()
    ]
    catalogue = parse_catalog(catalogue_text(*blocks), source=SOURCE)
    assert [ex.id for ex in catalogue.exercises] == ids
    for exercise_id, (dose, levels, entry) in drawn.items():
        exercise = catalogue.get(exercise_id)
        assert exercise.dose is DoseKind(dose)
        assert len(exercise.levels) == len(levels)
        assert [level.number for level in exercise.levels] == list(range(1, len(levels) + 1))
        assert exercise.entry_level.number == entry
        assert [(lv.sets, lv.min, lv.max) for lv in exercise.levels] == levels


_NOISE = st.sampled_from(list('"\'=[]{},.#\n\\ 0123456789-abefhilnrstuyz') + ["\x00", "é"])


@settings(max_examples=80, deadline=None)
@given(edits=st.lists(
    st.tuples(st.sampled_from(["delete", "insert", "replace"]),
              st.integers(0, len(REAL_TEXT) - 1), _NOISE),
    min_size=1, max_size=4,
))
def test_mutated_real_catalogue_parses_or_raises_catalog_error(edits):
    chars = list(REAL_TEXT)
    for op, position, char in edits:
        position = min(position, len(chars) - 1)
        if op == "delete":
            del chars[position]
        elif op == "insert":
            chars.insert(position, char)
        else:
            chars[position] = char
    text = "".join(chars)
    try:
        catalogue = parse_catalog(text, source=SOURCE)
    except CatalogError as error:
        assert str(error).startswith(SOURCE)
    else:
        assert len(catalogue.exercises) >= 1


# -- load_required (progression rules 6.9.5) --------------------------------------------------------


def test_a_level_that_requires_a_load_must_name_one():
    text = catalogue_text(exercise_block("alpha", levels=[{"load_required": "true"}]))
    message = error_of(text)
    assert_names_exercise(message, text, "alpha")
    assert "'load_required' is true but 'loads' names no band or weight" in message


def test_load_required_is_read_and_false_by_default(real):
    walk = real.get("banded-lateral-walk")
    assert all(level.load_required for level in walk.levels)
    assert not real.get("clamshell").level(1).load_required  # a band there is optional
    text = catalogue_text(exercise_block("alpha", levels=[{"loads": '["band"]', "load_required": "true"}]))
    assert parse_catalog(text, source=SOURCE).get("alpha").level(1).load_required
