"""Reading workout files: trainer's own exports (JSON and CSV) and the CSV exports of Strong, Hevy
and FitNotes.

Pure: every function takes the text of a file and returns what it holds, or raises EntryError
naming the file, the row and the problem. A file is read whole before anything is written, so a
bad row means nothing is imported. Writing is `trainer.exchange`'s job.

What the real exports look like (samples in tests/core/test_importers.py):
- Strong (legacy): `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
  Notes,Workout Notes,RPE`. The weight has NO unit: it is in whatever unit the app was set to, so
  weights of exercises we import need `weight_unit`. Date `2021-07-07 18:35:21` (the workout's
  start), Duration `31m`, `1h 3m`, `2h` or `22s` (not needed here). Newer exports state the unit
  (`Weight (kg)`, or a `Weight Unit` column, `;`-separated), add rest-timer rows (Set Order
  `Rest Timer`) and mark warm-up, drop and failure sets W, D and F.
- Hevy: every cell quoted; `start_time` like `8 Apr 2026, 16:50`; `set_index` from 0; `set_type`
  normal, warmup, dropset or failure; `weight_kg` (or `weight_lbs`) empty for body weight.
- FitNotes: a date without a time, `Weight Unit` kgs or lbs on each row, `(Each Side)` in names,
  and names containing a comma are NOT quoted: `Overhead Press (Each Side, Dumbbells)` spills
  into the next cell, so such rows have one cell too many.

Rows that are not sets (rest timers, neither reps nor seconds) are counted and skipped. Exercise
names are mapped to catalogue ids when their normalised forms are equal (`Birddog` -> bird-dog);
other names are listed with their row counts and not imported.

Where things are: `formats` (the formats and the fixed parts of trainer's export), `results`
(what reading gives), `bounds`, `csv_rows` and `values` (the parsing every reader shares),
`detect` (which format a file is), `strong`, `hevy` and `fitnotes` with `app_sets` and
`other_apps` (other apps' exports), `trainer_sets`, `trainer_csv`, `json_object` and `backup`
(trainer's own exports), and `dispatch` (`read_import`). This package re-exports the public
names.
"""

from trainer.core.importers.backup import SESSION_STATUSES, read_backup, weekday_names
from trainer.core.importers.bounds import (
    BOUNDS_NOTE,
    MAX_NAME_CHARS,
    MAX_SET_NUMBER,
    MAX_SETS_PER_DAY,
    MAX_SETS_PER_SIDE_DAY,
    check_bounds,
    check_day_range,
)
from trainer.core.importers.detect import STRONG_LEGACY_COLUMNS, detect_format
from trainer.core.importers.dispatch import read_import
from trainer.core.importers.formats import (
    DROPSET,
    EXPORT_MARKER,
    EXPORT_VERSION,
    FAILURE,
    FITNOTES,
    FORMAT_NAMES,
    FORMATS,
    HEVY,
    KG_PER_LB,
    NORMAL,
    STRONG,
    TRAINER_CSV,
    TRAINER_CSV_COLUMNS,
    TRAINER_JSON,
    WARMUP,
    WEIGHT_UNITS,
)
from trainer.core.importers.other_apps import local_noon, parse_sets
from trainer.core.importers.results import Backup, ImportedSet, ImportPlan, NewSet, ParsedFile, TrainerSet
from trainer.core.importers.trainer_csv import FORMULA_STARTS
from trainer.core.importers.trainer_sets import trainer_key, trainer_keys
from trainer.core.importers.values import parse_moment

__all__ = [
    "BOUNDS_NOTE",
    "Backup",
    "DROPSET",
    "EXPORT_MARKER",
    "EXPORT_VERSION",
    "FAILURE",
    "FITNOTES",
    "FORMATS",
    "FORMAT_NAMES",
    "FORMULA_STARTS",
    "HEVY",
    "ImportPlan",
    "ImportedSet",
    "KG_PER_LB",
    "MAX_NAME_CHARS",
    "MAX_SETS_PER_DAY",
    "MAX_SETS_PER_SIDE_DAY",
    "MAX_SET_NUMBER",
    "NORMAL",
    "NewSet",
    "ParsedFile",
    "SESSION_STATUSES",
    "STRONG",
    "STRONG_LEGACY_COLUMNS",
    "TRAINER_CSV",
    "TRAINER_CSV_COLUMNS",
    "TRAINER_JSON",
    "TrainerSet",
    "WARMUP",
    "WEIGHT_UNITS",
    "check_bounds",
    "check_day_range",
    "detect_format",
    "local_noon",
    "parse_moment",
    "parse_sets",
    "read_backup",
    "read_import",
    "trainer_key",
    "trainer_keys",
    "weekday_names",
]
