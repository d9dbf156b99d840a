"""The command line's parser: every subcommand, its flags and their help (a contract for scripts).

Building it imports no heavy library (Textual, plotext, the database), so `--help` and errors in
the arguments are fast.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from trainer import __version__
from trainer.cli import chart, data, prescription
from trainer.cli.arguments import pain_or_none_type, whole_number_type
from trainer.core.entry import PAIN_NOT_NOTED
from trainer.core.settings import NO_DUMBBELLS
from trainer.paths import CATALOG_ENV, DB_ENV

EXIT_USER_ERROR = 2


def one_line(message: str) -> str:
    """A message as one line: what the person typed may hold line breaks or control characters."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


class Parser(argparse.ArgumentParser):
    """argparse that reports errors in trainer's one-line form (still exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def common_options() -> Parser:
    """--db and --catalog, for every parser (`trainer --db X log ...` or `trainer log ... --db X`)."""
    common = Parser(add_help=False)  # only a parent: its options are copied into each parser
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
    common = common_options()
    parser = Parser(
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
    log.add_argument("--level", type=whole_number_type("--level"), help="ladder level, 1 = easiest")
    log.add_argument("--load", help="8kg, 2.5kg, COLOUR-band (e.g. red-band) or bw")
    log.add_argument(
        "--pain", type=whole_number_type("--pain"), help=f"worst pain during, 0-10. {PAIN_NOT_NOTED}"
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
        "--pain", metavar="N", required=True, type=whole_number_type("--pain"),
        help="pain on waking, 0-10",
    )
    morning.add_argument(
        "--soreness", metavar="N", type=whole_number_type("--soreness"),
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
    assess_record.add_argument("--pain", type=whole_number_type("--pain"), help="pain during the test, 0-10")
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
        "--since-prescription", action="store_true",
        help="only what was logged since the prescription in force was loaded (for its review)",
    )
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
        "--weeks", type=whole_number_type("--weeks"), default=2, help="how many weeks to list (default 2)"
    )
    plan_show.add_argument("--json", action="store_true", help="machine-readable output")
    plan_export = plan_commands.add_parser(
        "export", parents=[common], help="write the coming sessions to an iCalendar (.ics) file"
    )
    plan_export.add_argument("--ics", required=True, metavar="FILE", help="the .ics file to write")
    plan_export.add_argument("--weeks", type=whole_number_type("--weeks"), default=8, help="how many weeks (default 8)")

    settings = commands.add_parser(
        "settings", parents=[common], help="show or change your settings",
        description="Without options, show your settings; with options, change only those and "
        "show the result.",
    )
    settings.add_argument(
        "--baseline-pain-left", metavar="N", type=pain_or_none_type("--baseline-pain-left"),
        help="your usual morning pain on the left, 0-10, or `none` for not recorded (default: "
        "not recorded, estimated from your first week's mornings)",
    )
    settings.add_argument(
        "--baseline-pain-right", metavar="N", type=pain_or_none_type("--baseline-pain-right"),
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
    data.add_parsers(commands, common)
    chart.add_parser(commands, common)
    prescription.add_parser(commands, common)
    return parser
