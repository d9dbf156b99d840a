"""Morning checks and the red-flag symptom checklist as the command line shows them:
`morning`, `symptoms`, and whether training is stopped (JSON keys are a contract for scripts).
"""

from __future__ import annotations

from typing import Any

from trainer.core.model import MorningCheck, SymptomAnswers
from trainer.core.symptoms import ADVICE, BLOCKED_NOW, CHECKLIST, HOW_TO_LIFT, Urgency, most_urgent


def morning_json(check: MorningCheck) -> dict[str, Any]:
    return {
        "date": check.date.isoformat(),
        "side": check.side.value,
        "pain": check.pain,
        "soreness": check.soreness,
    }


def morning_text(check: MorningCheck) -> str:
    sides = check.side.phrase
    soreness = "not given" if check.soreness is None else f"{check.soreness}/10"
    return (
        f"Recorded the morning of {check.date.isoformat()} for {sides}: pain {check.pain}/10, "
        f"soreness {soreness}. It counts for your last training day before it; "
        "recording it again corrects it."
    )


def checklist_json() -> list[dict[str, str]]:
    return [
        {"id": symptom.id, "question": symptom.question, "urgency": symptom.urgency.value}
        for symptom in CHECKLIST
    ]


_URGENCY_HEADING = {
    Urgency.EMERGENCY: "If yes: stop exercising and seek emergency care now",
    Urgency.GP_THIS_WEEK: "If yes: see your GP this week before progressing",
}


def checklist_text() -> str:
    lines = ["Red-flag symptom checklist. Do you have any of these?"]
    for urgency in Urgency:
        lines += ["", _URGENCY_HEADING[urgency]]
        for symptom in CHECKLIST:
            if symptom.urgency is urgency:
                lines += [f"  {symptom.id}", f"      {symptom.question}"]
    lines += [
        "",
        "Record your answer: trainer symptoms --yes ID[,ID...]   or   trainer symptoms --none",
    ]
    return "\n".join(lines)


def symptoms_json(answers: SymptomAnswers) -> dict[str, Any]:
    urgency = most_urgent(answers)
    return {
        "date": answers.date.isoformat(),
        "yes": sorted(answers.yes),
        "urgency": None if urgency is None else urgency.value,
        "advice": None if urgency is None else ADVICE[urgency],
        "mistaken": answers.mistaken,
    }


def training_block_json(block: SymptomAnswers | None) -> dict[str, Any]:
    """Whether an emergency answer stops training (6.9.13): `training_blocked`, and the date of
    the answer that does (`blocked_since`), with how to lift it."""
    return {
        "training_blocked": block is not None,
        "blocked_since": None if block is None else block.date.isoformat(),
        "how_to_lift": None if block is None else HOW_TO_LIFT,
    }


def symptoms_text(answers: SymptomAnswers, block: SymptomAnswers | None = None) -> str:
    if answers.mistaken:
        lines = [f"Marked the answer of {answers.date.isoformat()} as a mistake: it no longer counts."]
    elif not answers.yes:
        lines = [f"Recorded for {answers.date.isoformat()}: none of the red-flag symptoms."]
    else:
        # Checklist order, so the most serious questions come first.
        yes = [symptom.id for symptom in CHECKLIST if symptom.id in answers.yes]
        lines = [f"Recorded for {answers.date.isoformat()}: yes to {', '.join(yes)}."]
        urgency = most_urgent(answers)
        if urgency is not None:
            lines += ["", ADVICE[urgency]]
    if block is not None and block.id == answers.id:
        lines += ["", HOW_TO_LIFT]  # this very answer stops training: the advice above says so
    elif block is not None:
        lines += ["", f"{BLOCKED_NOW} It stands since your answer of {block.date.isoformat()}.", HOW_TO_LIFT]
    elif answers.mistaken:
        lines.append("Training can go on.")
    return "\n".join(lines)
