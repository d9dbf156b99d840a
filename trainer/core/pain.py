"""Pain zones during exercise (0-10): the one definition the engine, the session runner, the
self-assessment, the charts, the report and the CLI read (issue 17.2; progression rules 6.4).

Up to 3 is acceptable (green); 4-5 holds the dose (amber); 6 or more stops the exercise (red).
"""

from __future__ import annotations

from enum import StrEnum

GREEN_MAX = 3  # up to this: acceptable, progress may go on
AMBER_MIN = 4  # from this: hold the dose (two weeks of it: see a professional)
AMBER_MAX = 5  # the most pain that is still accepted during a set
RED_MIN = 6  # from this: stop the exercise now (PM-2); twice running: see a professional


class Zone(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def zone(pain: int | None) -> Zone:
    """The zone of a pain score; pain not noted counts as none (as every decision reads it)."""
    value = pain or 0
    if value >= RED_MIN:
        return Zone.RED
    if value >= AMBER_MIN:
        return Zone.AMBER
    return Zone.GREEN


def is_red(pain: int | None) -> bool:
    return zone(pain) is Zone.RED
