"""LO-2 to LO-4: coming back after a break. The gap up to the session being planned repeats the
last dose, or brings two lighter re-entry sessions and then the dose from before the break, or
restarts one step easier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.progression.decisions import Outcome
from trainer.core.progression.evolve import evolve
from trainer.core.progression.rules.judgement import Judgement

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def return_after_break(d: Decider, j: Judgement) -> None:
    """Also hands the exercise-level referrals still standing on to the fold."""
    p, found = d.p, j.found
    gap = (j.at - j.last.date).days
    reentry_left, pre_layoff = j.fold.reentry_left, j.fold.pre_layoff
    if gap >= p.layoff_regress_days:
        j.regress = j.cut = True
        found.add(Outcome.REGRESS, "LO-4", f"{gap} days since the last session: restart one step "
            "easier with one set fewer.")
        reentry_left, pre_layoff = 0, None
    elif gap >= p.layoff_reentry_days:
        j.cut = True
        reentry_left, pre_layoff = p.reentry_sessions - 1, j.base
        found.add(Outcome.DELOAD, "LO-3", f"{gap} days since the last session: two lighter sessions "
            "(one set fewer) to get back in, then the dose from before the break.")
    elif gap >= p.layoff_hold_days:
        found.add(Outcome.HOLD, "LO-2", f"{gap} days since the last session: repeat the last dose "
            "before moving on.")
    elif reentry_left > 0 and pre_layoff is not None:
        j.cut = True
        j.base = pre_layoff
        reentry_left -= 1
        found.add(Outcome.DELOAD, "LO-3", "Second lighter session after the break.")
    elif pre_layoff is not None:
        j.base = pre_layoff
        pre_layoff = None
        found.add(Outcome.HOLD, "LO-3", "Back to the dose from before the break.")
    j.fold = evolve(
        j.fold, reentry_left=reentry_left, pre_layoff=pre_layoff, events=tuple(j.events.values())
    )
