"""What a file may plausibly hold: the bounds on sets and dates that refuse a broken file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from trainer.core.entry import MAX_YEARS_AWAY
from trainer.core.errors import EntryError
from trainer.core.importers.results import NewSet
from trainer.core.model import Side

# No session holds this many sets of one exercise and side; a larger number is a broken file (and
# one past SQLite's 64-bit integers would fail the write itself).
MAX_SET_NUMBER = 1000
# What one person can plausibly have done, from the programme (2-3 sets a side, a session or two a
# day, about fifteen exercises): a file beyond these is garbage, refused with the row that broke
# the bound (issue 18.3). The import summary states them.
MAX_SETS_PER_SIDE_DAY = 20  # of one exercise and side (both-sides sets count for each)
MAX_SETS_PER_DAY = 300
MAX_NAME_CHARS = 200  # an exercise name in another app's file


def check_day_range(day: date, today: date, where: str, what: str = "the date") -> date:
    """A date of a file within MAX_YEARS_AWAY of today, as typed dates are (entry.parse_day):
    further off it is a broken file, and date sums near year 1 or 9999 would overflow later."""
    if abs(day.year - today.year) > MAX_YEARS_AWAY:
        raise EntryError(
            f"{where}: {what} {day.isoformat()} is more than {MAX_YEARS_AWAY} years from today "
            f"({today.isoformat()})"
        )
    return day


def check_bounds(sets: Sequence[NewSet], source: str, label: str = "row") -> None:
    """Refuse a file that holds more sets than a person can have done (MAX_SETS_PER_SIDE_DAY of
    one exercise and side a day, MAX_SETS_PER_DAY a day), naming the row that broke the bound."""
    per_side: Counter[tuple[date, str, Side]] = Counter()
    per_day: Counter[date] = Counter()
    for new in sets:
        per_day[new.day] += 1
        if per_day[new.day] > MAX_SETS_PER_DAY:
            raise EntryError(
                f"{source}, {label} {new.row}: more than {MAX_SETS_PER_DAY} sets on "
                f"{new.day.isoformat()}; that is not a day of training (a repeated or broken file?)"
            )
        sides = new.entry.side.each
        for side in sides:
            per_side[(new.day, new.entry.exercise_id, side)] += 1
            if per_side[(new.day, new.entry.exercise_id, side)] > MAX_SETS_PER_SIDE_DAY:
                raise EntryError(
                    f"{source}, {label} {new.row}: more than {MAX_SETS_PER_SIDE_DAY} sets of "
                    f"{new.entry.exercise_id} on the {side.value} side on {new.day.isoformat()}; "
                    "that is not a day of training (a repeated or broken file?)"
                )


BOUNDS_NOTE = (
    f"limits: at most {MAX_SETS_PER_SIDE_DAY} sets of one exercise and side a day, "
    f"{MAX_SETS_PER_DAY} sets a day, names of {MAX_NAME_CHARS} characters"
)
