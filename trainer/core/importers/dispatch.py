"""`read_import`: the sets of any export trainer reads, by its format."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from trainer.core.importers.backup import read_backup
from trainer.core.importers.detect import detect_format
from trainer.core.importers.formats import TRAINER_CSV, TRAINER_JSON
from trainer.core.importers.other_apps import parse_sets, plan_sets
from trainer.core.importers.results import ImportPlan
from trainer.core.importers.trainer_csv import read_trainer_csv
from trainer.core.model import Catalogue
from trainer.core.names import NameMapper, NameMatch


def read_import(
    text: str,
    catalogue: Catalogue,
    *,
    today: date,
    source: str = "the file",
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ImportPlan:
    """The sets to import from a CSV export (trainer's own, Strong, Hevy or FitNotes), checked.
    `mappings` are the person's own names for catalogue exercises (`--map`).

    A trainer JSON export holds more than sets: read it with `read_backup`.
    """
    fmt = detect_format(text, source)
    if fmt == TRAINER_JSON:
        return read_backup(text, catalogue, today=today, source=source).sets
    if fmt == TRAINER_CSV:
        return read_trainer_csv(text, catalogue, today, source)
    parsed = parse_sets(text, catalogue, source=source, weight_unit=weight_unit, mappings=mappings)
    if weight_unit is not None:
        parsed.notes.append(
            f"--weight-unit {weight_unit} was not needed: the file states its units"
            if parsed.unit_stated
            else f"weights were read as {weight_unit}, as --weight-unit said"
        )
    return plan_sets(parsed, catalogue, today, source, NameMapper(catalogue, mappings))
