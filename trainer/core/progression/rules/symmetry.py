"""AS: the exercise's symmetry. The weaker side gets one extra set and goes first (AS-1, 6.9.1);
the stronger side holds (its PR-7 is in `progress`) and is flagged."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.balance import Symmetry
from trainer.core.progression.decisions import Flag, Outcome, Prescription, Reason, SideDecision
from trainer.core.progression.evolve import evolve
from trainer.core.progression.rules.judgement import Findings

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


class SymmetryRole(NamedTuple):
    """Whether this side is the weaker or the stronger one of the rolling index, below the flag line."""

    lsi: Symmetry | None
    stronger: bool
    weaker: bool


def symmetry_role(d: Decider, at: date) -> SymmetryRole:
    p, side = d.p, d.side
    lsi = d.rolling_lsi(at)
    stronger = lsi is not None and lsi.weaker_side not in (None, side) and lsi.lsi < p.lsi_flag
    weaker = lsi is not None and lsi.weaker_side is side and lsi.lsi < p.lsi_flag
    return SymmetryRole(lsi, stronger, weaker)


def flag_symmetry(role: SymmetryRole, found: Findings) -> None:
    if role.weaker:
        found.flags.append(Flag.ASYMMETRY)
    if role.stronger:
        found.flags.append(Flag.SYMMETRY_CAP)


def extra_set_for_weaker(
    d: Decider, role: SymmetryRole, decision: SideDecision, previous: Prescription
) -> tuple[SideDecision, bool]:
    """AS-1 on a decision that keeps or raises the dose; also whether the extra set was added."""
    p, lsi = d.p, role.lsi
    if not (
        role.weaker and lsi is not None and decision.prescription is not None
        and decision.decision in (Outcome.HOLD, Outcome.PROGRESS)
    ):
        return decision, False
    # 6.9.1: one set on top of the base, at most p.sets_max in all; a base already at
    # the most gets no fourth set: the side only goes first.
    sets = decision.prescription.sets
    extra_set = sets < p.sets_max
    why = (
        "one extra set, and do it first" if extra_set
        else f"it already does {sets} sets, the most: do it first"
    )
    as1 = Reason("AS-1", f"This side is the weaker one (symmetry {lsi.lsi:.0f}%, "
                 f"below {p.lsi_flag:.0f}%): {why}.")
    # When the extra set is all that changes the dose done last, it leads: "keep going"
    # beside a dose that grows would contradict it (issue 15.1).
    leads = extra_set and decision.prescription == previous
    decision = evolve(
        decision,
        prescription=evolve(decision.prescription, sets=sets + 1 if extra_set else sets),
        reasons=(as1, *decision.reasons) if leads else (*decision.reasons, as1),
    )
    return decision, extra_set
