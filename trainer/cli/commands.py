"""The subcommands, one function each, and the table `run_command` dispatches from.

Every command checks what it was given before it opens the database (a mistake is then refused
with nothing written), opens it with `open_services`, prints text, or JSON with `--json`, and
returns the exit code. The services (and SQLAlchemy with them) are imported only inside a command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from trainer.cli import chart, data, prescription
from trainer.cli.arguments import NOT_RECORDED
from trainer.cli.common import open_services, print_json, writable_file, write_private
from trainer.cli.format.assess import (
    assessment_json,
    assessment_result_json,
    assessment_tests_json,
    assessment_tests_text,
    assessment_text,
)
from trainer.cli.format.checks import (
    checklist_json,
    checklist_text,
    morning_json,
    morning_text,
    symptoms_json,
    symptoms_text,
    training_block_json,
)
from trainer.cli.format.plan import plan_json, plan_set_text, plan_show_json, plan_show_text
from trainer.cli.format.sets import (
    catalogue_text,
    exercise_json,
    history_lines,
    json_array_lines,
    logged_text,
    set_json,
)
from trainer.cli.format.settings import settings_json, settings_text, visits_json, visits_text
from trainer.cli.format.suggest import suggestion_json, suggestion_text
from trainer.core.clock import Clock
from trainer.core.entry import check_pain, morning_check, parse_counts, parse_day, parse_side
from trainer.core.errors import EntryError
from trainer.core.model import Catalogue, Settings, Side
from trainer.core.numbers import whole_number
from trainer.core.pain import RED_MIN, is_red
from trainer.core.plan import UNCHANGED, check_minutes, has_begun, parse_weekdays, plan_on
from trainer.core.settings import changed_settings
from trainer.core.symptoms import parse_symptom_ids, symptom_answers

Command = Callable[[argparse.Namespace, Clock], int]

MAX_WEEKS = 104


def _catalogue(args: argparse.Namespace) -> Catalogue:
    """The catalogue alone, for the commands that need no database."""
    from trainer import paths
    from trainer.services import load_catalogue

    return load_catalogue(paths.catalog_path(getattr(args, "catalog", None)))


def _date_option(args: argparse.Namespace, today: date) -> date | None:
    # `is not None`: an empty --date '' is a mistake to name, not "no date" (issue 18.7).
    return parse_day(args.date, today) if args.date is not None else None


def _since_option(args: argparse.Namespace, today: date) -> date | None:
    return parse_day(args.since, today) if args.since is not None else None


# --- commands that need only the catalogue ---------------------------------------------------------


def catalog(args: argparse.Namespace, clock: Clock) -> int:
    catalogue = _catalogue(args)
    if args.json:
        print_json(
            {
                "bands": list(catalogue.band_colours),
                "groups": [group.value for group, _ in catalogue.by_group()],
                "exercises": [exercise_json(ex) for _, group in catalogue.by_group() for ex in group],
            }
        )
    else:
        print(catalogue_text(catalogue))
    return 0


def assess_tests(args: argparse.Namespace, clock: Clock) -> int:
    catalogue = _catalogue(args)
    if args.json:
        print_json(assessment_tests_json(catalogue.assessments))
    else:
        print(assessment_tests_text(catalogue.assessments))
    return 0


# --- logging ---------------------------------------------------------------------------------------


def log(args: argparse.Namespace, clock: Clock) -> int:
    on = _date_option(args, clock.today())
    side = parse_side(args.side)
    reps = parse_counts(args.reps, "reps") if args.reps is not None else None
    holds = parse_counts(args.hold, "hold") if args.hold is not None else None
    check_pain(args.pain)
    with open_services(args, clock) as services:
        logged = services.log(
            args.exercise, side, reps=reps, holds=holds, level=args.level, load=args.load,
            pain=args.pain, sharp=args.sharp, stopped=args.stopped,
            poor_technique=args.poor_technique, on=on,
        )
        if args.json:
            print_json({"logged": [set_json(s) for s in logged]})
        else:
            print(logged_text(services.catalogue, logged))
    return 0


def history(args: argparse.Namespace, clock: Clock) -> int:
    since = _since_option(args, clock.today())
    with open_services(args, clock) as services:
        # Years of sets: printed as they are read, never all held at once.
        sets = services.iter_history(since)
        if args.json:
            sys.stdout.writelines(json_array_lines(set_json(s) for s in sets))
            print()
        else:
            for line in history_lines(sets):
                print(line)
    return 0


def morning(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    on = _date_option(args, today)
    side = parse_side(args.side)
    morning_check(side, args.pain, args.soreness, on=on or today, today=today)
    with open_services(args, clock) as services:
        check = services.record_morning(side, args.pain, args.soreness, on)
        if args.json:
            print_json(morning_json(check))
        else:
            print(morning_text(check))
    return 0


def symptoms(args: argparse.Namespace, clock: Clock) -> int:
    if args.list:
        if args.date is not None:
            raise EntryError("--date goes with --yes or --none, not with --list")
        if args.json:
            print_json(checklist_json())
        else:
            print(checklist_text())
        return 0
    today = clock.today()
    on = _date_option(args, today)
    if args.mistake and args.date is not None:
        raise EntryError("--date goes with --yes or --none, not with --mistake")
    yes_ids = parse_symptom_ids(args.yes) if args.yes is not None else []
    symptom_answers(yes_ids, on or today, today)
    with open_services(args, clock) as services:
        if args.mistake:
            answers = services.mark_symptoms_mistaken()
        else:
            answers = services.record_symptoms(yes_ids, on)
        block = services.training_block()
        if args.json:
            print_json({**symptoms_json(answers), **training_block_json(block)})
        else:
            print(symptoms_text(answers, block))
    return 0


# --- advice ----------------------------------------------------------------------------------------


def suggest(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    on = _date_option(args, today)
    with open_services(args, clock) as services:
        day = on or services.next_session_day()
        suggestion = services.suggest(day)
        block = services.training_block(day)
        if args.json:
            print_json({**suggestion_json(suggestion), **training_block_json(block)})
        else:
            counted = on is None and day != today  # say why it is not today
            involved = services.settings().involved_side
            print(suggestion_text(suggestion, services.catalogue, block, counted, involved, args.why))
    return 0


def assess_record(args: argparse.Namespace, clock: Clock) -> int:
    on = _date_option(args, clock.today())
    side = parse_side(args.side)
    check_pain(args.pain)
    with open_services(args, clock) as services:
        result = services.record_assessment(args.test, side, args.value, args.pain, on)
        test = services.assessment_test(result.test_id)
        if args.json:
            print_json({"recorded": assessment_result_json(result)})
            return 0
        value = (
            ("yes" if result.value else "no")
            if test.kind.value == "yes-no"
            else f"{result.value} {test.unit}".strip()
        )
        print(f"Recorded {test.name}, {result.side.value}: {value} on {result.date.isoformat()}.")
        if is_red(result.pain):
            print(
                f"Pain of {RED_MIN}/10 or more: stop this test. Please see a physiotherapist "
                "or GP before repeating it."
            )
    return 0


def assess_show(args: argparse.Namespace, clock: Clock) -> int:
    with open_services(args, clock) as services:
        latest, first = services.assessment(), services.first_assessment()
        if args.json:
            print_json(assessment_json(latest, first))
        else:
            print(assessment_text(latest, first, services.assessment_due()))
    return 0


def report(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    target = writable_file(args.output, "--output", args) if args.output else None
    if args.format == "pdf" and target is None:
        raise EntryError("a PDF report needs a file to go to: add --output FILE.pdf")
    if args.since_prescription and args.since is not None:
        raise EntryError("--since and --since-prescription name two different periods: give one of them")
    since = _since_option(args, today)
    with open_services(args, clock) as services:
        # Without a prescription in force, `since_prescription` is refused before anything is written.
        if args.format == "pdf":
            assert target is not None  # checked before the database was opened
            write_private(target, services.report("pdf", since, args.since_prescription), services)
            print(f"Wrote the report to {target} (PDF, readable by you only).")
            return 0
        text = services.report(args.format, since, args.since_prescription)
        if target is None:
            print(text, end="")
        else:
            write_private(target, text, services)
            print(f"Wrote the report to {target}.")
    return 0


# --- plan ------------------------------------------------------------------------------------------


def _plan_minutes(text: str | None) -> int | None | object:
    """--minutes as `set_plan` takes it: UNCHANGED when not given, None for the whole programme."""
    if text is None:
        return UNCHANGED
    if text.strip().lower() in ("all", "whole", "full"):
        return None
    if not text.strip().isdigit():
        raise EntryError(f"--minutes '{text}' is not a whole number of minutes (or `all`)")
    return check_minutes(whole_number(text, "--minutes"))


def _plan_weeks(args: argparse.Namespace) -> int:
    if not 1 <= args.weeks <= MAX_WEEKS:
        raise EntryError(f"--weeks {args.weeks} is outside 1-{MAX_WEEKS}")
    return args.weeks


def plan_set(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    side = args.side.strip().lower() if args.side is not None else None
    if side not in (None, "left", "right", "unknown", "not-sure", "unsure"):
        raise EntryError(f"--side '{args.side}' is not one of: left, right, unknown")
    weekdays = parse_weekdays(args.days)
    start = parse_day(args.start, today) if args.start is not None else None
    involved_side = UNCHANGED if side is None else (Side(side) if side in ("left", "right") else None)
    minutes = _plan_minutes(args.minutes)
    with open_services(args, clock) as services:
        today = services.clock.today()
        changed = has_begun(services.plans(), today)
        plan = services.set_plan(weekdays=weekdays, start=start, involved_side=involved_side, minutes=minutes)
        if args.json:
            print_json({"plan": plan_json(plan)})
        else:
            print(plan_set_text(plan, today, changed))
    return 0


def plan_show(args: argparse.Namespace, clock: Clock) -> int:
    weeks = _plan_weeks(args)
    first = parse_day(args.first, clock.today()) if args.first is not None else None
    with open_services(args, clock) as services:
        plans = services.plans()
        sessions = services.advised_upcoming(first or services.clock.today(), weeks)
        progress = services.adherence()
        missed = services.missed()
        current = plan_on(plans, services.clock.today()) or (plans[-1] if plans else None)
        if args.json:
            print_json(plan_show_json(current, sessions, progress, missed))
        else:
            prescribed = services.prescription_in_force() is not None
            print(plan_show_text(current, sessions, progress, missed, services.catalogue, prescribed))
    return 0


def plan_export(args: argparse.Namespace, clock: Clock) -> int:
    weeks = _plan_weeks(args)
    path: Path = writable_file(args.ics, "--ics", args)
    with open_services(args, clock) as services:
        count = services.export_ics(path, weeks)
        print(f"Wrote {count} sessions ({weeks} weeks) to {path}.")
    return 0


# --- settings --------------------------------------------------------------------------------------

# The settings flags, by the name of the setting each one changes.
_SETTINGS_FLAGS = {
    "baseline_pain_left": "baseline_pain_left",
    "baseline_pain_right": "baseline_pain_right",
    "involved_side": "involved_side",
    "dumbbells_kg": "dumbbells",
    "bands": "bands",
    "seen_professional": "seen_professional",
}


def settings(args: argparse.Namespace, clock: Clock) -> int:
    today = clock.today()
    changes = {
        name: None if getattr(args, flag) is NOT_RECORDED else getattr(args, flag)
        for name, flag in _SETTINGS_FLAGS.items()
        if getattr(args, flag) is not None
    }
    # Band colours come from the catalogue: read it now so a wrong colour is refused before
    # the database is opened (open_services reads it again; it is small).
    catalogue = _catalogue(args) if "bands" in changes else None
    changed_settings(
        Settings(),
        changes,
        band_colours=catalogue.band_colours if catalogue else (),
        today=today,
    )
    with open_services(args, clock) as services:
        current = services.update_settings(**changes) if changes else services.settings()
        usual = services.usual_pains()
        if args.json:
            print_json(settings_json(current, services.catalogue, usual))
        else:
            if changes:
                print("Saved. Your settings now:")
            print(settings_text(current, services.catalogue, usual))
    return 0


def visits(args: argparse.Namespace, clock: Clock) -> int:
    with open_services(args, clock) as services:
        if args.json:
            print_json(visits_json(services.visits()))
        else:
            print(visits_text(services.visits()))
    return 0


# --- the table -------------------------------------------------------------------------------------

# Each command by its name as typed; a command with subcommands (`plan set`) by both words.
COMMANDS: dict[str, Command] = {
    "catalog": catalog,
    "log": log,
    "history": history,
    "morning": morning,
    "symptoms": symptoms,
    "suggest": suggest,
    "assess record": assess_record,
    "assess show": assess_show,
    "assess tests": assess_tests,
    "report": report,
    "plan set": plan_set,
    "plan show": plan_show,
    "plan export": plan_export,
    "settings": settings,
    "visits": visits,
    "export": data.main,
    "import": data.main,
    "chart": chart.main,
    "prescription template": prescription.template,
    "prescription load": prescription.load,
    "prescription show": prescription.show,
}


def command_name(args: argparse.Namespace) -> str:
    """`plan set` for `trainer plan set ...` (its parser keeps the second word in `plan_command`)."""
    subcommand = getattr(args, f"{args.command}_command", None)
    return args.command if subcommand is None else f"{args.command} {subcommand}"


def run_command(args: argparse.Namespace, clock: Clock) -> int:
    """Run the subcommand the arguments name; its exit code (UserError: the caller says it)."""
    return COMMANDS[command_name(args)](args, clock)
