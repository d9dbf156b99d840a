"""Import a file: trainer's own exports and the CSV exports of Strong, Hevy and FitNotes, checked
whole before anything is written."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.errors import EntryError
from trainer.core.importers import (
    TRAINER_JSON,
    detect_format,
    read_backup,
    read_import,
)
from trainer.core.names import NameMatch
from trainer.private_files import user_path

if TYPE_CHECKING:
    from trainer.exchange.source import Services


from trainer.exchange.import_report import ImportReport, report_of
from trainer.exchange.restore import _restore
from trainer.exchange.writing import _write_sets

MAX_IMPORT_BYTES = 100 * 1024 * 1024  # far above any phone app's export


def read_text(path: str | Path) -> str:
    """The text of a file to import; EntryError for a missing, unreadable or binary file."""
    from trainer.paths import read_bounded

    source = user_path(path)
    data = read_bounded(source, MAX_IMPORT_BYTES, EntryError, "an export to import")
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")  # a CSV saved by some spreadsheet programs
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EntryError(
            f"{source} is not UTF-8 text (byte {error.start}); is it an export in CSV or JSON?"
        ) from None
    if "\x00" in text:
        raise EntryError(f"{source} holds binary data; is it an export in CSV or JSON?")
    return text


def import_file(
    services: Services,
    path: str | Path,
    weight_unit: str | None = None,
    mappings: Mapping[str, NameMatch] | None = None,
) -> ImportReport:
    """Import a file: check all of it, then write. `weight_unit` (kg or lbs) is for files that do
    not say (Strong's legacy export); `mappings` are the person's own names for catalogue
    exercises (`--map`)."""
    source = str(path)
    text = read_text(path)
    fmt = detect_format(text, source)
    today = services.clock.today()
    if fmt == TRAINER_JSON:
        backup = read_backup(text, services.catalogue, today=today, source=source)
        # One transaction for the whole file: a restore the database refuses part-way (a full
        # disk, say) leaves nothing of it behind.
        with services.store.all_or_nothing():
            return _restore(services, backup, source)
    given = dict(mappings or {})
    remembered = _remembered_names(services, fmt)
    plan = read_import(
        text, services.catalogue, today=today, source=source, weight_unit=weight_unit,
        mappings={**remembered, **given},
    )
    report = report_of(source, plan)
    used = sorted(name for name in remembered if name not in given and name in plan.matched_names)
    if used:
        report.notes.append(
            f"names you mapped at an earlier import were used again: {', '.join(used)}"
        )
    _write_sets(services.store, plan, report)
    # Remembered for this app's next export, once the file went in.
    services.store.save_name_maps(fmt, {name: (m.exercise_id, m.level) for name, m in given.items()})
    return report


def _remembered_names(services: Services, fmt: str) -> dict[str, NameMatch]:
    """The person's earlier `--map`s for this app, those the catalogue still has."""
    remembered = {}
    for _, name, exercise_id, level in services.store.name_maps(fmt):
        if exercise_id not in services.catalogue:
            continue
        ladder = services.catalogue.get(exercise_id).levels
        remembered[name] = NameMatch(exercise_id, level if level and level <= len(ladder) else None)
    return remembered
