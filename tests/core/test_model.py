"""The domain vocabulary: loads, groups and ladders (`trainer.core.model`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.catalog import parse_catalog
from trainer.core.errors import EntryError
from trainer.core.model import BODYWEIGHT, Group, Load, LoadKind, parse_load

CATALOG_PATH = Path(__file__).parents[2] / "catalog.toml"
CATALOGUE = parse_catalog(CATALOG_PATH.read_text(encoding="utf-8"), source=str(CATALOG_PATH))
COLOURS = CATALOGUE.band_colours


# -- parse_load --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "load"),
    [
        ("8kg", Load(kg=8.0)),
        ("2.5kg", Load(kg=2.5)),
        (" 2.5 KG ", Load(kg=2.5)),
        ("0.5kg", Load(kg=0.5)),
        ("300kg", Load(kg=300.0)),
        ("red-band", Load(band="red")),
        ("Black-Band", Load(band="black")),
        ("bw", BODYWEIGHT),
        ("BW", BODYWEIGHT),
        ("bodyweight", BODYWEIGHT),
    ],
)
def test_parse_load_reads_the_accepted_forms(text, load):
    assert parse_load(text, COLOURS) == load


def test_load_kinds():
    assert parse_load("8kg", COLOURS).kind is LoadKind.WEIGHT
    assert parse_load("red-band", COLOURS).kind is LoadKind.BAND
    assert parse_load("bw", COLOURS).kind is None
    assert parse_load("bw", COLOURS).is_bodyweight
    assert not parse_load("8kg", COLOURS).is_bodyweight


@pytest.mark.parametrize("text", ["0kg", "0.0kg", "301kg", "300.5kg"])
def test_parse_load_refuses_kilograms_out_of_range(text):
    with pytest.raises(EntryError) as caught:
        parse_load(text, COLOURS)
    assert str(caught.value) == f"load '{text}' is out of range: give 0.5-300 kg"


def test_parse_load_refuses_unknown_band_listing_colours():
    with pytest.raises(EntryError) as caught:
        parse_load("purple-band", COLOURS)
    assert str(caught.value) == (
        "unknown band colour 'purple'; the catalogue's bands are: yellow, red, green, blue, black"
    )


@pytest.mark.parametrize("text", ["heavy", "8", "-2kg", "8 lb", "kg", "red", ""])
def test_parse_load_refuses_nonsense_naming_the_forms(text):
    with pytest.raises(EntryError) as caught:
        parse_load(text, COLOURS)
    message = str(caught.value)
    assert message.startswith(f"cannot read load {text!r}")
    assert "8kg" in message and "yellow-band" in message and "bw" in message


def test_parse_load_suggests_red_band_without_colours():
    with pytest.raises(EntryError) as caught:
        parse_load("heavy", ())
    assert "red-band" in str(caught.value)


def test_str_of_loads():
    assert str(Load(kg=8.0)) == "8kg"
    assert str(Load(kg=2.5)) == "2.5kg"
    assert str(Load(band="red")) == "red-band"
    assert str(BODYWEIGHT) == "bw"


@settings(max_examples=100, deadline=None)
@given(st.one_of(
    st.integers(1, 600).map(lambda halves: Load(kg=halves / 2)),
    st.sampled_from(COLOURS).map(lambda colour: Load(band=colour)),
    st.just(BODYWEIGHT),
))
def test_str_round_trips_through_parse_load(load):
    assert parse_load(str(load), COLOURS) == load


# -- Group ---------------------------------------------------------------------------------------


def test_group_order_is_session_order():
    assert [(group.value, group.order) for group in Group] == [
        ("warm-up", 0), ("mobility", 1), ("activation", 2), ("strength", 3),
        ("core", 4), ("integration", 5), ("cool-down", 6),
    ]


def test_sorting_by_group_order():
    shuffled = [Group("core"), Group("cool-down"), Group("warm-up"), Group("strength")]
    assert [g.value for g in sorted(shuffled, key=lambda g: g.order)] == [
        "warm-up", "strength", "core", "cool-down"
    ]


# -- Exercise.level ------------------------------------------------------------------------------


def test_exercise_level_is_one_based():
    clamshell = CATALOGUE.get("clamshell")
    assert clamshell.level(1) is clamshell.levels[0]
    assert clamshell.level(2).name == "Clamshell with feet raised"
    assert [clamshell.level(n).number for n in (1, 2)] == [1, 2]


@pytest.mark.parametrize("number", [0, -1, 3])
def test_exercise_level_outside_the_ladder(number):
    with pytest.raises(EntryError) as caught:
        CATALOGUE.get("clamshell").level(number)
    assert str(caught.value) == f"clamshell has levels 1-2; there is no level {number}"


def test_single_level_exercise():
    leg_swings = CATALOGUE.get("leg-swings")
    assert leg_swings.level(1) is leg_swings.entry_level
    with pytest.raises(EntryError, match="leg-swings has levels 1-1; there is no level 2"):
        leg_swings.level(2)


def test_catalogue_membership_and_get():
    assert "clamshell" in CATALOGUE
    assert "clamshells" not in CATALOGUE
    assert CATALOGUE.get("step-up").name == "Step-up"
