"""The command line: `trainer` opens the TUI; subcommands print text, or JSON with `--json`.

User errors (bad input, a broken catalogue, an unusable database) print one line on stderr and
exit with code 2; nothing is written in that case. Textual is imported only to open the TUI, so
scripted commands start fast.
"""

from __future__ import annotations

import argparse
import errno
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer import __version__, cli_charts, cli_data
from trainer.cli_format import (
    assessment_json,
    assessment_result_json,
    assessment_tests_json,
    assessment_tests_text,
    assessment_text,
    catalogue_text,
    checklist_json,
    checklist_text,
    exercise_json,
    history_lines,
    json_array_lines,
    logged_text,
    morning_json,
    morning_text,
    plan_json,
    plan_set_text,
    plan_show_json,
    plan_show_text,
    set_json,
    settings_json,
    settings_text,
    suggestion_json,
    suggestion_text,
    symptoms_json,
    symptoms_text,
    training_block_json,
    visits_json,
    visits_text,
)
from trainer.core.clock import Clock, SystemClock
from trainer.core.entry import PAIN_NOT_NOTED, check_pain, morning_check, parse_counts, parse_day, parse_side
from trainer.core.errors import EntryError, UserError
from trainer.core.model import (
    Settings,
    Side,
)
from trainer.core.numbers import whole_number
from trainer.core.pain import RED_MIN, is_red
from trainer.core.plan import UNCHANGED, check_minutes, has_begun, parse_weekdays, plan_on
from trainer.core.settings import NO_DUMBBELLS, changed_settings
from trainer.core.symptoms import (
    parse_symptom_ids,
    symptom_answers,
)
from trainer.paths import CATALOG_ENV, DB_ENV

if TYPE_CHECKING:
    from trainer.services import Services

EXIT_USER_ERROR = 2
_DATA_COMMANDS_WIRED = True  # export and import (trainer.cli_data)
_CHART_COMMAND_WIRED = True  # trainer chart (trainer.cli_charts)


def one_line(message: str) -> str:
    """A message as one line: what the person typed may hold line breaks or control characters."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in trainer's one-line form (still exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def _common_options() -> argparse.ArgumentParser:
    # Accepted before or after the subcommand (`trainer --db X log ...` or `trainer log ... --db X`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help=f"database file (default: ${DB_ENV} or trainer.db in your data directory)",
    )
    common.add_argument(
        "--catalog", metavar="PATH", default=argparse.SUPPRESS,
        help=f"catalogue file (default: ${CATALOG_ENV} or the catalogue shipped with trainer)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(
        prog="trainer",
        parents=[common],
        description="Corrective-exercise trainer for hip imbalance. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    catalog = commands.add_parser(
        "catalog", parents=[common], help="the exercises by group, with dose and ladder"
    )
    catalog.add_argument("--json", action="store_true", help="machine-readable output")

    log = commands.add_parser(
        "log", parents=[common], help="log one side's sets of one exercise",
        description="Log one side's sets of one exercise into that date's session. "
        "A comma list is several sets in order: --reps 15,15,12 or --hold 30,30.",
    )
    log.add_argument("exercise", metavar="EXERCISE", help="exercise id (see `trainer catalog`)")
    log.add_argument("--side", required=True, help="left, right or both")
    amount = log.add_mutually_exclusive_group(required=True)
    amount.add_argument("--reps", metavar="N[,N...]", help="repetitions (or steps) per set")
    amount.add_argument("--hold", metavar="S[,S...]", help="seconds held per set")
    log.add_argument("--level", type=_whole_number("--level"), help="ladder level, 1 = easiest")
    log.add_argument("--load", help="8kg, 2.5kg, COLOUR-band (e.g. red-band) or bw")
    log.add_argument(
        "--pain", type=_whole_number("--pain"), help=f"worst pain during, 0-10. {PAIN_NOT_NOTED}"
    )
    log.add_argument("--sharp", action="store_true", help="sharp, stabbing or catching pain")
    log.add_argument("--stopped", action="store_true", help="stopped early")
    log.add_argument("--poor-technique", action="store_true", help="form broke down")
    log.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    log.add_argument("--json", action="store_true", help="machine-readable output")

    history = commands.add_parser(
        "history", parents=[common], help="logged sets, newest first"
    )
    history.add_argument("--since", help="only sets on or after this date (YYYY-MM-DD)")
    history.add_argument("--json", action="store_true", help="machine-readable output")

    morning = commands.add_parser(
        "morning", parents=[common], help="pain and muscle soreness on waking, per side",
        description="Record pain and muscle soreness on waking (0-10) for the training day before "
        "the date. Recording again for the same date and side corrects the entry.",
    )
    morning.add_argument("--side", required=True, help="left, right or both")
    morning.add_argument(
        "--pain", metavar="N", required=True, type=_whole_number("--pain"),
        help="pain on waking, 0-10",
    )
    morning.add_argument(
        "--soreness", metavar="N", type=_whole_number("--soreness"),
        help="muscle soreness on waking, 0-10",
    )
    morning.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    morning.add_argument("--json", action="store_true", help="machine-readable output")

    symptoms = commands.add_parser(
        "symptoms", parents=[common], help="answer the red-flag symptom checklist, or list it",
        description="Record which symptoms of the red-flag checklist you have now (--yes IDS), or "
        "that you have none of them (--none). --list prints the checklist with its ids.",
    )
    answer = symptoms.add_mutually_exclusive_group(required=True)
    answer.add_argument("--yes", metavar="ID[,ID...]", help="the symptoms you have (ids: --list)")
    answer.add_argument("--none", action="store_true", help="none of the symptoms on the list")
    answer.add_argument(
        "--mistake", action="store_true",
        help="the emergency answer that stops training was given by mistake: it no longer counts",
    )
    answer.add_argument("--list", action="store_true", help="print the checklist and its ids")
    symptoms.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    symptoms.add_argument("--json", action="store_true", help="machine-readable output")

    suggest = commands.add_parser(
        "suggest", parents=[common],
        help="what to do next, per exercise and side, and when to see a professional",
        description="The progression engine's decision for every exercise and side for a session "
        "on DATE (default today), with the reasons; referrals first.",
    )
    suggest.add_argument(
        "--date",
        help="YYYY-MM-DD, today, yesterday or tomorrow (default: the next session: today, or once "
        "today's sets are logged, the next planned day, counting them)",
    )
    suggest.add_argument(
        "--why", action="store_true", help="every reason behind each decision, not only the leading one"
    )
    suggest.add_argument("--json", action="store_true", help="machine-readable output")

    assess = commands.add_parser(
        "assess", parents=[common], help="the self-assessment: which side is weaker, every 4 weeks"
    )
    assess_commands = assess.add_subparsers(dest="assess_command", metavar="record|show|tests", required=True)
    assess_record = assess_commands.add_parser(
        "record", parents=[common], help="record one test result for one side"
    )
    assess_record.add_argument("--test", required=True, metavar="ID", help="test id (see `trainer assess tests`)")
    assess_record.add_argument("--side", required=True, help="left or right")
    assess_record.add_argument("--value", required=True, help="reps, seconds, or yes/no")
    assess_record.add_argument("--pain", type=_whole_number("--pain"), help="pain during the test, 0-10")
    assess_record.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    assess_record.add_argument("--json", action="store_true", help="machine-readable output")
    assess_show = assess_commands.add_parser(
        "show", parents=[common], help="latest results, the weaker side and the change since the first"
    )
    assess_show.add_argument("--json", action="store_true", help="machine-readable output")
    assess_tests = assess_commands.add_parser(
        "tests", parents=[common], help="the tests with their ids and instructions"
    )
    assess_tests.add_argument("--json", action="store_true", help="machine-readable output")

    report = commands.add_parser(
        "report", parents=[common], help="one page for a physiotherapist or doctor",
        description="The plan and adherence, each side's level, symmetry now against the start, "
        "pain per side, and every pain flag and referral with its date.",
    )
    report.add_argument("--since", help="only what was logged on or after this date (YYYY-MM-DD)")
    report.add_argument(
        "--format", choices=("md", "html", "pdf"), default="md",
        help="Markdown (default), HTML or PDF (PDF needs --output)",
    )
    report.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")

    plan = commands.add_parser(
        "plan", parents=[common], help="training days, coming sessions, adherence, calendar export"
    )
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="set|show|export", required=True)
    plan_set = plan_commands.add_parser(
        "set", parents=[common], help="choose training days (3 or 4 a week) and session length",
        description="Set the plan. The first plan starts on --start (default today); a change "
        "takes effect from next week and keeps the history of what was planned before.",
    )
    plan_set.add_argument("--days", default="mon,wed,fri", help="3 or 4 weekdays (default mon,wed,fri)")
    plan_set.add_argument("--start", help="first day of the plan (YYYY-MM-DD; default today)")
    plan_set.add_argument("--side", help="the side that hurts or is weaker: left, right or unknown")
    plan_set.add_argument(
        "--minutes",
        help="minutes you can afford per session, e.g. 20, 30 or 45, or `all` for the whole "
        "programme (default: as before; a first plan: all)",
    )
    plan_set.add_argument("--json", action="store_true", help="machine-readable output")
    plan_show = plan_commands.add_parser(
        "show", parents=[common], help="the coming sessions with their exercises, and adherence"
    )
    plan_show.add_argument("--from", dest="first", help="first day to list (default today)")
    plan_show.add_argument(
        "--weeks", type=_whole_number("--weeks"), default=2, help="how many weeks to list (default 2)"
    )
    plan_show.add_argument("--json", action="store_true", help="machine-readable output")
    plan_export = plan_commands.add_parser(
        "export", parents=[common], help="write the coming sessions to an iCalendar (.ics) file"
    )
    plan_export.add_argument("--ics", required=True, metavar="FILE", help="the .ics file to write")
    plan_export.add_argument("--weeks", type=_whole_number("--weeks"), default=8, help="how many weeks (default 8)")

    settings = commands.add_parser(
        "settings", parents=[common], help="show or change your settings",
        description="Without options, show your settings; with options, change only those and "
        "show the result.",
    )
    settings.add_argument(
        "--baseline-pain-left", metavar="N", type=_pain_or_none("--baseline-pain-left"),
        help="your usual morning pain on the left, 0-10, or `none` for not recorded (default: "
        "not recorded, estimated from your first week's mornings)",
    )
    settings.add_argument(
        "--baseline-pain-right", metavar="N", type=_pain_or_none("--baseline-pain-right"),
        help="your usual morning pain on the right, 0-10, or `none` for not recorded (default: "
        "not recorded, estimated from your first week's mornings)",
    )
    settings.add_argument(
        "--involved-side", metavar="SIDE", help="the side with the problem: left, right or unknown"
    )
    settings.add_argument(
        "--dumbbells", metavar="KG[,KG...]",
        help=f"the dumbbells you own, e.g. 6,8,10,12 ({NO_DUMBBELLS} for none)",
    )
    settings.add_argument(
        "--bands", metavar="COLOUR[,COLOUR...]",
        help="the bands you own, light to heavy (default: the catalogue's colours)",
    )
    settings.add_argument(
        "--seen-professional", metavar="DATE",
        help="record that a physiotherapist or doctor saw you on DATE (YYYY-MM-DD, today or "
        "yesterday); every visit is kept (`trainer visits`), the setting shows the latest",
    )
    settings.add_argument("--json", action="store_true", help="machine-readable output")

    visits = commands.add_parser(
        "visits", parents=[common], help="the days a physiotherapist or doctor saw you",
        description="List the recorded visits to a physiotherapist or doctor, oldest first. "
        "Record one with `trainer settings --seen-professional DATE`.",
    )
    visits.add_argument("--json", action="store_true", help="machine-readable output")
    cli_data.add_parsers(commands, common)
    cli_charts.add_parser(commands, common)
    return parser


# The settings flags, by the name of the setting each one changes.
_SETTINGS_FLAGS = {
    "baseline_pain_left": "baseline_pain_left",
    "baseline_pain_right": "baseline_pain_right",
    "involved_side": "involved_side",
    "dumbbells_kg": "dumbbells",
    "bands": "bands",
    "seen_professional": "seen_professional",
}


_whole_number = cli_charts.whole_number_type  # one argparse adapter for every face


# `--baseline-pain-left none`: the value that clears a setting (None means "flag not given").
_NOT_RECORDED = object()


def _pain_or_none(flag: str) -> Callable[[str], Any]:
    whole = _whole_number(flag)

    def convert(text: str) -> Any:
        return _NOT_RECORDED if text.strip().lower() == "none" else whole(text)

    convert.__name__ = flag
    return convert


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# --- commands ----------------------------------------------------------------------------------


def _run_command(args: argparse.Namespace, clock: Clock) -> int:
    from trainer import paths
    from trainer.services import build_services, load_catalogue

    if args.command in cli_data.COMMANDS:
        return cli_data.main(args, clock)

    if args.command == "catalog":
        catalogue = load_catalogue(paths.catalog_path(getattr(args, "catalog", None)))
        if args.json:
            _print_json(
                {
                    "bands": list(catalogue.band_colours),
                    "groups": [group.value for group, _ in catalogue.by_group()],
                    "exercises": [
                        exercise_json(ex) for _, group in catalogue.by_group() for ex in group
                    ],
                }
            )
        else:
            print(catalogue_text(catalogue))
        return 0

    if args.command == "assess" and args.assess_command == "tests":
        catalogue = load_catalogue(paths.catalog_path(getattr(args, "catalog", None)))
        if args.json:
            _print_json(assessment_tests_json(catalogue.assessments))
        else:
            print(assessment_tests_text(catalogue.assessments))
        return 0

    if args.command == "symptoms" and args.list:
        if args.date is not None:
            raise EntryError("--date goes with --yes or --none, not with --list")
        if args.json:
            _print_json(checklist_json())
        else:
            print(checklist_text())
        return 0

    # Everything that can be checked without the database is checked before it is opened.
    today = clock.today()
    # `is not None`: an empty --date '' is a mistake to name, not "no date" (issue 18.7).
    on = parse_day(args.date, today) if getattr(args, "date", None) is not None else None
    if args.command == "log":
        side = parse_side(args.side)
        reps = parse_counts(args.reps, "reps") if args.reps is not None else None
        holds = parse_counts(args.hold, "hold") if args.hold is not None else None
        check_pain(args.pain)
    elif args.command == "morning":
        side = parse_side(args.side)
        morning_check(side, args.pain, args.soreness, on=on or today, today=today)
    elif args.command == "symptoms":
        if args.mistake and args.date is not None:
            raise EntryError("--date goes with --yes or --none, not with --mistake")
        yes_ids = parse_symptom_ids(args.yes) if args.yes is not None else []
        symptom_answers(yes_ids, on or today, today)
    elif args.command == "settings":
        changes = {
            name: None if getattr(args, flag) is _NOT_RECORDED else getattr(args, flag)
            for name, flag in _SETTINGS_FLAGS.items()
            if getattr(args, flag) is not None
        }
        # Band colours come from the catalogue: read it now so a wrong colour is refused before
        # the database is opened (build_services reads it again; it is small).
        catalogue = (
            load_catalogue(paths.catalog_path(getattr(args, "catalog", None)))
            if "bands" in changes
            else None
        )
        changed_settings(
            Settings(),
            changes,
            band_colours=catalogue.band_colours if catalogue else (),
            today=today,
        )
    elif args.command == "plan":
        plan_input = _check_plan_input(args, today)
    elif args.command == "report":
        report_target = _writable_file(args.output, "--output", args) if args.output else None
        if args.format == "pdf" and report_target is None:
            raise EntryError("a PDF report needs a file to go to: add --output FILE.pdf")
    elif args.command == "chart":
        cli_charts.check(args, today)
    elif args.command == "assess" and args.assess_command == "record":
        side = parse_side(args.side)
        check_pain(args.pain)
    since = parse_day(args.since, today) if getattr(args, "since", None) is not None else None

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
    say_notices(services)
    collect_again()
    try:
        if args.command == "log":
            logged = services.log(
                args.exercise, side, reps=reps, holds=holds, level=args.level, load=args.load,
                pain=args.pain, sharp=args.sharp, stopped=args.stopped,
                poor_technique=args.poor_technique, on=on,
            )
            if args.json:
                _print_json({"logged": [set_json(s) for s in logged]})
            else:
                print(logged_text(services.catalogue, logged))
        elif args.command == "history":
            # Years of sets: printed as they are read, never all held at once.
            sets = services.iter_history(since)
            if args.json:
                sys.stdout.writelines(json_array_lines(set_json(s) for s in sets))
                print()
            else:
                for line in history_lines(sets):
                    print(line)
        elif args.command == "morning":
            check = services.record_morning(side, args.pain, args.soreness, on)
            if args.json:
                _print_json(morning_json(check))
            else:
                print(morning_text(check))
        elif args.command == "symptoms":
            if args.mistake:
                answers = services.mark_symptoms_mistaken()
            else:
                answers = services.record_symptoms(yes_ids, on)
            block = services.training_block()
            if args.json:
                _print_json({**symptoms_json(answers), **training_block_json(block)})
            else:
                print(symptoms_text(answers, block))
        elif args.command == "suggest":
            day = on or services.next_session_day()
            suggestion = services.suggest(day)
            block = services.training_block(day)
            if args.json:
                _print_json({**suggestion_json(suggestion), **training_block_json(block)})
            else:
                counted = on is None and day != today  # say why it is not today
                involved = services.settings().involved_side
                print(suggestion_text(suggestion, services.catalogue, block, counted, involved, args.why))
        elif args.command == "plan":
            _run_plan(services, args, plan_input)
        elif args.command == "report":
            _run_report(services, args, since, report_target)
        elif args.command == "assess":
            _run_assess(services, args, on)
        elif args.command == "chart":
            return cli_charts.run(args, services)
        elif args.command == "visits":
            if args.json:
                _print_json(visits_json(services.visits()))
            else:
                print(visits_text(services.visits()))
        elif args.command == "settings":
            current = services.update_settings(**changes) if changes else services.settings()
            usual = services.usual_pains()
            if args.json:
                _print_json(settings_json(current, services.catalogue, usual))
            else:
                if changes:
                    print("Saved. Your settings now:")
                print(settings_text(current, services.catalogue, usual))
    finally:
        services.close()
    return 0


MAX_WEEKS = 104


def collect_again() -> None:
    """After start-up: what is loaded now (Textual, SQLAlchemy, the catalogue) lives as long as
    the process, so it leaves the cyclic collector's full passes (which would walk it again and
    again while a chart or a history is built, 25 ms a pass); then collection is back on, for
    the garbage cycles that work makes (json's encoder makes some for every item)."""
    gc.freeze()
    gc.enable()


def _writable_file(text: str, flag: str, args: argparse.Namespace) -> Path:
    """A file path that can be written: not a directory, in a folder that exists, not the
    database in use (nor its journal or a backup)."""
    from trainer.exchange import check_output_path
    from trainer.paths import db_path

    example = "trainer-plan.ics" if flag == "--ics" else "trainer-report.html"
    return check_output_path(text, flag, example, database=db_path(getattr(args, "db", None)))


def say_notices(services: Services) -> None:
    """What opening the database found (a torn log and where its copy is), on stderr."""
    for notice in services.notices:
        print(f"trainer: warning: {notice}", file=sys.stderr)


def write_private(target: Path, text: str | bytes, services: Services) -> None:
    """Write health data readable by its owner only (0600), never leaving a half-written file."""
    from trainer.exchange import write_private_file

    write_private_file(target, text, database=services.store.path)


def _run_report(services: Services, args: argparse.Namespace, since, target: Path | None) -> None:
    from trainer.report import report_pdf, report_text

    if args.format == "pdf":
        assert target is not None  # checked before the database was opened
        write_private(target, report_pdf(services, since), services)
        print(f"Wrote the report to {target} (PDF, readable by you only).")
        return
    text = report_text(services, since, args.format)
    if target is None:
        print(text, end="")
    else:
        write_private(target, text, services)
        print(f"Wrote the report to {target}.")


def _plan_minutes(text: str | None) -> int | None | object:
    if text is None:
        return UNCHANGED
    if text.strip().lower() in ("all", "whole", "full"):
        return None
    if not text.strip().isdigit():
        raise EntryError(f"--minutes '{text}' is not a whole number of minutes (or `all`)")
    return check_minutes(whole_number(text, "--minutes"))


def _check_plan_input(args: argparse.Namespace, today: date) -> dict[str, Any]:
    """Everything `plan set/show/export` was given, checked before the database is opened."""
    if args.plan_command == "set":
        side = args.side.strip().lower() if args.side is not None else None
        if side not in (None, "left", "right", "unknown", "not-sure", "unsure"):
            raise EntryError(f"--side '{args.side}' is not one of: left, right, unknown")
        return {
            "weekdays": parse_weekdays(args.days),
            "start": parse_day(args.start, today) if args.start is not None else None,
            "involved_side": UNCHANGED if side is None else (Side(side) if side in ("left", "right") else None),
            "minutes": _plan_minutes(args.minutes),
        }
    if not 1 <= args.weeks <= MAX_WEEKS:
        raise EntryError(f"--weeks {args.weeks} is outside 1-{MAX_WEEKS}")
    if args.plan_command == "show":
        return {"first": parse_day(args.first, today) if args.first is not None else None, "weeks": args.weeks}
    return {"path": _writable_file(args.ics, "--ics", args), "weeks": args.weeks}


def _run_plan(services: Services, args: argparse.Namespace, given: dict[str, Any]) -> None:
    if args.plan_command == "set":
        today = services.clock.today()
        changed = has_begun(services.plans(), today)
        plan = services.set_plan(**given)
        if args.json:
            _print_json({"plan": plan_json(plan)})
        else:
            print(plan_set_text(plan, today, changed))
        return
    if args.plan_command == "export":
        count = services.export_ics(given["path"], given["weeks"])
        print(f"Wrote {count} sessions ({given['weeks']} weeks) to {given['path']}.")
        return
    plans = services.plans()
    first = given["first"] or services.clock.today()
    sessions = services.advised_upcoming(first, given["weeks"])
    progress = services.adherence()
    missed = services.missed()
    current = plan_on(plans, services.clock.today()) or (plans[-1] if plans else None)
    if args.json:
        _print_json(plan_show_json(current, sessions, progress, missed))
    else:
        print(plan_show_text(current, sessions, progress, missed, services.catalogue))


def _run_assess(services: Services, args: argparse.Namespace, on) -> None:
    if args.assess_command == "record":
        result = services.record_assessment(args.test, parse_side(args.side), args.value, args.pain, on)
        test = services.assessment_test(result.test_id)
        if args.json:
            _print_json({"recorded": assessment_result_json(result)})
        else:
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
        return
    latest, first = services.assessment(), services.first_assessment()
    if args.json:
        _print_json(assessment_json(latest, first))
    else:
        print(assessment_text(latest, first, services.assessment_due()))


def _run_app(args: argparse.Namespace, clock: Clock) -> int:
    from trainer.services import build_services

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
    try:
        from trainer.ui.app import TrainerApp  # Textual only for the app

        collect_again()
        app = TrainerApp(services, clock)
        app.run()
    finally:
        services.close()
    return app.return_code or 0


_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EFBIG, errno.EDQUOT}


def _silence_stdout() -> None:
    """After stdout failed, what is still buffered would fail again when Python exits."""
    try:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives to exit)
    except OSError:
        pass


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    clock = clock or SystemClock()
    # Loading Textual and SQLAlchemy makes hundreds of thousands of objects and no garbage
    # cycles; the cyclic collector would only walk them over and over (about 8 % of start-up).
    # It is back on (collect_again) once the services are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if args.command is None:
            return _run_app(args, clock)
        code = _run_command(args, clock)
        sys.stdout.flush()  # a full disk under `> file` shows here, not at exit
        return code
    except UserError as error:
        print(f"trainer: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # `trainer history | head` closes the pipe early; that is not an error.
        _silence_stdout()
        return 0
    except OSError as error:
        if error.errno not in _OUTPUT_ERRNOS:
            raise
        # The output could not be written (`trainer history > /dev/full`): what the command
        # saved is saved; say so in one line instead of a traceback (issue 18.6).
        _silence_stdout()
        print(
            f"trainer: error: could not write the output ({error.strerror}); anything the "
            "command saved (a logged set, say) is saved",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    finally:
        # As it was for a caller in the same process (the tests call main many times).
        gc.unfreeze()
        if collecting:
            gc.enable()
