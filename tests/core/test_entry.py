"""Checking what a person wants to log against the real catalogue (`trainer.core.entry`)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.catalog import parse_catalog
from trainer.core.entry import (
    Standing,
    check_date,
    check_pain,
    parse_counts,
    parse_day,
    parse_side,
    sets_to_log,
)
from trainer.core.errors import EntryError
from trainer.core.model import BODYWEIGHT, Load, SetEntry, Side

CATALOG_PATH = Path(__file__).parents[2] / "catalog.toml"
CATALOGUE = parse_catalog(CATALOG_PATH.read_text(encoding="utf-8"), source=str(CATALOG_PATH))
TODAY = date(2026, 11, 25)


def log(exercise_id: str, side: Side = Side.LEFT, **kwargs) -> list[SetEntry]:
    kwargs.setdefault("on", TODAY)
    return sets_to_log(CATALOGUE, exercise_id, side, today=TODAY, **kwargs)


def refused(exercise_id: str, side: Side = Side.LEFT, **kwargs) -> str:
    with pytest.raises(EntryError) as caught:
        log(exercise_id, side, **kwargs)
    return str(caught.value)


# -- parse_counts / parse_side / parse_day / check_pain -----------------------------------------


def test_parse_counts_reads_comma_lists():
    assert parse_counts("15,15,12", "reps") == [15, 15, 12]
    assert parse_counts(" 30 , 45 ", "hold") == [30, 45]
    assert parse_counts("0", "reps") == [0]
    assert parse_counts("-3", "reps") == [-3]  # ranges are checked by sets_to_log


@pytest.mark.parametrize("text", ["", "  ", "15,,12", "15,", ",15"])
def test_parse_counts_refuses_empty_items(text):
    with pytest.raises(EntryError) as caught:
        parse_counts(text, "hold")
    assert str(caught.value) == "--hold needs numbers separated by commas, e.g. --hold 15,15,12"


@pytest.mark.parametrize(("text", "item"), [("15,x,12", "x"), ("12.5", "12.5"), ("ten", "ten")])
def test_parse_counts_refuses_non_numbers(text, item):
    with pytest.raises(EntryError) as caught:
        parse_counts(text, "reps")
    assert str(caught.value) == f"--reps: '{item}' is not a whole number"


@pytest.mark.parametrize(("text", "side"),
                         [("left", Side.LEFT), (" Right ", Side.RIGHT), ("BOTH", Side.BOTH)])
def test_parse_side(text, side):
    assert parse_side(text) is side


def test_parse_side_refuses_other_words():
    with pytest.raises(EntryError) as caught:
        parse_side("up")
    assert str(caught.value) == "side 'up' is not one of: left, right, both"


def test_parse_day():
    assert parse_day("today", TODAY) == TODAY
    assert parse_day(" Yesterday ", TODAY) == date(2026, 11, 24)
    assert parse_day("yesterday", date(2026, 3, 1)) == date(2026, 2, 28)
    assert parse_day("2026-01-31", TODAY) == date(2026, 1, 31)
    # parse_day only reads; a future date is refused when logging (see below).
    assert parse_day("2027-01-01", TODAY) == date(2027, 1, 1)


@pytest.mark.parametrize("text", ["2026-02-30", "next week", "25/11/2026", ""])
def test_parse_day_refuses_unreadable_dates(text):
    with pytest.raises(EntryError) as caught:
        parse_day(text, TODAY)
    assert str(caught.value) == f"cannot read date '{text}': use YYYY-MM-DD, today, yesterday or tomorrow"


@pytest.mark.parametrize("pain", [None, 0, 3, 10])
def test_check_pain_accepts_the_scale(pain):
    assert check_pain(pain) == pain


@pytest.mark.parametrize("pain", [-1, 11, 100])
def test_check_pain_refuses_outside_the_scale(pain):
    with pytest.raises(EntryError) as caught:
        check_pain(pain, "groin pain")
    assert str(caught.value).startswith(f"groin pain {pain} is outside the scale 0-10")


def test_check_date():
    assert check_date(TODAY, TODAY) == TODAY
    with pytest.raises(EntryError) as caught:
        check_date(date(2026, 11, 26), TODAY)
    assert str(caught.value) == "2026-11-26 is in the future (today is 2026-11-25)"


# -- valid sets ------------------------------------------------------------------------------


def test_reps_at_entry_level_body_weight():
    entries = log("clamshell", Side.RIGHT, reps=[15, 14, 12], pain=2)
    assert [e.reps for e in entries] == [15, 14, 12]
    assert all(e.hold_s is None for e in entries)
    assert {(e.exercise_id, e.level, e.side, e.load, e.pain) for e in entries} == {
        ("clamshell", 1, Side.RIGHT, BODYWEIGHT, 2)
    }
    assert all(e.technique_ok and not e.stopped_early and not e.sharp for e in entries)


def test_holds_on_a_stretch():
    entries = log("kneeling-hip-flexor-stretch", Side.LEFT, holds=[45, 60])
    assert [(e.hold_s, e.reps, e.level) for e in entries] == [(45, None, 1), (60, None, 1)]


def test_both_sides_hold():
    entries = log("butterfly-stretch", Side.BOTH, holds=[30])
    assert [(e.side, e.hold_s) for e in entries] == [(Side.BOTH, 30)]


def test_steps_are_logged_as_reps():
    entries = log("banded-lateral-walk", Side.LEFT, reps=[12, 12], load="red-band")
    assert [(e.reps, e.load) for e in entries] == [(12, Load(band="red")), (12, Load(band="red"))]


def test_explicit_level_and_load():
    entries = log("step-up", Side.LEFT, reps=[10], level=3, load="2.5kg")
    assert [(e.level, e.load) for e in entries] == [(3, Load(kg=2.5))]


def test_load_object_is_accepted_as_is():
    entries = log("clamshell", Side.LEFT, reps=[10], level=2, load=Load(band="green"))
    assert entries[0].load == Load(band="green")


def test_flags_are_carried_onto_every_set():
    entries = log("clamshell", Side.LEFT, reps=[10, 8], pain=4, sharp=True, stopped=True,
                  poor_technique=True, on=date(2026, 11, 20))
    assert all(e.sharp and e.stopped_early and not e.technique_ok and e.pain == 4
               for e in entries)


def test_default_level_is_the_standing_level():
    standing = Standing(level=2, load=BODYWEIGHT)
    entries = log("copenhagen-plank", Side.LEFT, reps=[6, 6], standing=standing)
    assert {e.level for e in entries} == {2}


def test_default_level_is_entry_level_without_standing():
    assert log("single-leg-glute-bridge", Side.LEFT, reps=[12])[0].level == 3
    assert log("bird-dog", Side.LEFT, reps=[10])[0].level == 2
    assert log("step-up", Side.RIGHT, reps=[10])[0].level == 2


def test_standing_level_outside_ladder_falls_back_to_entry_level():
    standing = Standing(level=9, load=BODYWEIGHT)
    assert log("clamshell", Side.LEFT, reps=[10], standing=standing)[0].level == 1


def test_standing_load_is_carried_when_the_level_takes_it():
    standing = Standing(level=2, load=Load(band="green"))
    entry = log("clamshell", Side.LEFT, reps=[12], standing=standing)[0]
    assert (entry.level, entry.load) == (2, Load(band="green"))
    # Level 1 also takes a band: the band is carried to the explicit level.
    entry = log("clamshell", Side.LEFT, reps=[12], level=1, standing=standing)[0]
    assert (entry.level, entry.load) == (1, Load(band="green"))


def test_standing_load_is_dropped_where_the_level_takes_none_or_another_kind():
    band = Standing(level=2, load=Load(band="red"))
    # side-lying-leg-raise level 1 takes no load at all.
    entry = log("side-lying-leg-raise", Side.LEFT, reps=[12], level=1, standing=band)[0]
    assert (entry.level, entry.load) == (1, BODYWEIGHT)
    # side-lying-leg-raise level 2 takes weight, not a band.
    entry = log("side-lying-leg-raise", Side.LEFT, reps=[12], level=2, standing=band)[0]
    assert (entry.level, entry.load) == (2, BODYWEIGHT)
    weight = Standing(level=2, load=Load(kg=1.5))
    entry = log("side-lying-leg-raise", Side.LEFT, reps=[12], standing=weight)[0]
    assert (entry.level, entry.load) == (2, Load(kg=1.5))
    # ...and even its own weight is dropped on level 1, which takes none.
    entry = log("side-lying-leg-raise", Side.LEFT, reps=[12], level=1, standing=weight)[0]
    assert (entry.level, entry.load) == (1, BODYWEIGHT)


def test_zero_reps_count_only_when_stopped():
    message = refused("clamshell", reps=[10, 0])
    assert message == "a set of 0 reps counts only with --stopped (stopped early)"
    entries = log("clamshell", Side.LEFT, reps=[10, 0], stopped=True)
    assert [e.reps for e in entries] == [10, 0]
    assert all(e.stopped_early for e in entries)
    hold_message = refused("couch-stretch", holds=[0])
    assert hold_message == "a set of 0 seconds counts only with --stopped (stopped early)"


def test_upper_limits_are_accepted():
    assert log("clamshell", Side.LEFT, reps=[200])[0].reps == 200
    assert log("couch-stretch", Side.LEFT, holds=[600])[0].hold_s == 600
    assert len(log("clamshell", Side.LEFT, reps=[10] * 20)) == 20


# -- refusals ------------------------------------------------------------------------------------


def test_unknown_exercise_suggests_the_closest_id():
    message = refused("clamshells", reps=[10])
    assert message == "unknown exercise 'clamshells'; did you mean clamshell?"


def test_unknown_exercise_by_spoken_name():
    assert "did you mean dead-bug" in refused("Dead Bugs", reps=[10])


def test_unknown_exercise_without_anything_close():
    assert refused("zzzz", reps=[10]) == "unknown exercise 'zzzz'; see `trainer catalog`"


def test_reps_on_a_hold_exercise_names_hold():
    message = refused("couch-stretch", reps=[30])
    assert message == "couch-stretch is held for time: log it with --hold SECONDS, not --reps"


def test_hold_on_a_reps_exercise_names_reps():
    message = refused("clamshell", holds=[30])
    assert message == "clamshell counts repetitions: log it with --reps, not --hold"
    message = refused("banded-lateral-walk", holds=[30])
    assert message == "banded-lateral-walk counts steps: log it with --reps, not --hold"


def test_neither_or_both_counts():
    assert refused("couch-stretch") == (
        "give either --reps or --hold (for couch-stretch: --hold SECONDS)"
    )
    assert refused("clamshell", reps=[10], holds=[10]) == (
        "give either --reps or --hold (for clamshell: --reps COUNTS)"
    )
    assert refused("clamshell", reps=[]) == "no sets given"


def test_negative_reps():
    assert refused("clamshell", reps=[10, -1]) == "-1 reps is negative"


def test_too_many_reps():
    message = refused("clamshell", reps=[201])
    assert message == "201 reps is more than the 200 trainer accepts for a set"


def test_too_long_hold():
    message = refused("couch-stretch", holds=[601])
    assert message == "601 seconds is more than the 600 trainer accepts for a set"


def test_too_many_sets():
    message = refused("clamshell", reps=[10] * 21)
    assert message == "21 sets at once is more than the 20 trainer accepts"


@pytest.mark.parametrize("pain", [-1, 11])
def test_pain_outside_the_scale(pain):
    assert refused("clamshell", reps=[10], pain=pain).startswith(
        f"pain {pain} is outside the scale 0-10"
    )


def test_future_date():
    message = refused("clamshell", reps=[10], on=date(2026, 11, 26))
    assert message == "2026-11-26 is in the future (today is 2026-11-25)"


def test_side_both_on_an_each_side_exercise():
    message = refused("clamshell", Side.BOTH, reps=[10])
    assert message == "clamshell level 1 is logged per side: use --side left or --side right"


def test_side_left_on_a_both_sides_exercise():
    message = refused("frog-stretch", Side.LEFT, holds=[30])
    assert message == "frog-stretch level 1 works both sides at once: use --side both"


def test_sidedness_follows_the_level():
    # Bridge level 1 is a double-leg bridge (both); its entry level 3 is single-leg (each).
    assert refused("single-leg-glute-bridge", Side.RIGHT, reps=[12], level=1) == (
        "single-leg-glute-bridge level 1 works both sides at once: use --side both"
    )
    assert log("single-leg-glute-bridge", Side.BOTH, reps=[12], level=1)[0].side is Side.BOTH
    assert "level 3 is logged per side" in refused("single-leg-glute-bridge", Side.BOTH, reps=[12])


def test_load_on_a_level_that_takes_none():
    # The bridge's entry level 3 takes no load.
    message = refused("single-leg-glute-bridge", reps=[10], load="8kg")
    assert message == (
        "single-leg-glute-bridge level 3 (Single-leg bridge, foot on the floor) takes no "
        "external load; '8kg' does not fit"
    )


def test_load_of_the_wrong_kind():
    message = refused("clamshell", reps=[10], level=2, load="3kg")
    assert message.startswith("clamshell level 2 (Clamshell with feet raised) takes band;")
    assert "'3kg' does not fit" in message


def test_body_weight_fits_any_level():
    assert log("clamshell", Side.LEFT, reps=[10], level=2, load="bw")[0].load == BODYWEIGHT


def test_unknown_band_colour_lists_the_colours():
    message = refused("clamshell", reps=[10], level=2, load="purple-band")
    assert message == (
        "unknown band colour 'purple'; the catalogue's bands are: yellow, red, green, blue, black"
    )


@pytest.mark.parametrize("level", [0, 3, -1])
def test_level_outside_the_ladder(level):
    message = refused("clamshell", reps=[10], level=level)
    assert message == f"clamshell has levels 1-2; there is no level {level}"


# -- property --------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(reps=st.lists(st.integers(1, 200), min_size=1, max_size=20),
       side=st.sampled_from([Side.LEFT, Side.RIGHT]))
def test_clamshell_reps_keep_order_and_values(reps, side):
    entries = log("clamshell", side, reps=reps)
    assert [e.reps for e in entries] == reps
    assert all(e.side is side and e.level == 1 and e.hold_s is None for e in entries)


def test_parse_day_reads_tomorrow_too():
    # Issue 15.2: accepted wherever a date is; logging still refuses a day in the future.
    assert parse_day("Tomorrow", TODAY) == TODAY + timedelta(days=1)
