"""What the report's sections share: the Section and Report they are made of, a day in words and
the pain flags (one rule for the flags section and the prescription section).

Kept apart from `trainer.report` so a section in a module of its own (`report_prescription`)
builds on them without the report and that module importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from trainer.core.model import LoggedSet, Side
from trainer.core.pain import RED_MIN

FLAGS_TITLE = "Pain flags and referrals"  # the section listing each flag; others point to it by name


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # first row: the header
    preformatted: list[str] = field(default_factory=list)  # charts


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]


def day_text(d: date) -> str:
    """A day as the report says it: "Mon 9 Nov 2026"."""
    return f"{d:%a} {d.day} {d:%b %Y}"


@dataclass(frozen=True)
class PainFlag:
    """Pain that stopped an exercise on a day: what the report lists as a flag."""

    date: date
    exercise_id: str
    side: Side
    what: str  # "sharp pain", "pain 7/10" or both


def pain_flags(logged: Iterable[LoggedSet]) -> list[PainFlag]:
    """Every set with sharp pain or pain in the red zone (6/10 or more), oldest first; the same
    exercise, side, day and pain once, not once per set."""
    flags: dict[PainFlag, None] = {}  # a dict keeps the order and drops the repeats
    for s in sorted(logged, key=lambda s: (s.date, s.id)):
        what = []
        if s.sharp:
            what.append("sharp pain")
        if (s.pain or 0) >= RED_MIN:
            what.append(f"pain {s.pain}/10")
        if what:
            flags[PainFlag(s.date, s.exercise_id, s.side, ", ".join(what))] = None
    return list(flags)
