"""PR-1 to PR-7: when nothing else spoke, a step up after two sessions in a row at the top of the
dose with little pain, a settled next morning, good form, and not as the stronger side; warm-ups
always stay the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.balance import Symmetry
from trainer.core.model import DoseKind, Group
from trainer.core.progression.decisions import Flag, Outcome, Prescription
from trainer.core.progression.rules.judgement import Judgement
from trainer.core.progression.text import short_day

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def progression_step(d: Decider, j: Judgement, lsi: Symmetry | None, stronger: bool) -> Prescription | None:
    """The step up when every progression rule allows it; else None, with the reason to hold."""
    if j.found.outcomes:
        return None
    if d.exercise.group is Group.WARM_UP:
        j.found.add(Outcome.HOLD, "WARM-UP", "Warm-up movements prepare the hips; they stay the same.")
        return None
    return _try_progress(d, j, lsi, stronger)


def _try_progress(d: Decider, j: Judgement, lsi: Symmetry | None, stronger: bool) -> Prescription | None:
    p, side, found = d.p, d.side, j.found
    base, target, morning, add = j.base, j.target, j.morning, found.add
    last, prev = j.last, j.prev
    pair = [prev, last] if prev is not None else [last]
    same_dose = (
        prev is not None
        and (prev.level, prev.load, len(prev.performed)) == (last.level, last.load, len(last.performed))
        and j.fold.last_target == target  # 6.8.4: both sessions at the same hold target too
    )
    if not (same_dose and all(d.doses.at_target(s, target, base.reps_max) for s in pair)):
        if d.exercise.dose is DoseKind.HOLD:
            wanted = f"every hold reaching {target} s"
        else:
            wanted = f"every set reaching {d.doses.level(last.level).max}"
        add(Outcome.HOLD, "PR-1", f"Not yet two sessions in a row at this dose with {wanted}: keep going.")
        return None
    if any(s.pain > p.pain_green_max for s in pair):
        add(Outcome.HOLD, "PR-2", f"Moving on needs pain of {p.pain_green_max}/10 or less in "
            "both of the last two sessions.")
        return None
    if morning is None:
        found.flags.append(Flag.AWAITING_24H)
        add(Outcome.HOLD, "PR-3", f"Record how the {side} side felt the morning after "
            f"{short_day(last.date)} (`trainer morning`) before moving on.")
        return None
    if morning.soreness is not None and morning.soreness > p.soreness_progress_max:
        add(Outcome.HOLD, "PR-4", f"Muscle soreness the next morning was {morning.soreness}/10 "
            f"(more than {p.soreness_progress_max}): hold until it eases.")
        return None
    if not all(s.technique_ok for s in pair):
        add(Outcome.HOLD, "PR-5", "Form slipped in a recent session: hold this dose until it is solid.")
        return None
    if stronger and lsi is not None:  # `stronger` is only ever true with an index
        add(Outcome.HOLD, "PR-7", f"This is the stronger side (symmetry {lsi.lsi:.0f}%, below "
            f"{p.lsi_flag:.0f}%): it holds while the other side catches up.")
        return None
    step, text, large = d.doses.progress(base)
    if step is None:
        top = base.level >= len(d.exercise.levels)
        waits_for_load = not top and d.doses.load_at(d.doses.level(base.level + 1), base.load) is None
        add(Outcome.HOLD, "LOAD" if waits_for_load else "TOP", text)
        return None
    if large:
        found.flags.append(Flag.LARGE_JUMP)
    add(Outcome.PROGRESS, "PR", f"Two sessions in a row at the top of the range with little "
        f"pain and a settled next morning: {text}.")
    return step
