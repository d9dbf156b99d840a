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
from datetime import date
from typing import Any, Callable

from trainer import __version__
from trainer.core.clock import Clock, SystemClock
from trainer.core.entry import check_pain, parse_counts, parse_day, parse_side
from trainer.core.errors import UserError
from trainer.core.model import Catalogue, DoseKind, Exercise, LoggedSet, Sidedness
from trainer.paths import CATALOG_ENV, DB_ENV

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in trainer's one-line form (still exit code 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n(see {self.prog} --help)\n")


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
    return parser


def _whole_number(flag: str) -> Callable[[str], int]:
    def convert(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None

    convert.__name__ = flag  # argparse names the type in its message
    return convert


# --- output ------------------------------------------------------------------------------------


def set_json(logged: LoggedSet) -> dict[str, Any]:
    """The stable JSON form of a logged set (keys are a contract for scripts)."""
    return {
        "id": logged.id,
        "date": logged.date.isoformat(),
        "exercise": logged.exercise_id,
        "level": logged.level,
        "side": logged.side.value,
        "set": logged.set_number,
        "reps": logged.reps,
        "hold_s": logged.hold_s,
        "load": str(logged.load),
        "pain": logged.pain,
        "sharp": logged.sharp,
        "stopped": logged.stopped_early,
        "technique_ok": logged.technique_ok,
        "logged_at": logged.logged_at.isoformat(),
    }


def exercise_json(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "group": exercise.group.value,
        "muscles": list(exercise.muscles),
        "sided": exercise.sided.value,
        "dose": exercise.dose.value,
        "stretch": exercise.stretch,
        "rest_s": exercise.rest_s,
        "equipment": list(exercise.equipment),
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "cautions": list(exercise.cautions),
        "entry_level": exercise.entry_level.number,
        "levels": [
            {
                "level": level.number,
                "name": level.name,
                "sets": level.sets,
                "min": level.min,
                "max": level.max,
                "entry": level.entry,
                "loads": [kind.value for kind in level.loads],
                "sided": exercise.sided_at(level).value,
                "rep_hold_s": level.rep_hold_s,
                "how": level.how,
            }
            for level in exercise.levels
        ],
    }


_SIDED_TEXT = {
    Sidedness.EACH: "each side",
    Sidedness.ALTERNATING: "alternating sides",
    Sidedness.BOTH: "both sides at once",
}
_UNIT = {DoseKind.REPS: "reps", DoseKind.STEPS: "steps", DoseKind.HOLD: "s hold"}


def _dose_text(exercise: Exercise, level) -> str:
    span = f"{level.min}" if level.min == level.max else f"{level.min}-{level.max}"
    text = f"{level.sets} x {span} {_UNIT[exercise.dose]}"
    if level.rep_hold_s:
        text += f" ({level.rep_hold_s} s each)"
    return text


def catalogue_text(catalogue: Catalogue) -> str:
    lines: list[str] = []
    for group, exercises in catalogue.by_group():
        lines.append(group.value.upper())
        for exercise in exercises:
            lines.append(
                f"  {exercise.id:<30} {exercise.name}  [{_SIDED_TEXT[exercise.sided]}]"
            )
            for level in exercise.levels:
                marker = "*" if level.entry else " "
                loads = f"  + {'/'.join(k.value for k in level.loads)}" if level.loads else ""
                lines.append(
                    f"    {marker}{level.number:>2}  {level.name:<44} "
                    f"{_dose_text(exercise, level)}{loads}"
                )
        lines.append("")
    lines.append("* entry level.  Bands: " + ", ".join(catalogue.band_colours))
    return "\n".join(lines)


def _amount(logged: LoggedSet) -> str:
    return f"{logged.hold_s} s" if logged.hold_s is not None else f"{logged.reps} reps"


def _flags(logged: LoggedSet) -> str:
    flags = []
    if logged.sharp:
        flags.append("SHARP")
    if logged.stopped_early:
        flags.append("stopped")
    if not logged.technique_ok:
        flags.append("poor form")
    return ", ".join(flags)


def history_text(sets: list[LoggedSet]) -> str:
    if not sets:
        return "No sets logged yet. Log one with: trainer log EXERCISE --side left --reps 12,12"
    header = f"{'date':<10}  {'exercise':<28} {'lvl':>3}  {'side':<5} {'set':>3}  {'done':<8} {'load':<12} {'pain':>4}  flags"
    rows = [
        f"{s.date.isoformat():<10}  {s.exercise_id:<28} {s.level:>3}  {s.side.value:<5} "
        f"{s.set_number:>3}  {_amount(s):<8} {str(s.load):<12} "
        f"{'' if s.pain is None else s.pain:>4}  {_flags(s)}"
        for s in sets
    ]
    return "\n".join([header, *rows])


def logged_text(catalogue: Catalogue, logged: list[LoggedSet]) -> str:
    first = logged[0]
    exercise = catalogue.get(first.exercise_id)
    level = exercise.level(first.level)
    sets = ", ".join(f"set {s.set_number}: {_amount(s)}" for s in logged)
    return (
        f"Logged {exercise.name}, {first.side.value}, level {level.number} ({level.name}), "
        f"load {first.load}, on {first.date.isoformat()}: {sets}"
    )


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

    # Everything that can be checked without the database is checked before it is opened.
    today = clock.today()
    if args.command == "log":
        side = parse_side(args.side)
        reps = parse_counts(args.reps, "reps") if args.reps is not None else None
        holds = parse_counts(args.hold, "hold") if args.hold is not None else None
        check_pain(args.pain)
        on = parse_day(args.date, today) if args.date else None
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
