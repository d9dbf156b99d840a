"""The referral rules: the checklist's emergency and GP advice (RF-1, RF-2), the exercise-level
routine referrals (RE-1, RE-2 with its skip until a visit, 6.9.12), and every referral that
stands on the day, side-level ones included, with the one step easier some of them ask once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.progression.decisions import Flag, Outcome, Reason
from trainer.core.progression.evolve import evolve
from trainer.core.progression.memory import ReferralEvent, keep_latest
from trainer.core.progression.rules.judgement import Findings, Judgement
from trainer.core.progression.text import EASIER_NEXT, short_day
from trainer.core.visits import lifting_visit

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def symptom_referrals(d: Decider, found: Findings) -> None:
    """RF-1 and RF-2: the symptom checklist's advice applies to every exercise and side."""
    for text in d.ctx.urgent[:1]:
        found.add(Outcome.URGENT, "RF-1", text)
    for text in d.ctx.gp[:1]:
        found.add(Outcome.REFER, "RF-2", text)


def routine_referrals(d: Decider, j: Judgement) -> None:
    """RE-1 (red pain in a row) and RE-2 (sharp pain twice) fire; every referral that stands on
    `j.at` is said; RE-2 stops the exercise until a visit, after which it restarts easier."""
    p, side, found, at = d.p, d.side, j.found, j.at
    index, last, events = j.index, j.last, j.events
    when = short_day(last.date)
    recent_red = d.sessions[max(0, index - p.red_repeat_refer + 1) : index + 1]
    if len(recent_red) == p.red_repeat_refer and all(s.pain >= p.pain_red_min for s in recent_red):
        keep_latest(events, ReferralEvent("RE-1", last.date, f"Pain was {p.pain_red_min}/10 or "
            f"more in the last {p.red_repeat_refer} sessions of this exercise on the {side} "
            "side. Please see a physiotherapist or GP; until then do only what stays at "
            f"{p.pain_green_max}/10 or less."))
    if last.sharp:
        earlier = [s for s in d.sessions[:index] if s.sharp
                   and (last.date - s.date).days <= p.sharp_repeat_days]
        if earlier:
            keep_latest(events, ReferralEvent("RE-2", last.date, f"Sharp pain twice within two weeks "
                f"({short_day(earlier[-1].date)} and {when}). Skip this exercise on the {side} side "
                "until a physiotherapist or GP has checked it, then record the visit."))
    # 6.9.12: the skip lasts until the visit is recorded, whatever was done meanwhile; then
    # the exercise starts again one level easier.
    re2 = events.get("RE-2")
    j.stopped = re2 is not None and d.referral_active(re2, at)
    seen = None if re2 is None or j.stopped else lifting_visit(re2.fired, at, d.ctx.visits)
    j.restart = seen is not None and last.date <= seen
    if j.stopped:
        found.flags.append(Flag.REFER)
    if seen is not None and j.restart:  # the leading reason among the reductions: it says why the level drops
        found.outcomes.insert(0, (Outcome.REGRESS, Reason("SEEN", f"A professional checked the "
            f"{side} side on {short_day(seen)} after the sharp pain, {EASIER_NEXT}.")))
    for event in [*events.values(), *j.side_events]:
        if d.referral_active(event, at):
            found.add(Outcome.STOP_NOW if event.rule == "RE-2" else Outcome.REFER, event.rule, event.text)
            key = event.regress_key
            if key is not None and key not in j.fold.regressed_for:
                j.regress = True
                j.fold = evolve(j.fold, regressed_for=j.fold.regressed_for | {key})
    j.events = {rule: e for rule, e in events.items() if d.referral_active(e, at)}
