"""Writing a checked file's sets: in one transaction, each with its import key, so a file
imported twice adds nothing the second time."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from trainer.core.importers import TRAINER_CSV, TRAINER_JSON, ImportPlan, local_noon, trainer_keys
from trainer.core.model import SessionStatus
from trainer.exchange.import_report import ImportReport

if TYPE_CHECKING:
    from trainer.store import Store


def _existing_keys(store: Store) -> set[str]:
    """Keys of the sets already in the database, computed as a trainer export would key them,
    so a set logged here and exported is recognised when the export comes back."""
    sets = list(store.iter_sets_oldest_first())
    return set(
        trainer_keys((s.date, s.exercise_id, s.side, s.logged_at, s.set_number) for s in sets)
    )


def _write_sets(store: Store, plan: ImportPlan, report: ImportReport) -> None:
    existing = _existing_keys(store) if plan.format in (TRAINER_JSON, TRAINER_CSV) else set()
    rows = []
    for new in plan.sets:
        if new.key in existing:
            report.duplicates += 1
            continue
        # Other apps write local times without a zone: this computer's zone is the best guess.
        logged_at = new.logged_at or (new.time or local_noon(new.day)).astimezone(UTC)
        rows.append((new.day, new.entry, logged_at, new.stored_key, new.set_number))
    if rows:
        added, skipped = store.import_sets(rows, SessionStatus.DONE)
        report.added += added
        report.duplicates += skipped
    if plan.format not in (TRAINER_JSON, TRAINER_CSV) and report.duplicates:
        # The same file again with the other --weight-unit: its sets get the weights it now gives.
        report.reloaded = store.reload_import_loads(
            [(new.key, new.entry.load.kg) for new in plan.sets if new.entry.load.kg is not None]
        )
        if report.reloaded:
            report.notes.append(
                f"{report.reloaded} sets imported before from this file were given the weights "
                "read now (the weight unit differs from the last import)"
            )
