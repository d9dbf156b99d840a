"""Reading trainer's JSON export, a backup of everything: settings, plans, sessions, sets,
morning checks, symptom answers, visits, pain choices, name maps and self-assessments."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from dateutil.rrule import rrulestr

from trainer.core.assessment import AssessmentResult
from trainer.core.errors import EntryError
from trainer.core.importers.bounds import check_day_range
from trainer.core.importers.csv_rows import clean_text
from trainer.core.importers.formats import EXPORT_MARKER, EXPORT_VERSION, FITNOTES, HEVY, STRONG, TRAINER_JSON
from trainer.core.importers.json_object import JsonObject, items_of
from trainer.core.importers.results import Backup, TrainerSet
from trainer.core.importers.trainer_sets import SetValues, check_trainer_set, trainer_plan
from trainer.core.importers.values import finite, instant, iso_day
from trainer.core.model import Catalogue, MorningCheck, Settings, Side, SymptomAnswers, TrainingSession
from trainer.core.plan import WEEKDAY_NAMES, Plan, check_minutes, parse_weekdays, weekly_rule
from trainer.core.prescription import PrescriptionError, parse_prescription
from trainer.core.settings import SETTING_NAMES, changed_settings
from trainer.core.symptoms import BY_ID

SESSION_STATUSES = ("planned", "in_progress", "done", "skipped")


def read_backup(
    text: str, catalogue: Catalogue, *, today: date, source: str = "the file"
) -> Backup:
    """Everything in a trainer JSON export, each value checked; EntryError says where."""
    try:
        data = json.loads(clean_text(text))
    except json.JSONDecodeError as error:
        raise EntryError(
            f"{source}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}); "
            "is the file complete?"
        ) from None
    except RecursionError:
        raise EntryError(
            f"{source}: the JSON is nested too deeply to be a trainer export"
        ) from None
    except ValueError:  # a number of more than 4300 digits: Python refuses to read it
        raise EntryError(f"{source}: a number in the JSON is far too long to be a trainer export") from None
    top = JsonObject(data, source)
    marker = top.get("format", (str,), optional=True)
    if marker != EXPORT_MARKER:
        raise EntryError(
            f"{source}: a JSON file but not a trainer export (its \"format\" is {marker!r}, "
            f"not {EXPORT_MARKER!r})"
        )
    version = top.whole("version")
    if version != EXPORT_VERSION:
        raise EntryError(
            f"{source}: export version {version} is not one this trainer reads ({EXPORT_VERSION}); "
            "a newer trainer wrote it?"
        )
    settings = _backup_settings(top, catalogue, today, source)
    plans = tuple(
        _backup_plan(JsonObject(item, f"{source}, plans item {i}"), today)
        for i, item in enumerate(items_of(top, "plans"), 1)
    )
    sessions = _backup_sessions(top, source, today)
    sets: list[TrainerSet] = []
    unknown: Counter[str] = Counter()
    keyed: dict[str, int] = {}  # import key -> the sets item that has it
    for i, item in enumerate(items_of(top, "sets"), 1):
        where = f"{source}, sets item {i}"
        one = JsonObject(item, where)
        own_key = _own_key(one, keyed, i)
        values: SetValues = {
            "date": iso_day(one.get("date", (str,)), "date", where),
            "exercise": one.get("exercise", (str,)),
            "level": one.whole("level"),
            "side": one.get("side", (str,)),
            "set": one.whole("set"),
            "reps": one.whole("reps", optional=True),
            "hold_s": one.whole("hold_s", optional=True),
            "load_kg": one.get("load_kg", (int, float), optional=True),
            "load_band": one.get("load_band", (str,), optional=True),
            "pain": one.whole("pain", optional=True),
            "sharp": one.get("sharp", (bool,)),
            "stopped": one.get("stopped", (bool,)),
            "technique_ok": one.get("technique_ok", (bool,)),
            "logged_at": instant(one.get("logged_at", (str,)), "logged_at", where),
        }
        if values["load_kg"] is not None:
            values["load_kg"] = finite(values["load_kg"], "load_kg", where)
        checked = check_trainer_set(values, catalogue, where, i)
        if checked is None:
            unknown[values["exercise"]] += 1
        else:
            sets.append(replace(checked, own_key=own_key))
    plan = trainer_plan(
        TRAINER_JSON, len(items_of(top, "sets")), sets, unknown, today, source, "sets item"
    )
    mornings = []
    for i, item in enumerate(items_of(top, "morning_checks"), 1):
        one = JsonObject(item, f"{source}, morning_checks item {i}")
        side = one.get("side", (str,))
        if side not in ("left", "right"):
            raise EntryError(f"{one.where}: side {side!r} is not left or right")
        pain, soreness = one.whole("pain"), one.whole("soreness", optional=True)
        for what, value in (("pain", pain), ("soreness", soreness)):
            if value is not None and not 0 <= value <= 10:
                raise EntryError(f"{one.where}: {what} {value} is outside the scale 0-10")
        day = check_day_range(iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        mornings.append(MorningCheck(day, Side(side), pain=pain, soreness=soreness))
    symptoms = []
    for i, item in enumerate(items_of(top, "symptom_answers"), 1):
        one = JsonObject(item, f"{source}, symptom_answers item {i}")
        yes = one.get("yes", (list,))
        for symptom_id in yes:
            if symptom_id not in BY_ID:
                raise EntryError(f"{one.where}: unknown symptom id {symptom_id!r}")
        day = check_day_range(iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        # Backups before migration 0008 have no "mistaken": such answers count.
        mistaken = one.get("mistaken", (bool,), optional=True) or False
        symptoms.append(SymptomAnswers(day, frozenset(yes), mistaken=mistaken))
    visits = {settings.seen_professional} if settings.seen_professional else set()
    for i, item in enumerate(items_of(top, "visits"), 1):
        one = JsonObject(item, f"{source}, visits item {i}")
        seen = iso_day(one.get("date", (str,)), "date", one.where)
        if seen > today:
            raise EntryError(
                f"{one.where}: the visit of {seen.isoformat()} is in the future "
                f"(today is {today.isoformat()})"
            )
        visits.add(seen)
    choices = []
    for i, item in enumerate(items_of(top, "pain_stop_choices"), 1):
        one = JsonObject(item, f"{source}, pain_stop_choices item {i}")
        day = check_day_range(iso_day(one.get("date", (str,)), "date", one.where), today, one.where)
        exercise_id = one.exercise_id(catalogue)
        side_text = one.get("side", (str,))
        if side_text not in ("left", "right"):
            raise EntryError(f"{one.where}: 'side' should be left or right, not {side_text!r}")
        choices.append((day, exercise_id, Side(side_text), one.get("carry_on", (bool,))))
    name_maps = []
    for i, item in enumerate(items_of(top, "import_name_maps"), 1):
        one = JsonObject(item, f"{source}, import_name_maps item {i}")
        app = one.get("app", (str,))
        if app not in (STRONG, HEVY, FITNOTES):
            raise EntryError(f"{one.where}: 'app' should be strong, hevy or fitnotes, not {app!r}")
        exercise_id = one.exercise_id(catalogue)
        level = one.whole("level", optional=True)
        if level is not None and not 1 <= level <= len(catalogue.get(exercise_id).levels):
            raise EntryError(f"{one.where}: {exercise_id} has no level {level}")
        name_maps.append((app, one.get("name", (str,)), exercise_id, level))
    prescriptions = []
    for i, item in enumerate(items_of(top, "prescriptions"), 1):
        one = JsonObject(item, f"{source}, prescriptions item {i}")
        starts_on = iso_day(one.get("starts_on", (str,)), "starts_on", one.where)
        text = one.get("text", (str,))
        try:
            prescription = parse_prescription(text, catalogue, source=f"{one.where} (its text)")
        except PrescriptionError as error:
            raise EntryError(str(error)) from None
        prescriptions.append((starts_on, one.get("source", (str,)), text, prescription))
    assessments, notes = _backup_assessments(top, catalogue, today, source)
    return Backup(
        settings, plans, sessions, plan, tuple(mornings), tuple(symptoms), tuple(sorted(visits)),
        pain_choices=tuple(choices), name_maps=tuple(name_maps), assessments=assessments,
        prescriptions=tuple(prescriptions), notes=notes,
    )


def _own_key(one: JsonObject, keyed: dict[str, int], item: int) -> tuple[str | None, ...]:
    """A backed-up set's own import key: (key,), (None,) for a set logged in trainer, () when
    the backup has no "import_key" (made before #16.4). Two sets never share a key."""
    if "import_key" not in one.data:
        return ()
    key = one.get("import_key", (str,), optional=True)
    if key is None:
        return (None,)
    if not key.strip():
        raise EntryError(
            f"{one.where}: 'import_key' is empty (a set logged in trainer has null there)"
        )
    if key in keyed:
        raise EntryError(
            f"{one.where}: 'import_key' {key!r:.80} is also sets item {keyed[key]}'s; "
            "each imported set has its own"
        )
    keyed[key] = item
    return (key,)


def _backup_assessments(
    top: JsonObject, catalogue: Catalogue, today: date, source: str
) -> tuple[tuple[AssessmentResult, ...], tuple[str, ...]]:
    """The backup's self-assessment results, each checked against the catalogue's test; those
    of tests the catalogue lacks are left out, with a note."""
    tests = {test.id: test for test in catalogue.assessments}
    results: list[AssessmentResult] = []
    seen: dict[tuple[date, str, str], int] = {}
    unknown: Counter[str] = Counter()
    for i, item in enumerate(items_of(top, "assessment_results"), 1):
        one = JsonObject(item, f"{source}, assessment_results item {i}")
        day = iso_day(one.get("date", (str,)), "date", one.where)
        if day > today:
            raise EntryError(
                f"{one.where}: the result of {day.isoformat()} is in the future "
                f"(today is {today.isoformat()})"
            )
        check_day_range(day, today, one.where)
        test_id = one.get("test", (str,))
        side = one.get("side", (str,))
        if side not in ("left", "right"):
            raise EntryError(f"{one.where}: side {side!r} is not left or right")
        value = one.whole("value")
        pain = one.whole("pain", optional=True)
        if pain is not None and not 0 <= pain <= 10:
            raise EntryError(f"{one.where}: pain {pain} is outside the scale 0-10")
        slot = (day, test_id, side)
        if slot in seen:
            raise EntryError(
                f"{one.where}: a second result of {test_id}, {side} side, on {day.isoformat()} "
                f"(the first is item {seen[slot]})"
            )
        seen[slot] = i
        test = tests.get(test_id)
        if test is None:
            unknown[test_id] += 1
            continue
        try:
            checked = test.check_value(value)
        except EntryError as error:
            raise EntryError(f"{one.where}: {error}") from None
        results.append(AssessmentResult(day, test_id, Side(side), checked, pain))
    notes = []
    if unknown:
        notes.append(
            "self-assessment results of tests that are not in this catalogue were not imported: "
            + ", ".join(f"{name} ({count})" for name, count in sorted(unknown.items()))
            + "; import the file with the catalogue it was exported with (--catalog)"
        )
    return tuple(results), tuple(notes)


def _backup_settings(top: JsonObject, catalogue: Catalogue, today: date, source: str) -> Settings:
    raw = top.get("settings", (dict,), optional=True)
    if raw is None:
        return Settings()
    one = JsonObject(raw, f"{source}, settings")
    unknown = sorted(set(raw) - set(SETTING_NAMES))
    if unknown:
        raise EntryError(f"{one.where}: unknown setting {unknown[0]!r}")
    changes: dict[str, Any] = {}
    for name in ("baseline_pain_left", "baseline_pain_right"):
        if name in raw:
            changes[name] = one.whole(name, optional=True)  # null: not recorded (6.9.8)
    if "involved_side" in raw:
        changes["involved_side"] = one.get("involved_side", (str,), optional=True)
    if "dumbbells_kg" in raw:
        weights = one.get("dumbbells_kg", (list,))
        if not all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights):
            raise EntryError(f"{one.where}: 'dumbbells_kg' should be a list of numbers")
        changes["dumbbells_kg"] = [finite(w, "dumbbell weight", one.where) for w in weights]
    if "bands" in raw:
        bands = one.get("bands", (list,), optional=True)
        if bands is not None and not all(isinstance(b, str) for b in bands):
            raise EntryError(f"{one.where}: 'bands' should be a list of colours")
        changes["bands"] = bands
    if "seen_professional" in raw:
        seen = one.get("seen_professional", (str,), optional=True)
        changes["seen_professional"] = (
            None if seen is None else check_day_range(
                iso_day(seen, "seen_professional", one.where), today, one.where,
                "seen_professional",
            )
        )
    try:
        return changed_settings(
            Settings(), changes, band_colours=catalogue.band_colours, today=today
        )
    except EntryError as error:
        raise EntryError(f"{one.where}: {error}") from None


def _backup_plan(one: JsonObject, today: date) -> Plan:
    names = one.get("weekdays", (list,))
    if not all(isinstance(n, str) for n in names):
        raise EntryError(
            f"{one.where}: 'weekdays' should be a list like [\"mon\", \"wed\", \"fri\"]"
        )
    try:
        weekdays = parse_weekdays(",".join(names))
        minutes = check_minutes(one.whole("minutes", optional=True))
    except EntryError as error:
        raise EntryError(f"{one.where}: {error}") from None
    rule = one.get("rrule", (str,))
    try:
        rrulestr(rule)
    except (ValueError, TypeError, OverflowError):
        raise EntryError(f"{one.where}: 'rrule' is not a valid recurrence rule") from None
    side = one.get("involved_side", (str,), optional=True)
    if side not in (None, "left", "right"):
        raise EntryError(f"{one.where}: involved_side {side!r} is not left, right or null")
    start = iso_day(one.get("start", (str,)), "start", one.where)
    effective_from = iso_day(one.get("effective_from", (str,)), "effective_from", one.where)
    check_day_range(start, today, one.where, "start")
    check_day_range(effective_from, today, one.where, "effective_from")
    if rule != weekly_rule(weekdays, start):
        # trainer writes the rule from the weekdays and the start; one that says otherwise was
        # edited by hand, and the plan would be exported with a schedule it does not follow.
        raise EntryError(f"{one.where}: 'rrule' does not match its 'weekdays' and 'start'")
    return Plan(
        weekdays=weekdays,
        start=start,
        effective_from=effective_from,
        rule=rule,
        involved_side=Side(side) if side else None,
        minutes=minutes,
    )


def _backup_sessions(top: JsonObject, source: str, today: date) -> tuple[TrainingSession, ...]:
    sessions = []
    days = set()
    for i, item in enumerate(items_of(top, "sessions"), 1):
        one = JsonObject(item, f"{source}, sessions item {i}")
        day = check_day_range(iso_day(one.get("date", (str,)), "date", one.where), today,
                              one.where)
        if day in days:
            raise EntryError(f"{one.where}: a second session on {day.isoformat()}")
        days.add(day)
        status = one.get("status", (str,))
        if status not in SESSION_STATUSES:
            raise EntryError(
                f"{one.where}: status {status!r} is not one of: {', '.join(SESSION_STATUSES)}"
            )
        sessions.append(
            TrainingSession(
                id=0,
                date=day,
                status=status,
                started_at=instant(one.get("started_at", (str,), optional=True), "started_at",
                                    one.where, optional=True),
                finished_at=instant(one.get("finished_at", (str,), optional=True), "finished_at",
                                     one.where, optional=True),
                notes=one.get("notes", (str,), optional=True) or "",
            )
        )
    return tuple(sessions)


def weekday_names(plan: Plan) -> list[str]:
    return [WEEKDAY_NAMES[d] for d in plan.weekdays]
