"""What the commands share: opening the services around a command, printing JSON, writing files
that hold health data, and checking where a file may go.

The services (and the database modules with them) are imported only when a command opens them.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trainer.core.clock import Clock
    from trainer.services import Services


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def collect_again() -> None:
    """After start-up: what is loaded now (Textual, SQLAlchemy, the catalogue) lives as long as
    the process, so it leaves the cyclic collector's full passes (which would walk it again and
    again while a chart or a history is built, 25 ms a pass); then collection is back on, for
    the garbage cycles that work makes (json's encoder makes some for every item)."""
    gc.freeze()
    gc.enable()


def say_notices(services: Services) -> None:
    """What opening the database found (a torn log and where its copy is), on stderr."""
    for notice in services.notices:
        print(f"trainer: warning: {notice}", file=sys.stderr)


@contextmanager
def open_services(args: argparse.Namespace, clock: Clock) -> Iterator[Services]:
    """The services on the database and catalogue the options name, closed when the command ends.

    Open them only once everything that can be checked without the database is checked."""
    from trainer.services import build_services

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
    say_notices(services)
    collect_again()
    try:
        yield services
    finally:
        services.close()


def writable_file(text: str, flag: str, args: argparse.Namespace) -> Path:
    """A file path that can be written: not a directory, in a folder that exists, not the
    database in use (nor its journal or a backup)."""
    from trainer.paths import db_path
    from trainer.private_files import check_output_path

    example = "trainer-plan.ics" if flag == "--ics" else "trainer-report.html"
    return check_output_path(text, flag, example, database=db_path(getattr(args, "db", None)))


def write_private(target: Path, text: str | bytes, services: Services) -> None:
    """Write health data readable by its owner only (0600), never leaving a half-written file."""
    services.write_private(target, text)
