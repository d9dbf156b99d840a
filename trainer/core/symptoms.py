"""The red-flag symptom checklist (progression rules 6.6 RF-1 and RF-2).

Ids are stable: the CLI, the database and scripts use them. The questions and the advice are our
own wording (the advice follows the structure of progression rules 6.7: never a diagnosis).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.core.entry import check_date
from trainer.core.errors import EntryError
from trainer.core.model import SymptomAnswers
from trainer.core.visits import lifted_by_visit


class Urgency(StrEnum):
    EMERGENCY = "emergency"  # RF-1: stop and seek emergency care now
    GP_THIS_WEEK = "gp_this_week"  # RF-2: see a GP this week before progressing


@dataclass(frozen=True)
class Symptom:
    id: str
    question: str
    urgency: Urgency


CHECKLIST: tuple[Symptom, ...] = (
    Symptom(
        "saddle_numbness",
        "New numbness or tingling around the genitals, back passage or inner thighs?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "bladder_bowel_change",
        "A new change in bladder, bowel or sexual function (trouble passing urine, leaking, "
        "not feeling when the bladder is full)?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "both_legs_weak",
        "New weakness or numbness in both legs, or leg weakness that is quickly getting worse?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "fall_cannot_bear_weight",
        "A fall or injury after which you cannot stand on the leg or move it, or the leg looks "
        "shorter or turned outwards?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "fever_hot_swollen_hip",
        "Hip pain together with fever, chills or feeling very unwell, or a hip that is hot, red "
        "and swollen?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "sudden_severe_pain",
        "Sudden, severe hip pain that started without any injury?",
        Urgency.EMERGENCY,
    ),
    Symptom(
        "cancer_history_new_pain",
        "A past cancer, and now new pain that you cannot explain or that never lets up?",
        Urgency.GP_THIS_WEEK,
    ),
    Symptom(
        "weight_loss",
        "Weight loss that you cannot explain?",
        Urgency.GP_THIS_WEEK,
    ),
    Symptom(
        "night_or_rest_pain",
        "Pain that is there all the time at rest, or wakes you most nights?",
        Urgency.GP_THIS_WEEK,
    ),
    Symptom(
        "one_leg_numbness_or_giving_way",
        "New numbness or pins and needles in one leg, or the leg newly giving way?",
        Urgency.GP_THIS_WEEK,
    ),
    Symptom(
        "infection_or_immunosuppressed",
        "A recent infection, injected drug use, or a weakened immune system, with new pain?",
        Urgency.GP_THIS_WEEK,
    ),
    Symptom(
        "sudden_worsening",
        "Hip pain you have had for a long time that has suddenly become much worse?",
        Urgency.GP_THIS_WEEK,
    ),
)

BY_ID: dict[str, Symptom] = {symptom.id: symptom for symptom in CHECKLIST}

# Most urgent first: what to tell someone who answered yes to several questions.
URGENCY_ORDER: tuple[Urgency, ...] = (Urgency.EMERGENCY, Urgency.GP_THIS_WEEK)

ADVICE: dict[Urgency, str] = {
    Urgency.EMERGENCY: (
        "Stop exercising now. What you recorded can, rarely, be a sign of a problem that needs "
        "medical care today: go to an emergency department or call your emergency number now. "
        "trainer cannot diagnose."
    ),
    Urgency.GP_THIS_WEEK: (
        "Please see your GP this week, before progressing any exercise. trainer cannot diagnose."
    ),
}


# While an emergency answer stands (6.9.13): what to do now, and how training starts again. The
# today screen, `trainer symptoms` and `trainer suggest` show these words.
BLOCKED_NOW = (
    "Training is stopped: you answered yes to a warning sign that needs urgent care. Do not "
    "exercise; go to an emergency department or call your emergency number now, and show them "
    "what you noticed."
)
HOW_TO_LIFT = (
    "Training starts again once you record that a doctor or physiotherapist has seen you "
    "(`trainer settings --seen-professional DATE`, or s on the today screen), or mark the answer "
    "as a mistake if you ticked it by accident (`trainer symptoms --mistake`, or m on the today "
    "screen). Answering the checklist again does not lift it."
)


def emergency_block(
    answers: Iterable[SymptomAnswers], visits: Iterable[date], on: date
) -> SymptomAnswers | None:
    """The emergency answer that still stops all training on `on` (progression rules 6.9.13).

    The latest answer dated on or before `on` that ticks an emergency sign and is not marked a
    mistake blocks until a visit to a professional dated on or after it (and not after `on`:
    6.9.14, `visits.lifted_by_visit`). A later answer of "none of these" does not lift it.
    None: training may go on.
    """
    latest = None
    for answer in answers:  # oldest first; of a day's answers the last one entered is latest
        if answer.date <= on and not answer.mistaken and most_urgent(answer) is Urgency.EMERGENCY:
            if latest is None or answer.date >= latest.date:
                latest = answer
    if latest is None:
        return None
    if lifted_by_visit(latest.date, on, visits):
        return None
    return latest


def counting(answers: Iterable[SymptomAnswers]) -> list[SymptomAnswers]:
    """The answers that count: those not marked as a mistake."""
    return [answer for answer in answers if not answer.mistaken]


def parse_symptom_ids(text: str) -> list[str]:
    """Read a comma list of checklist ids such as `weight_loss,night_or_rest_pain`."""
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise EntryError(
            "--yes needs symptom ids separated by commas (see `trainer symptoms --list`)"
        )
    return items


def symptom_answers(yes_ids: Iterable[str], on: date, today: date) -> SymptomAnswers:
    """Checked answers to the checklist for `on`: the ids answered yes (none: all answered no)."""
    check_date(on, today)
    yes = set()
    for given in yes_ids:
        # Ids are written with underscores; a hyphen or capitals are the same id.
        symptom_id = given.strip().lower().replace("-", "_")
        if symptom_id not in BY_ID:
            raise EntryError(_unknown_message(given))
        yes.add(symptom_id)
    return SymptomAnswers(date=on, yes=frozenset(yes))


def _unknown_message(given: str) -> str:
    wanted = given.strip().lower().replace("-", "_")
    close = difflib.get_close_matches(wanted, list(BY_ID), n=1, cutoff=0.5)
    # A word of the id ("fever", "weight") is close too, though difflib scores it low.
    close += [i for i in BY_ID if wanted and wanted in i and i not in close]
    if close:
        return (
            f"unknown symptom id '{given}'; did you mean {close[0]}? "
            "(ids: trainer symptoms --list)"
        )
    return f"unknown symptom id '{given}'; see `trainer symptoms --list` for the ids"


def most_urgent(answers: SymptomAnswers) -> Urgency | None:
    """The most urgent level among the yes answers; None when nothing was answered yes."""
    urgencies = {BY_ID[symptom_id].urgency for symptom_id in answers.yes}
    return next((urgency for urgency in URGENCY_ORDER if urgency in urgencies), None)
