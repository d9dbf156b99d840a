"""Export all of a person's data (JSON or CSV) and import files into the database.

Imports read trainer's own exports (JSON: everything; CSV: the sets) and the CSV exports of
Strong, Hevy and FitNotes; `trainer.core.importers` does the reading and checking. Here the file
is read from disk, checked WHOLE, and only then written: the sets in one transaction
(`Store.import_sets`), so a bad file leaves the database as it was, and every set carries an
import key, so importing a file twice adds nothing the second time.

A JSON export read back into an empty database gives the same export again, and the same
database, table by table (tests/test_backup_round_trip.py): it also carries each set's import key
(null for a set logged here), so a file imported before the backup is still recognised after a
restore, and the self-assessment results. Older exports without those keys still import. Two things the
store's API cannot yet restore exactly are reported as notes rather than invented: a session
marked done without a finish time (the store only finishes a session at a given time; it gets
its start time), and session notes (no method writes them; trainer does not write them yet
either). Set numbers with a gap (a set deleted) are numbered again 1, 2, ... on import.
"""

from trainer.exchange.export import (
    FORMULA_STARTS,
    csv_safe,
    export_chunks,
    export_csv,
    export_json,
    export_text,
)
from trainer.exchange.import_report import ImportReport
from trainer.exchange.importing import MAX_IMPORT_BYTES, import_file, read_text
from trainer.exchange.restore import _restore
from trainer.exchange.source import Services

__all__ = [
    "FORMULA_STARTS",
    "MAX_IMPORT_BYTES",
    "ImportReport",
    "Services",
    "_restore",
    "csv_safe",
    "export_chunks",
    "export_csv",
    "export_json",
    "export_text",
    "import_file",
    "read_text",
]
