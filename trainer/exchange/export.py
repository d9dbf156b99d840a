"""Export all of a person's data: JSON (everything, a whole backup) or CSV (the sets), written as
they are read."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from trainer import __version__
from trainer.core.errors import EntryError
from trainer.core.importers import (
    EXPORT_MARKER,
    EXPORT_VERSION,
    FORMULA_STARTS,
    TRAINER_CSV_COLUMNS,
    weekday_names,
)
from trainer.core.set_json import set_json

if TYPE_CHECKING:

    from trainer.exchange.source import Services


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


class _StreamedArray(list):
    """A JSON array that json's (pure Python, indenting) encoder writes item by item as it
    iterates, instead of a list of every item built first: ten years of sets are 130,000."""

    def __init__(self, count: int, items: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._count, self._items = count, items

    def __len__(self) -> int:  # the encoder writes [] for an empty array
        return self._count

    def __iter__(self) -> Iterator[Any]:
        return self._items()


def export_json(services: Services, streamed: bool = False) -> dict[str, Any]:
    """Everything in the database, as plain JSON values (database ids left out); `streamed`:
    the sets are read as the JSON encoder writes them (see `export_chunks`)."""
    store = services.store
    settings = store.settings()
    if streamed:
        sets: list = _StreamedArray(
            store.count_sets(), lambda: (set_json(s) for s in store.iter_sets_oldest_first())
        )
    else:
        sets = [set_json(s) for s in store.iter_sets_oldest_first()]
    return {
        "format": EXPORT_MARKER,
        "version": EXPORT_VERSION,
        "trainer": __version__,
        "settings": {
            "baseline_pain_left": settings.baseline_pain_left,
            "baseline_pain_right": settings.baseline_pain_right,
            "involved_side": settings.involved_side.value if settings.involved_side else None,
            "dumbbells_kg": list(settings.dumbbells_kg),
            "bands": None if settings.bands is None else list(settings.bands),
            "seen_professional": (
                settings.seen_professional.isoformat() if settings.seen_professional else None
            ),
        },
        "plans": [
            {
                "weekdays": weekday_names(plan),
                "start": plan.start.isoformat(),
                "effective_from": plan.effective_from.isoformat(),
                "rrule": plan.rule,
                "involved_side": plan.involved_side.value if plan.involved_side else None,
                "minutes": plan.minutes,
            }
            for plan in store.plans()
        ],
        "sessions": [
            {
                "date": session.date.isoformat(),
                "status": session.status,
                "started_at": _stamp(session.started_at),
                "finished_at": _stamp(session.finished_at),
                "notes": session.notes,
            }
            for session in store.sessions()
        ],
        "sets": sets,
        "morning_checks": [
            {
                "date": check.date.isoformat(),
                "side": check.side.value,
                "pain": check.pain,
                "soreness": check.soreness,
            }
            for check in store.morning_checks()
        ],
        "symptom_answers": [
            {"date": answer.date.isoformat(), "yes": sorted(answer.yes), "mistaken": answer.mistaken}
            for answer in store.symptom_answers()
        ],
        "visits": [{"date": visit.isoformat()} for visit in store.visits()],
        "import_name_maps": [
            {"app": app, "name": name, "exercise": exercise_id, "level": level}
            for app, name, exercise_id, level in store.name_maps()
        ],
        "pain_stop_choices": [
            {"date": day.isoformat(), "exercise": exercise_id, "side": side.value, "carry_on": carry_on}
            for day, exercise_id, side, carry_on in store.pain_choices()
        ],
        "prescriptions": [
            {"starts_on": loaded.starts_on.isoformat(), "source": loaded.source, "text": loaded.text}
            for loaded in store.prescriptions()
        ],
        "assessment_results": [
            {
                "date": result.date.isoformat(),
                "test": result.test_id,
                "side": result.side.value,
                "value": result.value,
                "pain": result.pain,
            }
            for result in store.assessment_results()
        ],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(str(value)) if isinstance(value, str) else str(value)


def csv_safe(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: one starting with =, +, -, @, a tab
    or a carriage return gets a leading apostrophe, the escape spreadsheet programs expect
    (issue 18.5; trainer's CSV import takes it off again)."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _csv_chunks(services: Services, rows_per_chunk: int = 2000) -> Iterator[str]:
    """One row per logged set, oldest first (the columns of TRAINER_CSV_COLUMNS), in pieces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TRAINER_CSV_COLUMNS)
    for count, s in enumerate(services.store.iter_sets_oldest_first(), start=1):
        writer.writerow(
            _cell(value)
            for value in (
                s.date.isoformat(), s.exercise_id, s.level, s.side.value, s.set_number, s.reps,
                s.hold_s, str(s.load), s.pain, s.sharp, s.stopped_early, s.technique_ok,
                _stamp(s.logged_at),
            )
        )
        if count % rows_per_chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def export_csv(services: Services) -> str:
    """One row per logged set, oldest first (the columns of TRAINER_CSV_COLUMNS)."""
    return "".join(_csv_chunks(services))


def export_chunks(services: Services, fmt: str) -> Iterator[str]:
    """The export (`json` or `csv`) as pieces of text, written as they are made: an export of
    years of sets never holds them all in memory."""
    if fmt == "json":
        import json

        encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
        tokens = itertools.chain(encoder.iterencode(export_json(services, streamed=True)), ["\n"])
        return _in_blocks(tokens)
    if fmt == "csv":
        return _csv_chunks(services)
    raise EntryError(f"export format {fmt!r} is neither json nor csv")


def _in_blocks(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Small pieces joined into blocks of about `size` characters: the encoder yields one per
    token, and a write per token would cost more than the export itself."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    yield "".join(block)


def export_text(services: Services, fmt: str) -> str:
    """The export as text: `json` or `csv`."""
    return "".join(export_chunks(services, fmt))
