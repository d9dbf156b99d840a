"""The `export` and `import` commands of the command line.

`trainer export --format json|csv [--output FILE]` writes all data (stdout without --output; a
file is created readable by its owner only, as it holds health data).
`trainer import FILE [--weight-unit kg|lbs] [--map "NAME=ID[:LEVEL]"]... [--json]` reads a trainer
export, or a CSV export of Strong, Hevy or FitNotes, and reports what it added and what it skipped.

`add_parsers` builds the subcommands; `main` runs them (the command table points at it). Light to
import: the database modules load only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from trainer.cli.common import open_services
from trainer.core.errors import EntryError

if TYPE_CHECKING:
    from trainer.core.clock import Clock
    from trainer.services import Services


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `export` and `import` subcommands to the CLI's subparsers."""
    export = commands.add_parser(
        "export", parents=[common], help="write all your data as JSON (everything) or CSV (sets)",
        description="Write all your data: JSON holds everything (settings, plans, sessions, sets, "
        "morning checks, symptom answers, visits) and can be imported again; CSV has one row per "
        "set, for spreadsheets. Without --output it is printed. The file is made readable by you "
        "only.",
    )
    export.add_argument(
        "--format", required=True, choices=("json", "csv"), help="json (everything) or csv (sets)"
    )
    export.add_argument("--output", "-o", metavar="FILE", help="the file to write (default: print)")

    imported = commands.add_parser(
        "import", parents=[common],
        help="import a trainer export, or the CSV export of Strong, Hevy or FitNotes",
        description="Import a file: a trainer export (JSON or CSV), or the CSV export of Strong, "
        "Hevy or FitNotes (recognised from its header). Exercises are matched to the catalogue by "
        "name; others are listed and not imported. Importing the same file again adds nothing. "
        "A bad row stops the import before anything is written.",
    )
    imported.add_argument("file", metavar="FILE", help="the file to import")
    imported.add_argument(
        "--weight-unit", choices=("kg", "lbs"),
        help="the weight unit of a file that does not say (Strong's export): kg or lbs",
    )
    imported.add_argument(
        "--map", action="append", default=[], metavar='"NAME=ID[:LEVEL]"', dest="mappings",
        help="import the exercise called NAME in the file as catalogue exercise ID (at LEVEL); "
        "repeat for more names",
    )
    imported.add_argument("--json", action="store_true", help="machine-readable report")


def check(args: argparse.Namespace) -> None:
    """What can be checked before the database is opened."""
    from trainer.private_files import check_output_path, user_path

    if args.command == "export" and args.output is not None:
        from trainer.paths import db_path

        check_output_path(args.output, database=db_path(getattr(args, "db", None)))
    elif args.command == "import":
        source = user_path(args.file)
        try:
            exists, is_dir = source.exists(), source.is_dir()
        except OSError as error:  # a name too long for the file system, for one
            raise EntryError(f"cannot read {source}: {error.strerror}") from None
        if not exists:
            raise EntryError(f"{source} does not exist")
        if is_dir:
            raise EntryError(f"{source} is a directory, not a file to import")


def run(args: argparse.Namespace, services: Services) -> int:
    """Run `export` or `import` with open services; UserError on bad input (exit 2)."""
    if args.command == "export":
        pieces = services.export_chunks(args.format)
        if args.output is None:
            sys.stdout.writelines(pieces)
        else:
            target = services.write_private(args.output, pieces)
            what = "all your data" if args.format == "json" else "your sets"
            print(f"Wrote {what} to {target} ({args.format}, readable by you only).")
        return 0
    if args.command == "import":
        from trainer.core.names import parse_mapping

        mappings = dict(parse_mapping(text, services.catalogue) for text in args.mappings)
        report = services.import_file(args.file, weight_unit=args.weight_unit, mappings=mappings)
        if args.json:
            print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        else:
            print(report.text())
        return 0
    raise ValueError(f"not a data command: {args.command}")


def main(args: argparse.Namespace, clock: Clock) -> int:
    """`trainer export|import`: check, open the database, run the command, close it."""
    check(args)
    with open_services(args, clock) as services:
        return run(args, services)
