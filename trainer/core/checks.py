"""When the app asks the person something of its own accord: the next-morning check after a
training day, and the weekly red-flag checklist."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from trainer.core.model import MorningCheck, SymptomAnswers

# The morning after is asked for a training day one or two days back; a training day longer ago
# is too far to remember how the morning after it felt.
MORNING_CHECK_WINDOW_DAYS = 2
# The red-flag checklist is asked weekly (and whenever the person opens it).
SYMPTOM_CHECKLIST_EVERY_DAYS = 7


def morning_check_window(today: date) -> tuple[date, date]:
    """The first and last training day whose morning after may still be asked about."""
    return today - timedelta(days=MORNING_CHECK_WINDOW_DAYS), today - timedelta(days=1)


def morning_check_due(trained_days: Iterable[date], mornings: Iterable[MorningCheck]) -> date | None:
    """The latest of `trained_days` (those in the window) if no morning check follows it."""
    days = list(trained_days)
    if not days:
        return None
    last_day = max(days)
    return None if any(m.date > last_day for m in mornings) else last_day


def symptom_checklist_due(
    latest: SymptomAnswers | None, today: date, every_days: int = SYMPTOM_CHECKLIST_EVERY_DAYS
) -> bool:
    """True when the checklist was never answered, or its latest answer is `every_days` old."""
    return latest is None or (today - latest.date).days >= every_days
