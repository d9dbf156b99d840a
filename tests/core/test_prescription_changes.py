"""What a new prescription changes (issue 19.5): the sentences shown before it is loaded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.model import Side
from trainer.core.prescription import (
    TEMPLATE,
    PhysioPrescription,
    PrescribedExercise,
    parse_prescription,
    prescription_changes,
)
from trainer.paths import catalog_path
from trainer.services import load_catalogue

CATALOGUE = load_catalogue(catalog_path(None))
TEMPLATE_RX = parse_prescription(TEMPLATE, CATALOGUE)


def name(exercise_id: str) -> str:
    return CATALOGUE.get(exercise_id).name


def with_exercise(rx: PhysioPrescription, exercise_id: str, **changed: object) -> PhysioPrescription:
    """`rx` with one exercise's fields changed."""
    exercises = tuple(replace(p, **changed) if p.exercise_id == exercise_id else p for p in rx.exercises)
    return replace(rx, exercises=exercises)


def test_the_first_prescription_replaces_the_whole_programme_and_names_what_is_no_longer_done():
    changes = prescription_changes(None, TEMPLATE_RX, CATALOGUE)
    text = "\n".join(changes)
    assert "The whole programme is replaced by the 5 prescribed exercises" in text
    for exercise_id in TEMPLATE_RX.exercise_ids:
        assert name(exercise_id) in text
    no_longer = next(line for line in changes if line.startswith("No longer done"))
    gone = [e for e in CATALOGUE.exercises if e.id not in TEMPLATE_RX.exercise_ids]
    assert no_longer.startswith(f"No longer done ({len(gone)}):")
    assert all(e.name in no_longer for e in gone)
    # Who wrote it, the review, and what each exercise is given beyond the catalogue's.
    assert "Written on Tue 1 Dec 2026 by Sam Rivera, physiotherapist." in changes
    assert "Review on Tue 12 Jan 2027." in changes
    assert (
        'Clamshell: starts at level 2 left, level 1 right; 3 sets; 12-15 reps; '
        'note: "Keep the heels together and the pelvis still."'
    ) in changes
    assert "Side-lying leg raise: 10-12 reps; the right side only." in changes
    assert "Kneeling hip flexor stretch: held 30-45 s." in changes
    assert any(line.startswith('Note for the programme: "Three sessions a week.') for line in changes)


def test_the_same_prescription_changes_nothing():
    assert prescription_changes(TEMPLATE_RX, TEMPLATE_RX, CATALOGUE) == []


def test_exercises_added_and_dropped_are_named():
    after = replace(
        TEMPLATE_RX,
        exercises=(*TEMPLATE_RX.exercises[1:], PrescribedExercise("dead-bug", per_week=2)),
    )
    changes = prescription_changes(TEMPLATE_RX, after, CATALOGUE)
    assert changes == ["Dropped: Clamshell.", "Added: Dead bug (2 times a week)."]


def test_each_field_of_an_exercise_is_said_with_what_it_was():
    before = TEMPLATE_RX
    after = with_exercise(
        before,
        "clamshell",
        start_left=3,
        start_right=3,
        max_level=4,
        sets=2,
        amount=(10, 10),
        per_week=1,
        sides=Side.LEFT,
        pain_limit=2,
        note="Slowly.",
    )
    [line] = prescription_changes(before, after, CATALOGUE)
    assert line == (
        "Clamshell: starts at level 3 (was starts at level 2 left, level 1 right); "
        "no further than level 4 (was no level cap); 2 sets (was 3 sets); 10 reps (was 12-15 reps); "
        "once a week (was every session); the left side only (was both sides); "
        "stop when the pain goes above 2/10 (was the usual pain limit); "
        'note: "Slowly." (was note: "Keep the heels together and the pelvis still.").'
    )


def test_a_field_given_back_to_the_catalogue_says_so():
    after = with_exercise(TEMPLATE_RX, "kneeling-hip-flexor-stretch", amount=None)
    after = with_exercise(after, "copenhagen-plank", pain_limit=None, note="")
    assert prescription_changes(TEMPLATE_RX, after, CATALOGUE) == [
        "Copenhagen plank: the usual pain limit (was stop when the pain goes above 3/10); "
        'no note (was note: "Groin pain above 3 out of 10: stop and note it.").',
        "Kneeling hip flexor stretch: hold as in the catalogue (was held 30-45 s).",
    ]


def test_the_review_date_author_and_programme_note_are_said_when_they_change():
    after = replace(
        TEMPLATE_RX,
        written_by="Alex Chen",
        written_on=date(2027, 1, 12),
        review_on=date(2027, 2, 23),
        note="",
    )
    assert prescription_changes(TEMPLATE_RX, after, CATALOGUE) == [
        "Written on Tue 12 Jan 2027 by Alex Chen (the last one was by Sam Rivera, physiotherapist).",
        "Review on Tue 23 Feb 2027 (it was Tue 12 Jan 2027).",
        "No note for the programme any more.",
    ]


def test_an_exercise_the_catalogue_no_longer_has_is_named_by_its_id():
    before = replace(TEMPLATE_RX, exercises=(*TEMPLATE_RX.exercises, PrescribedExercise("retired-drill")))
    assert prescription_changes(before, TEMPLATE_RX, CATALOGUE) == ["Dropped: retired-drill."]


# --- properties ----------------------------------------------------------------------------------

_IDS = [e.id for e in CATALOGUE.exercises]


@st.composite
def prescriptions(draw: st.DrawFn) -> PhysioPrescription:
    ids = draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=6, unique=True))
    exercises = []
    for exercise_id in ids:
        top = len(CATALOGUE.get(exercise_id).levels)
        level = st.none() | st.integers(1, top)
        low = draw(st.integers(1, 20))
        exercises.append(
            PrescribedExercise(
                exercise_id,
                start_left=draw(level),
                start_right=draw(level),
                sides=draw(st.sampled_from(list(Side))),
                sets=draw(st.none() | st.integers(1, 5)),
                amount=draw(st.none() | st.just((low, low + draw(st.integers(0, 10))))),
                per_week=draw(st.none() | st.integers(1, 7)),
                max_level=draw(level),
                pain_limit=draw(st.none() | st.integers(0, 5)),
                note=draw(st.sampled_from(["", "Slowly.", "Keep the knee over the toes"])),
            )
        )
    written_on = draw(st.dates(date(2026, 1, 1), date(2027, 12, 31)))
    return PhysioPrescription(
        written_by=draw(st.sampled_from(["Sam Rivera", "Alex Chen"])),
        written_on=written_on,
        review_on=written_on + timedelta(days=draw(st.integers(0, 120))),
        exercises=tuple(exercises),
        note=draw(st.sampled_from(["", "Three times a week."])),
    )


@settings(max_examples=200, deadline=None)
@given(prescriptions())
def test_a_prescription_compared_with_itself_changes_nothing(rx):
    assert prescription_changes(rx, rx, CATALOGUE) == []


@settings(max_examples=200, deadline=None)
@given(st.none() | prescriptions(), prescriptions())
def test_every_exercise_in_one_but_not_the_other_is_named(before, after):
    text = "\n".join(prescription_changes(before, after, CATALOGUE))
    before_ids = set(before.exercise_ids) if before else set(_IDS)  # none: the whole catalogue
    for exercise_id in before_ids ^ set(after.exercise_ids):
        assert name(exercise_id) in text, exercise_id
