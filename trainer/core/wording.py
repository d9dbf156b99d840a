"""How a prescription is said in words: one home for the CLI, the report and the app.

Kept free of the engine's import (only its types), so a face can word a dose without loading
the engine first.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from trainer.core.model import DoseKind, Exercise

if TYPE_CHECKING:
    from trainer.core.balance import Symmetry
    from trainer.core.model import Side
    from trainer.core.progression import Prescription, Reason, SideDecision

SKIPPED_WORDS = "skip until a professional has checked it"  # a side with no dose (6.9.12)

UNIT_WORDS = {DoseKind.REPS: "reps", DoseKind.STEPS: "steps", DoseKind.HOLD: "s hold"}


def prescription_text(rx: Prescription | None, exercise: Exercise, say_bodyweight: bool = False) -> str:
    """Level, load and dose: "level 2 (Clamshell with feet raised), red band: 2 x 10-15 reps";
    body weight is left unsaid unless `say_bodyweight` (beside a dose with a load)."""
    if rx is None:
        return SKIPPED_WORDS
    name = exercise.level(rx.level).name
    load = "" if rx.load.is_bodyweight and not say_bodyweight else f", {rx.load.words}"
    return f"level {rx.level} ({name}){load}: {rx.sets} x {_set_amount(rx, exercise)}"


def _set_amount(rx: Prescription, exercise: Exercise) -> str:
    """What one set asks for: "10-15 reps", "12 steps", "30 s"."""
    if rx.hold_s is not None:
        return f"{rx.hold_s} s"
    reps = f"{rx.reps_min}" if rx.reps_min == rx.reps_max else f"{rx.reps_min}-{rx.reps_max}"
    return f"{reps} {UNIT_WORDS[exercise.dose]}"


def set_prescription_text(rx: Prescription | None, exercise: Exercise) -> str:
    """One set of the dose, as the exercise screen heads its entry (it says which set of how
    many): "level 2 (Clamshell with feet raised), red-band: 10-15 reps", "level 1 (...): hold
    30 s". The load in its short form ("red-band", "8kg"), body weight unsaid."""
    if rx is None:
        return SKIPPED_WORDS
    name = exercise.level(rx.level).name
    load = "" if rx.load.is_bodyweight else f", {rx.load}"
    amount = _set_amount(rx, exercise)
    return f"level {rx.level} ({name}){load}: {'hold ' if rx.hold_s is not None else ''}{amount}"


def column_prescription_text(rx: Prescription | None) -> str:
    """The dose for a narrow table column: "L2 2x10-15 yellow", "L1 3x30s 4kg"; "skip" for a
    side with no dose (the reason beside it says why)."""
    if rx is None:
        return "skip"
    if rx.hold_s is not None:
        amount = f"{rx.sets}x{rx.hold_s}s"
    elif rx.reps_min == rx.reps_max:
        amount = f"{rx.sets}x{rx.reps_min}"
    else:
        amount = f"{rx.sets}x{rx.reps_min}-{rx.reps_max}"
    # A band by its colour alone ("yellow"), kilograms as "4kg".
    load = "" if rx.load.is_bodyweight else f" {rx.load.band or rx.load}"
    return f"L{rx.level} {amount}{load}"


# The red-flag referrals: said once, as a banner above everything, not under each exercise.
BANNER_RULES = frozenset({"RF-1", "RF-2"})


def exercise_reasons(decision: SideDecision) -> list[Reason]:
    """The reasons to show with a decision beside its exercise: all but the banners'."""
    return [reason for reason in decision.reasons if reason.rule not in BANNER_RULES]


KEEP_WORDS = "keep"
START_WORDS = "start"
CHANGE_WORDS = "change"  # a HOLD whose dose still changes (an extra set, back after a break)


def decision_word(decision: SideDecision) -> str:
    """The decision in a word or two, for a narrow column: "start" where nothing was done yet on
    that side ("same dose" would mislead), else the decision's label."""
    from trainer.core.progression import Outcome

    if decision.previous is None and decision.prescription is not None and decision.decision is Outcome.HOLD:
        return START_WORDS
    return decision.decision.label


def decision_text(decision: SideDecision, exercise: Exercise, heading: str | None = None) -> str:
    """What a decision changes, the dose before and after in `prescription_text`'s words (issue
    15.1): "easier: level 3 (...), 8 kg: 2 x 10-15 reps -> level 3 (...), 4 kg: 2 x 10-15 reps".
    A dose that stays is said once: "keep: <dose>". No history: the heading and the dose; no
    dose (a stop): the heading and what to do instead. `heading` defaults to the decision in
    words (the report passes the decision's code)."""
    from trainer.core.progression import Outcome

    before, after = decision.previous, decision.prescription
    hold = decision.decision is Outcome.HOLD
    if heading is None:
        heading = decision_word(decision)  # "start" where nothing was done yet on this side
    if after is None or before is None:
        return f"{heading}: {prescription_text(after, exercise)}"
    loaded = not (before.load.is_bodyweight and after.load.is_bodyweight)
    old = prescription_text(before, exercise, say_bodyweight=loaded)
    new = prescription_text(after, exercise, say_bodyweight=loaded)
    if old == new:
        return f"{KEEP_WORDS}: {new}" if hold else f"{heading}, {KEEP_WORDS}: {new}"
    if hold and heading == decision.decision.label:
        heading = CHANGE_WORDS
    return f"{heading}: {old} -> {new}"


def balance_sentence(rolling: Symmetry, involved: Side | None) -> str:
    """The two indices in words, each with what it divides by what (issue 15.3): the symmetry
    index (weaker / stronger) with the weaker side as the engine reads it (`weaker_side_of`:
    none at 90 % or more), and, when an involved side is named, involved / other; when the
    named side did more than the other, one sentence says both."""
    from trainer.core.model import Side
    from trainer.core.progression import weaker_side_of

    weaker = weaker_side_of(rolling)
    index = (
        f"Symmetry index {rolling.lsi:.0f} % (weaker side / stronger side, over the last "
        f"{rolling.sessions} comparable days)"
    )
    if weaker is None:
        text = f"{index}: at or above the 90 % line, so neither side counts as weaker."
    else:
        text = f"{index}: below the 90 % line, the {weaker.value} side is the weaker one."
    if involved in (Side.LEFT, Side.RIGHT) and rolling.involved_ratio is not None:
        other = Side.RIGHT if involved is Side.LEFT else Side.LEFT
        ratio = rolling.involved_ratio
        text += f" Involved side {ratio:.0f} % ({involved.value} / {other.value})"
        if ratio > 100:
            text += (
                f": you named the {involved.value} side as the involved one, yet on these days "
                f"it did more than the {other.value}."
            )
        else:
            text += "."
    return text


_IN_BRACKETS = re.compile(r"\s*\(`[^`]*`(?:,? or [^)]*)?\)")
_WITH_COMMAND = re.compile(r"\s+(?:with|using|run|by running)\s+`[^`]*`")
_ANY_COMMAND = re.compile(r"`[^`]*`")


def without_commands(text: str) -> str:
    """An engine or checklist text for a reader who does not type commands (the physio's
    report): the command hints the terminal faces add ("(`trainer morning`)", "with `trainer
    settings --seen-professional DATE`") are left out, the sentence kept."""
    text = _IN_BRACKETS.sub("", text)
    text = _WITH_COMMAND.sub("", text)
    text = _ANY_COMMAND.sub("", text)
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r"  +", " ", text)).strip()


def index_text(value: float) -> str:
    """A symmetry index for reading: rounded down, so a side the engine calls weaker (under 90 %)
    is never shown at "90 %"."""
    return f"{math.floor(value)} %"


def session_length_text(minutes: int | None, prescribed: bool = False) -> str:
    """A plan's session length in words; without one, every exercise each session: the whole
    programme, or a physiotherapist's prescription when one is in force."""
    if minutes:
        return f"{minutes} minutes a session"
    return "every prescribed exercise each session" if prescribed else "the whole programme each session"
