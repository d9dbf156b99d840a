"""`trainer prescription template|load|show`: a programme from a physiotherapist (issue 19).

`template` writes an example prescription.toml to edit (docs/prescription-format.md); `load FILE
[--from DATE]` checks it against the catalogue (a mistake: file, line, exercise id and field; exit
2; nothing changed) and applies it from that day; `show` says what is in force, and what was.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from trainer.cli.common import open_services, print_json, writable_file
from trainer.core.entry import parse_day

if TYPE_CHECKING:
    from trainer.core.clock import Clock
    from trainer.core.model import Catalogue
    from trainer.core.prescription import LoadedPrescription


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    prescription = commands.add_parser(
        "prescription",
        parents=[common],
        help="a programme from your physiotherapist: template, load, show",
        description="A physiotherapist writes prescription.toml (start from `trainer prescription "
        "template`; the format is in docs/prescription-format.md) and the patient loads it: from "
        "then on trainer runs only its exercises, from its levels, at its doses.",
    )
    actions = prescription.add_subparsers(dest="prescription_command", metavar="template|load|show", required=True)
    template = actions.add_parser("template", parents=[common], help="write an example prescription to edit")
    template.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    load = actions.add_parser(
        "load", parents=[common], help="check a prescription file and apply it",
        description="Check FILE against the catalogue and apply it from --from (default today). "
        "A file with a mistake is refused whole, with its line, exercise id and field.",
    )
    load.add_argument("file", metavar="FILE", help="the prescription file (prescription.toml)")
    load.add_argument("--from", dest="starts_on", metavar="DATE", help="the day it applies from (default today)")
    load.add_argument("--json", action="store_true", help="machine-readable output")
    show = actions.add_parser("show", parents=[common], help="the prescription in force, and the earlier ones")
    show.add_argument("--json", action="store_true", help="machine-readable output")


def template(args: argparse.Namespace, clock: Clock) -> int:
    from trainer.core.prescription import TEMPLATE
    from trainer.private_files import write_private_file

    if args.output is None:
        print(TEMPLATE, end="")
        return 0
    target = writable_file(args.output, "--output", args)
    write_private_file(target, TEMPLATE)
    print(f"Wrote an example prescription to {target}: edit it, then `trainer prescription load {target}`.")
    return 0


def load(args: argparse.Namespace, clock: Clock) -> int:
    starts_on = parse_day(args.starts_on, clock.today()) if args.starts_on is not None else None
    with open_services(args, clock) as services:
        loaded = services.load_prescription(args.file, starts_on)
        if args.json:
            print_json(loaded_json(loaded))
        else:
            print(f"Loaded the prescription from {args.file}, in force from {loaded.starts_on:%a %d %b %Y}.")
            print("\n".join(prescription_lines(loaded, services.catalogue)))
    return 0


def show(args: argparse.Namespace, clock: Clock) -> int:
    with open_services(args, clock) as services:
        current = services.prescription_in_force()
        every = services.prescriptions()
        if args.json:
            print_json(
                {
                    "in_force": loaded_json(current) if current else None,
                    "prescriptions": [loaded_json(p) for p in every],
                }
            )
            return 0
        if current is None:
            print("No prescription is in force: trainer runs the whole programme of the catalogue.")
            coming = [p for p in every if p.starts_on > clock.today()]
            if coming:
                print(f"One applies from {coming[0].starts_on:%a %d %b %Y} ({coming[0].source}).")
            else:
                print("Load one with `trainer prescription load FILE`.")
            return 0
        print("\n".join(prescription_lines(current, services.catalogue, today=clock.today())))
        earlier = [p for p in every if p.id != current.id]
        if earlier:
            print("\nOther prescriptions loaded:")
            for other in earlier:
                rx = other.prescription
                print(
                    f"- from {other.starts_on:%d %b %Y}: {rx.written_by}, written {rx.written_on:%d %b %Y} "
                    f"({other.source})"
                )
    return 0


def loaded_json(loaded: LoadedPrescription) -> dict[str, Any]:
    from trainer.core.prescription import prescription_json

    return {
        "id": loaded.id,
        "starts_on": loaded.starts_on.isoformat(),
        "source": loaded.source,
        **prescription_json(loaded.prescription),
    }


def prescription_lines(loaded: LoadedPrescription, catalogue: Catalogue, today: date | None = None) -> list[str]:
    """The prescription as lines of text: who, when, the review, and each exercise's dose."""
    from trainer.core.prescription import prescribed_text, review_text

    rx = loaded.prescription
    lines = [
        f"Prescription from {rx.written_by}, written {rx.written_on:%a %d %b %Y}, "
        f"in force from {loaded.starts_on:%a %d %b %Y}; review on {rx.review_on:%a %d %b %Y}."
    ]
    review = review_text(loaded, today) if today is not None else None
    if review:
        lines.append(review)
    if rx.note:
        lines.append(f"Note: {rx.note}")
    lines.append("")
    for item in rx.exercises:
        exercise = catalogue.get(item.exercise_id)
        lines.append(f"- {exercise.name} ({exercise.id}): {prescribed_text(item, exercise)}")
        if item.note:
            lines.append(f"  Note: {item.note}")
    return lines
