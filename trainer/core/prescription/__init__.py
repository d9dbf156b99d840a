"""A programme from a physiotherapist: the prescription file (docs/prescription-format.md).

A physiotherapist writes `prescription.toml` (from `trainer prescription template`): who wrote it
and when, the review date, and per catalogue exercise the starting level per side, dose overrides,
the side(s) to train, how many times a week, a stricter pain limit and a note for the patient.
Exercises not listed are not done.

This module reads and checks the file against the catalogue, naming the file, line, exercise id and
field of every mistake, and turns a prescription into what the rest of trainer runs:
`prescribed_catalogue` (only the prescribed exercises, their ladders capped at the prescribed
level and their doses at the prescribed ones). It holds no I/O: the text comes in, values go out.
"""

from trainer.core.prescription.changes import prescription_changes
from trainer.core.prescription.file import SCHEMA_VERSION, TEMPLATE, parse_prescription
from trainer.core.prescription.model import (
    LoadedPrescription,
    PhysioPrescription,
    PrescribedExercise,
    PrescriptionError,
    in_force,
    prescription_from_json,
    prescription_json,
)
from trainer.core.prescription.programme import (
    only_prescribed_sides,
    prescribed_catalogue,
    within_prescription,
    within_weekly_limits,
)
from trainer.core.prescription.words import (
    REVIEW_NOTICE_DAYS,
    note_lines,
    prescribed_text,
    programme_text,
    review_text,
)

__all__ = [
    "REVIEW_NOTICE_DAYS",
    "SCHEMA_VERSION",
    "TEMPLATE",
    "LoadedPrescription",
    "PhysioPrescription",
    "PrescribedExercise",
    "PrescriptionError",
    "in_force",
    "note_lines",
    "only_prescribed_sides",
    "parse_prescription",
    "prescribed_catalogue",
    "prescribed_text",
    "prescription_changes",
    "prescription_from_json",
    "prescription_json",
    "programme_text",
    "review_text",
    "within_prescription",
    "within_weekly_limits",
]
