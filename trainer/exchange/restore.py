"""Restore a trainer JSON export (a backup) into a database: what it lacks is added, what it has
is kept, in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from trainer.core.importers import (
    Backup,
)
from trainer.core.model import Settings, SymptomAnswers
from trainer.core.prescription import prescription_json

if TYPE_CHECKING:
    from trainer.exchange.source import Services
    from trainer.store import Store


from trainer.exchange.import_report import ImportReport, report_of
from trainer.exchange.writing import _write_sets


def _restore(services: Services, backup: Backup, source: str) -> ImportReport:
    """Write a checked JSON export: what the database lacks is added, what it has is kept."""
    store = services.store
    now = services.clock.now()
    report = report_of(source, backup.sets)
    restored: Counter[str] = Counter()

    # The sets first (the bulk of the file); the sessions they created, and those without sets,
    # then get the file's status and times.
    days = {session.date for session in store.sessions()}
    _write_sets(store, backup.sets, report)
    for session in backup.sessions:
        if session.date in days:
            continue
        store.restore_session(session)
        restored["sessions"] += 1

    # The latest visit is the visits' to restore (below), not a setting to compare.
    current = store.settings()
    theirs = replace(backup.settings, seen_professional=None)
    if theirs != Settings() and replace(current, seen_professional=None) != theirs:
        if replace(current, seen_professional=None) == Settings():
            store.save_settings(replace(theirs, seen_professional=current.seen_professional), now)
            restored["settings"] = 1
        else:
            report.notes.append("your settings differ from the file's: yours were kept")
    # Visits are only ever added (6.9.14): each is a day someone saw the person.
    for visit in backup.visits:
        if store.add_visit(visit, now):
            restored["visits"] += 1

    plans = store.plans()
    if backup.plans and plans != list(backup.plans):
        if plans:
            report.notes.append(
                f"the database already has a plan: the file's {len(backup.plans)} plan versions "
                "were not imported"
            )
        else:
            for plan in backup.plans:
                store.add_plan(plan, now)
            restored["plans"] = len(backup.plans)

    mornings = {(m.date, m.side): m for m in store.morning_checks()}
    differing = 0
    for check in backup.mornings:
        there = mornings.get((check.date, check.side))
        if there is None:
            store.record_morning(check, now)
            restored["morning_checks"] += 1
        elif there != check:
            differing += 1
    if differing:
        report.notes.append(
            f"{differing} morning checks differ from the ones already recorded: those were kept"
        )

    mine = {(app, name) for app, name, _, _ in store.name_maps()}
    for app, name, exercise_id, level in backup.name_maps:
        if (app, name) not in mine:  # the database's own mapping is kept
            store.save_name_maps(app, {name: (exercise_id, level)})
            restored["import_name_maps"] += 1
    known = {(day, exercise_id, side) for day, exercise_id, side, _ in store.pain_choices()}
    for day, exercise_id, side, carry_on in backup.pain_choices:
        if (day, exercise_id, side) not in known:  # the database's own choice is kept
            store.record_pain_choice(day, exercise_id, side, carry_on, now)
            restored["pain_stop_choices"] += 1

    loaded = {(p.starts_on, p.text) for p in store.prescriptions()}
    for starts_on, source, text, prescription in backup.prescriptions:
        if (starts_on, text) not in loaded:  # the same prescription from the same day is kept once
            store.add_prescription(starts_on, source, text, prescription_json(prescription), now)
            restored["prescriptions"] += 1

    answers = _restore_symptoms(store, backup.symptoms, now)
    if answers:
        restored["symptom_answers"] += answers

    # A result here for the same day, test and side is kept: a repeat there is a correction.
    results = {(r.date, r.test_id, r.side): r for r in store.assessment_results()}
    differing = 0
    for result in backup.assessments:
        recorded = results.get((result.date, result.test_id, result.side))
        if recorded is None:
            store.record_assessment(result, now)
            restored["assessment_results"] += 1
        elif recorded != result:
            differing += 1
    if differing:
        report.notes.append(
            f"{differing} self-assessment results differ from the ones already recorded: "
            "those were kept"
        )
    report.notes.extend(backup.notes)
    report.restored = dict(restored)
    return report


def _restore_symptoms(store: Store, answers: Iterable[SymptomAnswers], now: datetime) -> int:
    """Add the file's checklist answers the database lacks; how many were added or marked.

    An answer here and one in the file with the same date and ticks are the same answer, marked
    as a mistake or not (6.9.13): the mark is only ever added, so a backup made before it does
    not stop training again, and one made after it withdraws the answer here too."""
    here: dict[tuple[date, frozenset[str]], list[SymptomAnswers]] = {}
    for answer in store.symptom_answers():
        here.setdefault((answer.date, answer.yes), []).append(answer)
    changed = 0
    unmatched = []
    for answer in answers:  # the same answer, same mark: nothing to do
        same = here.get((answer.date, answer.yes), [])
        match = next((a for a in same if a.mistaken == answer.mistaken), None)
        if match is None:
            unmatched.append(answer)
        else:
            same.remove(match)
    for answer in unmatched:
        same = here.get((answer.date, answer.yes), [])
        if not same:
            store.record_symptoms(answer, now)
            changed += 1
            continue
        match = same.pop(0)  # the other mark: the file's answer is this one
        if answer.mistaken and match.id is not None:
            store.mark_symptoms_mistaken(match.id)
            changed += 1
    return changed
