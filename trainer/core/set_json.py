"""The shape of a logged set in JSON, one for every face (issue 17.2): an export's sets, and the
command line's `--json` (`log`, `history`), which adds the set's database id and its load in words.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from trainer.core.model import LoggedSet


def set_json(logged: LoggedSet) -> dict[str, Any]:
    """A logged set as plain JSON values (the keys are a contract for scripts and backups)."""
    return {
        "date": logged.date.isoformat(),
        "exercise": logged.exercise_id,
        "level": logged.level,
        "side": logged.side.value,
        "set": logged.set_number,
        "reps": logged.reps,
        "hold_s": logged.hold_s,
        "load_kg": logged.load.kg,
        "load_band": logged.load.band,
        "pain": logged.pain,
        "sharp": logged.sharp,
        "stopped": logged.stopped_early,
        "technique_ok": logged.technique_ok,
        "logged_at": logged.logged_at.astimezone(UTC).isoformat(),
        # Where an imported set came from (null: logged in trainer), so the file it came from is
        # still recognised after a restore (#16.4).
        "import_key": logged.import_key,
    }
