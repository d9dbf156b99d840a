"""One decision in the making: the facts about the session just judged, what the rules have
said so far, and the dose state they hand on to the next family of rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trainer.core.model import MorningCheck, SideSession
from trainer.core.progression.decisions import Flag, Outcome, Prescription, Reason
from trainer.core.progression.memory import Fold, ReferralEvent
from trainer.core.progression.timeline import SideStatus
from trainer.core.usual_pain import UsualPain


@dataclass
class Findings:
    """What the rules have said: the outcomes with their reasons, the flags, and notes that
    decide nothing (PM-6)."""

    outcomes: list[tuple[Outcome, Reason]] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)

    def add(self, outcome: Outcome, rule: str, text: str) -> None:
        self.outcomes.append((outcome, Reason(rule, text)))


@dataclass
class Judgement:
    """The decision after session `index` of one exercise and side, for a session on `at`."""

    # What the rules read; set before the first rule.
    index: int
    at: date
    last: SideSession
    prev: SideSession | None  # the session before `last`
    previous: Prescription  # the dose done in `last`, in a prescription's shape
    target: int | None  # the hold target prescribed for `last` (hold exercises)
    morning: MorningCheck | None  # the morning check after `last`
    usual: UsualPain  # the side's usual morning pain
    status: SideStatus | None  # the side's timeline as of the last training day before `at`
    side_events: list[ReferralEvent]  # the side-level referrals that stand on `at`
    found: Findings
    # What the rules change as they go.
    fold: Fold
    base: Prescription  # the dose to start from: the one done, or the one before a break
    events: dict[str, ReferralEvent]  # the exercise-level referrals (RE-1, RE-2) by rule
    regress: bool = False  # a rule asked for one step easier
    cut: bool = False  # a rule asked for one set fewer
    stopped: bool = False  # RE-2: skip the exercise until a visit (6.9.12)
    restart: bool = False  # the visit after RE-2 happened: restart one level easier
    deload_rx: Prescription | None = None  # the dose of the lighter week in force
