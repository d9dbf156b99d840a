"""A physiotherapist's prescription as trainer holds it: what it prescribes per exercise, the
prescription as loaded with the day it applies from, which one is in force, and its stored JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from trainer.core.errors import UserError
from trainer.core.model import Side


class PrescriptionError(UserError):
    """The prescription file is not valid TOML, or breaks the prescription format."""


@dataclass(frozen=True)
class PrescribedExercise:
    """What the physiotherapist prescribed for one catalogue exercise."""

    exercise_id: str
    start_left: int | None = None  # the level each side starts from (None: the catalogue's entry)
    start_right: int | None = None
    sides: Side = Side.BOTH  # the side(s) to train: LEFT or RIGHT only, or BOTH
    sets: int | None = None  # dose overrides (None: the catalogue's)
    amount: tuple[int, int] | None = None  # reps (or steps) range, or hold seconds range
    per_week: int | None = None  # sessions a week with this exercise (None: every session)
    max_level: int | None = None  # the engine never progresses past this level
    pain_limit: int | None = None  # pain above this stops the exercise like red pain does
    note: str = ""

    def trains(self, side: Side) -> bool:
        """Whether this side is trained (BOTH: an exercise done with both sides at once)."""
        return self.sides is Side.BOTH or side is Side.BOTH or side is self.sides



@dataclass(frozen=True)
class PhysioPrescription:
    """A physiotherapist's prescription file, checked (not the engine's dose, progression.Prescription)."""

    written_by: str
    written_on: date
    review_on: date
    exercises: tuple[PrescribedExercise, ...]
    note: str = ""

    def get(self, exercise_id: str) -> PrescribedExercise | None:
        return next((p for p in self.exercises if p.exercise_id == exercise_id), None)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(p.exercise_id for p in self.exercises)


@dataclass(frozen=True)
class LoadedPrescription:
    """A prescription as loaded: in force from `starts_on` until the next one starts."""

    id: int
    starts_on: date
    source: str
    prescription: PhysioPrescription
    text: str = ""  # the file as the physiotherapist wrote it


def in_force(loaded: list[LoadedPrescription], on: date) -> LoadedPrescription | None:
    """The prescription in force on `on`: the latest loaded one starting on or before it."""
    started = [p for p in loaded if p.starts_on <= on]
    return max(started, key=lambda p: (p.starts_on, p.id)) if started else None


def prescription_json(prescription: PhysioPrescription) -> dict[str, Any]:
    """The checked prescription as plain JSON values (what the store keeps, and `--json` shows)."""
    return {
        "written_by": prescription.written_by,
        "written_on": prescription.written_on.isoformat(),
        "review_on": prescription.review_on.isoformat(),
        "note": prescription.note,
        "exercises": [
            {
                "id": item.exercise_id,
                "level": {"left": item.start_left, "right": item.start_right},
                "sides": item.sides.value,
                "sets": item.sets,
                "range": list(item.amount) if item.amount else None,
                "per_week": item.per_week,
                "max_level": item.max_level,
                "pain_limit": item.pain_limit,
                "note": item.note,
            }
            for item in prescription.exercises
        ],
    }


def prescription_from_json(data: dict[str, Any]) -> PhysioPrescription:
    """The prescription `prescription_json` made (read back from the store)."""
    return PhysioPrescription(
        written_by=data["written_by"],
        written_on=date.fromisoformat(data["written_on"]),
        review_on=date.fromisoformat(data["review_on"]),
        note=data["note"],
        exercises=tuple(
            PrescribedExercise(
                exercise_id=item["id"],
                start_left=item["level"]["left"],
                start_right=item["level"]["right"],
                sides=Side(item["sides"]),
                sets=item["sets"],
                amount=(item["range"][0], item["range"][1]) if item["range"] else None,
                per_week=item["per_week"],
                max_level=item["max_level"],
                pain_limit=item["pain_limit"],
                note=item["note"],
            )
            for item in data["exercises"]
        ),
    )
