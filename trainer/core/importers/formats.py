"""The file formats trainer reads, their names, and the fixed parts of trainer's own export."""

from __future__ import annotations

TRAINER_JSON = "trainer-json"
TRAINER_CSV = "trainer-csv"
STRONG = "strong"
HEVY = "hevy"
FITNOTES = "fitnotes"
FORMATS = (TRAINER_JSON, TRAINER_CSV, STRONG, HEVY, FITNOTES)
FORMAT_NAMES = {
    TRAINER_JSON: "trainer JSON export",
    TRAINER_CSV: "trainer CSV export",
    STRONG: "Strong export",
    HEVY: "Hevy export",
    FITNOTES: "FitNotes export",
}

# trainer's own export: the marker and version of the JSON, the columns of the CSV.
EXPORT_MARKER = "trainer-export"
EXPORT_VERSION = 1
TRAINER_CSV_COLUMNS = (
    "date", "exercise", "level", "side", "set", "reps", "hold_s", "load", "pain", "sharp",
    "stopped", "technique_ok", "logged_at",
)


WEIGHT_UNITS = ("kg", "lbs")
KG_PER_LB = 0.45359237

NORMAL, WARMUP, DROPSET, FAILURE = "normal", "warmup", "dropset", "failure"
