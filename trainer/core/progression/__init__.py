"""The progression engine: per exercise and side, progress, hold, regress, deload or stop, and when
pain calls for a professional, with the reason in plain words.

This implements section 6 of design/progression-rules.md; the rule ids in the reasons (PM-1,
TR-1, ...) are that document's. Every threshold lives in `Parameters`.

How a decision is reached: the side-sessions of one exercise and side are replayed oldest first
(`replay`). After each one the engine decides the prescription for the next session (the "fold",
`memory`), because some rules depend on what the engine prescribed before: the hold target of the
day, a deload's fixed dose, the two re-entry sessions after a layoff, a regression that fires only
once. The last step of the replay, evaluated at the requested date, is the suggestion.

Where things are: `parameters` (thresholds), `decisions` (what the engine says), `history` (what
it reads), `timeline` (one side's days and side-level rules), `doses` and `loads` (the ladder of
doses), `rules/` (the rule families of 6.6) applied by `decider`, `replay` (the fold over the
history), `referrals`, and `checkpoint` (checkpoints as data, ENGINE_VERSION). This package
re-exports the names the rest of trainer uses.
"""

from trainer.core.progression.checkpoint import ENGINE_VERSION, checkpoint_data, checkpoint_from, checkpoint_key
from trainer.core.progression.decisions import (
    ExerciseAdvice,
    Flag,
    Outcome,
    Prescription,
    Reason,
    Referral,
    ReferralLevel,
    SideDecision,
    Suggestion,
    weaker_side_of,
)
from trainer.core.progression.history import DayPain, History
from trainer.core.progression.memory import Checkpoint, StaleCheckpoint
from trainer.core.progression.parameters import DEFAULT_PARAMETERS, Parameters
from trainer.core.progression.replay import replay, suggest
from trainer.core.progression.text import ALREADY_EASIEST, EASIER_NEXT, GP_TEXT, URGENT_TEXT

__all__ = [
    "ALREADY_EASIEST",
    "DEFAULT_PARAMETERS",
    "EASIER_NEXT",
    "ENGINE_VERSION",
    "GP_TEXT",
    "URGENT_TEXT",
    "Checkpoint",
    "DayPain",
    "ExerciseAdvice",
    "Flag",
    "History",
    "Outcome",
    "Parameters",
    "Prescription",
    "Reason",
    "Referral",
    "ReferralLevel",
    "SideDecision",
    "StaleCheckpoint",
    "Suggestion",
    "checkpoint_data",
    "checkpoint_from",
    "checkpoint_key",
    "replay",
    "suggest",
    "weaker_side_of",
]
