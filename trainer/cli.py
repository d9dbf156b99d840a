"""The command line: `trainer` opens the TUI; subcommands print text, or JSON with `--json`.

User errors (bad input, a broken catalogue, an unusable database) print one line on stderr and
exit with code 2; nothing is written in that case. Textual is imported only to open the TUI, so
scripted commands start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

from trainer import __version__
from trainer.core.clock import Clock, SystemClock
from trainer.core.entry import check_pain, morning_check, parse_counts, parse_day, parse_side
from trainer.core.errors import EntryError, UserError
from trainer.core.model import (
    Settings,
)
from trainer.core.settings import NO_DUMBBELLS, changed_settings
from trainer.core.symptoms import (
    parse_symptom_ids,
    symptom_answers,
)
from trainer.cli_format import (
    catalogue_text,
    checklist_json,
    checklist_text,
    exercise_json,
    history_text,
    logged_text,
    morning_json,
    morning_text,
    set_json,
    settings_json,
    settings_text,
    suggestion_json,
    suggestion_text,
    symptoms_json,
    symptoms_text,
)
from trainer.paths import CATALOG_ENV, DB_ENV

if TYPE_CHECKING:  # the engine is imported by services when a command needs it
    pass

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in trainer's one-line form (still exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


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
    log.add_argument("--pain", type=_whole_number("--pain"), help="worst pain during, 0-10")
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
    answer.add_argument("--list", action="store_true", help="print the checklist and its ids")
    symptoms.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    symptoms.add_argument("--json", action="store_true", help="machine-readable output")

    suggest = commands.add_parser(
        "suggest", parents=[common],
        help="what to do next, per exercise and side, and when to see a professional",
        description="The progression engine's decision for every exercise and side for a session "
        "on DATE (default today), with the reasons; referrals first.",
    )
    suggest.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default: today)")
    suggest.add_argument("--json", action="store_true", help="machine-readable output")

    settings = commands.add_parser(
        "settings", parents=[common], help="show or change your settings",
        description="Without options, show your settings; with options, change only those and "
        "show the result.",
    )
    settings.add_argument(
        "--baseline-pain-left", metavar="N", type=_whole_number("--baseline-pain-left"),
        help="your usual morning pain on the left, 0-10 (default 0)",
    )
    settings.add_argument(
        "--baseline-pain-right", metavar="N", type=_whole_number("--baseline-pain-right"),
        help="your usual morning pain on the right, 0-10 (default 0)",
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
        help="when a physiotherapist or doctor last assessed you (YYYY-MM-DD)",
    )
    settings.add_argument("--json", action="store_true", help="machine-readable output")
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


def _whole_number(flag: str) -> Callable[[str], int]:
    def convert(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None

    convert.__name__ = flag  # argparse names the type in its message
    return convert


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# --- commands ----------------------------------------------------------------------------------


def _run_command(args: argparse.Namespace, clock: Clock) -> int:
    from trainer.services import build_services, load_catalogue
    from trainer import paths

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
    on = parse_day(args.date, today) if getattr(args, "date", None) else None
    if args.command == "log":
        side = parse_side(args.side)
        reps = parse_counts(args.reps, "reps") if args.reps is not None else None
        holds = parse_counts(args.hold, "hold") if args.hold is not None else None
        check_pain(args.pain)
    elif args.command == "morning":
        side = parse_side(args.side)
        morning_check(side, args.pain, args.soreness, on=on or today, today=today)
    elif args.command == "symptoms":
        yes_ids = parse_symptom_ids(args.yes) if args.yes is not None else []
        symptom_answers(yes_ids, on or today, today)
    elif args.command == "settings":
        changes = {
            name: getattr(args, flag)
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
    since = parse_day(args.since, today) if getattr(args, "since", None) else None

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
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
            sets = services.history(since)
            if args.json:
                _print_json([set_json(s) for s in sets])
            else:
                print(history_text(sets))
        elif args.command == "morning":
            check = services.record_morning(side, args.pain, args.soreness, on)
            if args.json:
                _print_json(morning_json(check))
            else:
                print(morning_text(check))
        elif args.command == "symptoms":
            answers = services.record_symptoms(yes_ids, on)
            if args.json:
                _print_json(symptoms_json(answers))
            else:
                print(symptoms_text(answers))
        elif args.command == "suggest":
            suggestion = services.suggest(on)
            if args.json:
                _print_json(suggestion_json(suggestion))
            else:
                print(suggestion_text(suggestion, services.catalogue))
        elif args.command == "settings":
            current = services.update_settings(**changes) if changes else services.settings()
            if args.json:
                _print_json(settings_json(current, services.catalogue))
            else:
                if changes:
                    print("Saved. Your settings now:")
                print(settings_text(current, services.catalogue))
    finally:
        services.close()
    return 0


def _run_app(args: argparse.Namespace, clock: Clock) -> int:
    from trainer.services import build_services

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
    try:
        from trainer.ui.app import TrainerApp  # Textual only for the app

        TrainerApp(services, clock).run()
    finally:
        services.close()
    return 0


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    clock = clock or SystemClock()
    try:
        if args.command is None:
            return _run_app(args, clock)
        return _run_command(args, clock)
    except UserError as error:
        print(f"trainer: error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # `trainer history | head` closes the pipe early; that is not an error.
        return 0
