"""The usual morning pain of a side, recorded or estimated (progression rules 6.9.8).

The morning rule (PM-3) compares the pain on waking after a session with the person's usual
waking pain for that side. When the person has not recorded a usual level, it is estimated: the
median of that side's morning entries in the first seven days of morning entries (from the side's
first entry, whatever the programme's start: someone who begins recording mornings in week three
still gets an estimate), rounded down to a whole number; 0 until there is an entry. Only entries
on or before the day being decided count, and after the first week the estimate no longer moves.

Pure: no I/O.
"""

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.core.model import MorningCheck, Settings, Side

FIRST_WEEK_DAYS = 7


@dataclass(frozen=True)
class UsualPain:
    """A side's usual pain on waking (0-10) and whether it is estimated rather than recorded."""

    value: int
    estimated: bool


def first_week_mornings(mornings: Iterable[MorningCheck], side: Side) -> tuple[MorningCheck, ...]:
    """`side`'s morning entries of the first seven days from its first entry, oldest first."""
    own = sorted((m for m in mornings if m.side is side), key=lambda m: m.date)
    if not own:
        return ()
    last = own[0].date + timedelta(days=FIRST_WEEK_DAYS - 1)
    return tuple(m for m in own if m.date <= last)


def estimate(pains: Iterable[int]) -> int:
    """The median of `pains`, rounded down (0 for none)."""
    values = list(pains)
    return math.floor(statistics.median(values)) if values else 0


def usual_morning_pain(
    settings: Settings, side: Side, mornings: Iterable[MorningCheck], on: date | None = None
) -> UsualPain:
    """The recorded usual level when there is one; else the estimate from `mornings` on or
    before `on` (all of them when None)."""
    recorded = settings.baseline_pain(side)
    if recorded is not None:
        return UsualPain(recorded, False)
    seen = [m for m in mornings if on is None or m.date <= on]
    return UsualPain(estimate(m.pain for m in first_week_mornings(seen, side)), True)
