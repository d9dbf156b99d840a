"""How a prescription is said in words: one home for the CLI, the report and the app.

Kept free of the engine's import (only its types), so a face can word a dose without loading
the engine first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.model import DoseKind, Exercise

if TYPE_CHECKING:
    from trainer.core.progression import Prescription

SKIPPED_WORDS = "skip until a professional has checked it"  # a side with no dose (6.9.12)

UNIT_WORDS = {DoseKind.REPS: "reps", DoseKind.STEPS: "steps", DoseKind.HOLD: "s hold"}


def prescription_text(rx: Prescription | None, exercise: Exercise) -> str:
    """Level, load and dose: "level 2 (Clamshell with feet raised), red band: 2 x 10-15 reps"."""
    if rx is None:
        return SKIPPED_WORDS
    if rx.hold_s is not None:
        amount = f"{rx.sets} x {rx.hold_s} s"
    elif rx.reps_min == rx.reps_max:
        amount = f"{rx.sets} x {rx.reps_min} {UNIT_WORDS[exercise.dose]}"
    else:
        amount = f"{rx.sets} x {rx.reps_min}-{rx.reps_max} {UNIT_WORDS[exercise.dose]}"
    name = exercise.level(rx.level).name
    load = "" if rx.load.is_bodyweight else f", {rx.load.words}"
    return f"level {rx.level} ({name}){load}: {amount}"
