"""The progression engine's advice as the command line shows it: `suggest` (JSON keys are a
contract for scripts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trainer.core.model import Catalogue, Side, SymptomAnswers
from trainer.core.symptoms import HOW_TO_LIFT
from trainer.core.wording import decision_text, prescription_text

if TYPE_CHECKING:  # the engine is imported by services when a command needs it
    from trainer.core.progression import Prescription, Suggestion


def prescription_json(rx: Prescription | None) -> dict[str, Any] | None:
    if rx is None:
        return None  # skipped until a professional has checked it (6.9.12)
    return {
        "level": rx.level,
        "load": str(rx.load),
        "sets": rx.sets,
        "reps_min": rx.reps_min,
        "reps_max": rx.reps_max,
        "hold_s": rx.hold_s,
    }


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """The stable JSON form of `trainer suggest` (keys are a contract for scripts)."""
    return {
        "date": suggestion.date.isoformat(),
        "urgent": suggestion.urgent,
        "referrals": [
            {
                "level": referral.level.value,
                "side": referral.side.value if referral.side else None,
                "exercise": referral.exercise,
                "rule": referral.rule,
                "reason": referral.reason,
            }
            for referral in suggestion.referrals
        ],
        "exercises": [
            {
                "exercise": advice.exercise_id,
                "lsi": advice.lsi,
                "weaker_side": advice.weaker_side.value if advice.weaker_side else None,
                "sides": [
                    {
                        "side": decision.side.value,
                        "decision": decision.decision.value,
                        "prescription": prescription_json(decision.prescription),
                        # the last dose done (null before the first session), same shape
                        "before": prescription_json(decision.previous),
                        "flags": [flag.value for flag in decision.flags],
                        "reasons": [
                            {"rule": reason.rule, "text": reason.text}
                            for reason in decision.reasons
                        ],
                    }
                    for decision in advice.sides
                ],
            }
            for advice in suggestion.exercises
        ],
    }


_BANNER_RULES = {"RF-1", "RF-2"}


def suggestion_text(
    suggestion: Suggestion,
    catalogue: Catalogue,
    block: SymptomAnswers | None = None,
    counts_today: bool = False,
    involved: Side | None = None,
    why: bool = False,
) -> str:
    """The suggestion in words; `block` is the emergency answer that stops training (6.9.13);
    `counts_today` when it answers for the next session because today's sets are logged. Each
    side shows its leading reason, every reason with `why`; the side that goes first (the
    session's order, `side_order`) comes first."""
    from trainer.core.session import side_order  # the engine is loaded already: it made this
    lines = [f"Suggestions for {suggestion.date:%A %d %B %Y}"]
    if counts_today:
        lines.append("(the next session: today's sets are counted)")
    lines.append("")
    for referral in suggestion.referrals:
        where = ", ".join(
            part for part in (
                referral.side.value if referral.side else None, referral.exercise
            ) if part
        )
        label = {"emergency": "URGENT", "gp_this_week": "SEE YOUR GP", "routine": "SEE A PROFESSIONAL"}[
            referral.level.value
        ]
        lines.append(f"!! {label}{f' ({where})' if where else ''}: {referral.reason}")
    if suggestion.referrals:
        lines.append("")
    if suggestion.urgent:
        lines.append("No exercise today: do not train until you have been seen.")
        if block is not None:
            # A later "none" does not lift it: say since when it stands and what does lift it.
            since = f"Training is stopped since your answer of {block.date.isoformat()}."
            lines += ["", since, HOW_TO_LIFT]
        return "\n".join(lines)
    advice_by_id = {advice.exercise_id: advice for advice in suggestion.exercises}
    for group, exercises in catalogue.by_group():
        lines.append(group.value.upper())
        for exercise in exercises:
            advice = advice_by_id[exercise.id]
            balance = ""
            if advice.lsi is not None:
                weaker = f", weaker: {advice.weaker_side.value}" if advice.weaker_side else ""
                balance = f"  (symmetry {advice.lsi:.0f}%{weaker})"
            not_started = all(
                [r.rule for r in d.reasons] == ["START"] for d in advice.sides
            ) and len({d.prescription for d in advice.sides}) == 1
            if not_started:
                # Nothing logged yet on either side: one line is enough.
                rx = prescription_text(advice.sides[0].prescription, exercise)
                lines.append(f"  {exercise.name}: not started yet; begin with {rx}")
                continue
            lines.append(f"  {exercise.name}{balance}")
            for decision in side_order(advice, involved):
                flags = f" ({'; '.join(f.words for f in decision.flags)})" if decision.flags else ""
                lines.append(
                    f"    {decision.side.value:<5} {decision_text(decision, exercise)}{flags}"
                )
                # Said once at the top, not under every exercise.
                reasons = [r for r in decision.reasons if r.rule not in _BANNER_RULES]
                for reason in reasons if why else reasons[:1]:
                    lines.append(f"          - {reason.text} ({reason.rule})")
                if not why and len(reasons) > 1:
                    lines.append(f"          ({len(reasons) - 1} more: trainer suggest --why)")
        lines.append("")
    return "\n".join(lines).rstrip()
