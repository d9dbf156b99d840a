"""What an import did, in words and as JSON (`trainer import --json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainer.core.importers import BOUNDS_NOTE, FORMAT_NAMES, ImportPlan
from trainer.core.terminal_text import visible


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    format: str
    rows: int  # data rows (JSON: sets) in the file
    set_rows: int  # rows that are sets, of any exercise
    added: int = 0
    duplicates: int = 0  # already in the database (imported before, or the same set logged)
    reloaded: int = 0  # of those, sets whose weight this import reads differently (weight unit)
    non_set: int = 0  # rows that are not sets (rest timers, neither reps nor seconds)
    warmups: int = 0  # warm-up sets of mapped exercises, not imported
    unfit: int = 0  # sets of mapped exercises that could not be imported (see notes)
    mapped: dict[str, int] = field(default_factory=dict)  # catalogue id -> sets in the file
    unmapped: dict[str, int] = field(default_factory=dict)  # name -> rows, not imported
    hints: dict[str, str] = field(default_factory=dict)  # unmapped name -> closest exercise id
    restored: dict[str, int] = field(default_factory=dict)  # JSON: settings, plans, ...
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "rows": self.rows,
            "set_rows": self.set_rows,
            "added": self.added,
            "duplicates_skipped": self.duplicates,
            "weights_replaced": self.reloaded,
            "non_set_rows_skipped": self.non_set,
            "warmups_skipped": self.warmups,
            "unfit_skipped": self.unfit,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "unmapped_hints": self.hints,
            "restored": self.restored,
            "notes": self.notes,
        }

    def text(self) -> str:
        def line(label: str, value: str) -> str:
            return f"  {label + ':':<26}{value}"

        lines = [
            f"{self.file}: {FORMAT_NAMES.get(self.format, self.format)}, {self.rows} rows, "
            f"{self.set_rows} sets.",
            line("added", f"{self.added} sets"),
            line("already there, skipped", f"{self.duplicates} sets"),
            *([line("weights read again", f"{self.reloaded} sets (see notes)")] if self.reloaded else []),
            line("not sets, skipped", f"{self.non_set} rows"),
        ]
        if self.warmups:
            lines.append(line("warm-ups, skipped", f"{self.warmups} sets"))
        if self.unfit:
            lines.append(line("did not fit, skipped", f"{self.unfit} sets (see notes)"))
        if self.mapped:
            lines.append(
                line(
                    "matched in the catalogue",
                    ", ".join(f"{ex} ({n})" for ex, n in self.mapped.items()),
                )
            )
        if self.restored:
            lines.append(
                line("also restored", ", ".join(f"{what} {n}" for what, n in self.restored.items()))
            )
        if self.unmapped:
            lines.append(
                f"  not in the catalogue, not imported ({len(self.unmapped)} names, "
                f"{sum(self.unmapped.values())} rows):"
            )
            for name, n in self.unmapped.items():
                hint = self.hints.get(name)
                lines.append(
                    f"    {name} ({n})"
                    + (f": closest is {hint}; to import as that, add --map \"{name}={hint}\""
                       if hint else "")
                )
            lines.append(
                '    to import a name as a catalogue exercise: --map "Name=exercise-id" '
                "(or =exercise-id:level); `trainer catalog` lists the ids"
            )
        lines.append(f"  {BOUNDS_NOTE}")
        if self.notes:
            lines.append("  notes:")
            lines += [f"    - {note}" for note in self.notes]
        # Names and notes come from the file: nothing in them may act on the terminal (18.4).
        return "\n".join(visible(line) for line in lines)


def report_of(source: str, plan: ImportPlan) -> ImportReport:
    """The report of an import before it writes: what the file held."""
    return ImportReport(
        file=source,
        format=plan.format,
        rows=plan.rows,
        set_rows=plan.set_rows,
        non_set=plan.non_set,
        warmups=plan.warmups,
        unfit=plan.unfit,
        mapped=dict(plan.mapped),
        unmapped=dict(plan.unmapped),
        hints=dict(plan.hints),
        notes=list(plan.notes),
    )
