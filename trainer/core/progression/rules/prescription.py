"""How the rules' findings become the next dose: reductions combine (6.6), a step up only when
nothing else matched, and a REGRESS that cannot make anything easier becomes a HOLD (6.9.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.progression.decisions import Outcome, Prescription, Reason
from trainer.core.progression.evolve import evolve
from trainer.core.progression.rules.judgement import Judgement
from trainer.core.progression.text import ALREADY_EASIEST, EASIER_NEXT

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def next_dose(d: Decider, j: Judgement, progress_step: Prescription | None) -> Prescription | None:
    """The dose for the session on `j.at`; None when the exercise is skipped on this side."""
    doses, base = d.doses, j.base
    rx: Prescription | None
    if j.stopped:
        rx = None
    elif j.restart:
        rx = doses.restart_easier(base)
        if j.deload_rx is not None or j.cut:
            rx = doses.cut(rx)[0]
    elif j.deload_rx is not None:
        # REGRESS inside a deload: the load/level step and the deload's cut together (6.6),
        # and it stays for the rest of the window (6.9.3: a lighter week never undoes it).
        if j.regress:
            source = j.fold.deload_source
            assert source is not None, "a deload window fixes its dose and its source together"
            source = doses.step_down(source)[0]
            rx = doses.cut(source)[0]
            j.fold = evolve(j.fold, deload_rx=rx, deload_source=source)
        else:
            rx = j.deload_rx
    elif j.regress:
        rx = doses.regress(base, with_cut=j.cut)[0]
    elif j.cut:
        rx = doses.cut(base)[0]
    elif progress_step is not None:
        rx = progress_step
    else:
        rx = base
    if rx == base and (j.regress or j.restart):
        # 6.9.2: nothing is easier, so this is a HOLD, never a REGRESS that changes nothing.
        j.found.outcomes = [
            (Outcome.HOLD, Reason(r.rule, r.text.replace(EASIER_NEXT, f"but {ALREADY_EASIEST}")))
            if o is Outcome.REGRESS else (o, r)
            for o, r in j.found.outcomes
        ]
    return rx
