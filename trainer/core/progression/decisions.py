"""What the engine decides: outcomes, flags, prescriptions, reasons and referrals, per side, per
exercise and for the whole day, plus the one definition of the weaker side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.core.balance import Symmetry
from trainer.core.model import Load, Side
from trainer.core.progression.parameters import DEFAULT_PARAMETERS, Parameters


class Outcome(StrEnum):
    """Decisions, most severe first (6.3)."""

    URGENT = "URGENT"
    REFER = "REFER"
    STOP_NOW = "STOP_NOW"
    DELOAD = "DELOAD"
    REGRESS = "REGRESS"
    HOLD = "HOLD"
    PROGRESS = "PROGRESS"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        """The decision in a few plain words, for a table cell or a heading."""
        return _LABELS[self]


_SEVERITY = {outcome: len(Outcome) - rank for rank, outcome in enumerate(Outcome)}
_LABELS = {
    Outcome.URGENT: "urgent: stop",
    Outcome.REFER: "see a professional",
    Outcome.STOP_NOW: "stop for now",
    Outcome.DELOAD: "lighter week",
    Outcome.REGRESS: "easier",
    Outcome.HOLD: "same dose",
    Outcome.PROGRESS: "step up",
}


class Flag(StrEnum):
    LARGE_JUMP = "LARGE_JUMP"
    MCID_JUMP = "MCID_JUMP"
    AWAITING_24H = "AWAITING_24H"
    ASYMMETRY = "ASYMMETRY"
    SYMMETRY_CAP = "SYMMETRY_CAP"
    REFER = "REFER"  # a STOP_NOW that waits for a professional to see the person (6.9.12)

    @property
    def words(self) -> str:
        """The flag as a patient reads it."""
        return _FLAG_WORDS[self]


_FLAG_WORDS = {
    Flag.LARGE_JUMP: "a big step up: take the first sets carefully",
    Flag.MCID_JUMP: "pain rose by 2 points or more since the session before",
    Flag.AWAITING_24H: "waiting for the next morning's check",
    Flag.ASYMMETRY: "the weaker side",
    Flag.SYMMETRY_CAP: "the stronger side, waiting for the other",
    Flag.REFER: "see a professional",
}


class ReferralLevel(StrEnum):
    EMERGENCY = "emergency"
    GP_THIS_WEEK = "gp_this_week"
    ROUTINE = "routine"


@dataclass(frozen=True)
class Prescription:
    level: int
    load: Load
    sets: int
    reps_min: int | None = None
    reps_max: int | None = None
    hold_s: int | None = None


@dataclass(frozen=True)
class Reason:
    rule: str
    text: str


@dataclass(frozen=True)
class Referral:
    level: ReferralLevel
    side: Side | None
    exercise: str | None
    rule: str
    reason: str


@dataclass(frozen=True)
class SideDecision:
    side: Side
    decision: Outcome
    prescription: Prescription | None  # None: skip this exercise on this side (6.9.12)
    flags: tuple[Flag, ...]
    reasons: tuple[Reason, ...]
    # The last dose done on this side (None before its first session), in the prescription's
    # shape, so a face says the dose before and after in the same words (issue 15.1).
    previous: Prescription | None = None


@dataclass(frozen=True)
class ExerciseAdvice:
    exercise_id: str
    lsi: float | None  # rolling symmetry index, percent
    last_lsi: float | None
    weaker_side: Side | None
    involved_ratio: float | None
    sides: tuple[SideDecision, ...]

    @property
    def asym_pct(self) -> float | None:
        return None if self.lsi is None else 100.0 - self.lsi


@dataclass(frozen=True)
class Suggestion:
    date: date
    urgent: bool
    referrals: tuple[Referral, ...]
    exercises: tuple[ExerciseAdvice, ...]



def weaker_side_of(rolling: Symmetry | None, params: Parameters = DEFAULT_PARAMETERS) -> Side | None:
    """The weaker side: the lower one while the rolling index is under the flag line (90 %), else
    none (6.9.11). The one definition the session order, `suggest`, the report and charts use."""
    if rolling is None or rolling.lsi >= params.lsi_flag:
        return None
    return rolling.weaker_side
