"""PM-1 to PM-6: the pain of the session just done, during it and the next morning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.progression.decisions import Flag, Outcome, Reason
from trainer.core.progression.rules.judgement import Judgement
from trainer.core.progression.text import EASIER_NEXT, short_day

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def pain_of_last_session(d: Decider, j: Judgement) -> None:
    """Sharp pain, red pain, a worse morning than usual or too much groin pain in the Copenhagen
    plank ask for one step easier; amber pain holds; a rise of 2 points is noted."""
    p, side, exercise, found = d.p, d.side, d.exercise, j.found
    last, prev, morning, usual = j.last, j.prev, j.morning, j.usual
    when = short_day(last.date)
    if last.sharp:
        j.regress = True
        found.add(Outcome.REGRESS, "PM-1", f"You felt sharp pain on {when}. Sharp pain means stop "
            f"the exercise at once, {EASIER_NEXT}.")
    if last.pain >= p.pain_red_min:
        j.regress = True
        found.add(Outcome.REGRESS, "PM-2", f"Pain reached {last.pain}/10 on {when}; "
            f"{p.pain_red_min} or more is too much, {EASIER_NEXT}.")
    if morning is not None and morning.pain > usual.value + p.next_morning_tolerance:
        j.regress = True
        estimated = (
            f" (estimated from your first week's mornings; record yours with "
            f"`trainer settings --baseline-pain-{side.value} N`)" if usual.estimated else ""
        )
        found.add(Outcome.REGRESS, "PM-3", f"The next morning this side hurt {morning.pain}/10, "
            f"more than your usual {usual.value}/10{estimated}: the session was too much, "
            f"{EASIER_NEXT}.")
    if exercise.id == p.copenhagen_id and last.pain > p.copenhagen_regress_above:
        j.regress = True
        found.add(Outcome.REGRESS, "PM-4", f"Groin pain in the Copenhagen plank was {last.pain}/10; "
            f"above {p.copenhagen_regress_above}/10 is too much for this exercise, {EASIER_NEXT}.")
    limit = exercise.pain_limit
    if limit is not None and limit < last.pain < p.pain_red_min:
        j.regress = True
        found.add(Outcome.REGRESS, "RX-1", f"Pain reached {last.pain}/10 on {when}; your physiotherapist "
            f"set {limit}/10 as the most for this exercise, {EASIER_NEXT}.")
    if p.pain_green_max < last.pain <= p.pain_accept_max:
        found.add(Outcome.HOLD, "PM-5", f"Pain was {last.pain}/10 on {when}. Up to "
            f"{p.pain_accept_max}/10 is acceptable if it settles by the next morning; keep "
            f"this dose until it is {p.pain_green_max}/10 or less.")
    if prev is not None and last.pain - prev.pain >= 2:
        found.flags.append(Flag.MCID_JUMP)
        found.notes.append(Reason("PM-6", f"Pain rose from {prev.pain}/10 to {last.pain}/10 since "
                                    "the session before: watch it."))
