"""What the engine carries from one session of an exercise and side to the next (the fold), the
routine referrals it remembers, and the checkpoint a later replay can resume from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer.core.model import Side
from trainer.core.progression.decisions import Prescription


@dataclass(frozen=True)
class ReferralEvent:
    """A routine referral that fired; it lasts until a professional has been seen (6.8.25)."""

    rule: str
    fired: date
    text: str
    regress_key: str | None = None  # RE-1/RE-4 regress once per key (6.8.18)


def keep_latest(events: dict[str, ReferralEvent], event: ReferralEvent) -> None:
    """Remember `event` as the latest of its rule."""
    events[event.rule] = event


@dataclass(frozen=True)
class Fold:
    """What the engine remembers between sessions of one exercise and side."""

    rx: Prescription | None = None  # prescribed for the next session
    reentry_left: int = 0  # LO-3 re-entry sessions still to do
    pre_layoff: Prescription | None = None
    events: tuple[ReferralEvent, ...] = ()  # exercise-level routine referrals (RE-1, RE-2)
    deload_rx: Prescription | None = None  # the dose fixed for the current deload window
    deload_source: Prescription | None = None  # the last dose before that window
    deload_start: date | None = None
    regressed_for: frozenset[str] = frozenset()  # "RE-4@date" once applied
    last_target: int | None = None  # the hold target that applied to the session just judged
    extra_set: bool = False  # `rx` holds the weaker side's extra set on top of its base (6.9.1)
    eased: bool = False  # `rx` is below its level's normal dose (6.9.2): the next base keeps that
    # The dates of this side's recent sessions whose dose a rule capped (lighter week, re-entry,
    # symmetry cap, extra set, skip): they do not count for the symmetry index (6.9.9).
    capped_days: tuple[date, ...] = ()
    rx_capped: bool = False  # a rule held `rx` below what the side would do (see `capped_days`)


@dataclass(frozen=True)
class Checkpoint:
    """Where the replay of one exercise and side can pick up next time.

    `fold` is the engine's memory just before judging the side-session of `covers_to`; every
    step before it depended only on data dated up to `covers_to` (plus the settings, plan start,
    checklist answer and catalogue, which the caller's fingerprint covers). So as long as nothing
    dated on or before `covers_to` changes, a replay may start at that session, given the
    side-sessions from `lookback_from` on.
    """

    exercise_id: str
    side: Side
    covers_to: date
    lookback_from: date
    fold: Fold
    last_lsi_before: float | None  # the exercise's symmetry at its last comparable pair before lookback_from


class StaleCheckpoint(Exception):
    """A checkpoint does not fit the history it was given: replay from the start instead."""
