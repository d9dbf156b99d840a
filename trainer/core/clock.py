"""An injectable notion of "now", so tests and snapshots run on a fixed day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime


class SystemClock:
    """The real clock: local calendar date, UTC-aware timestamps."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """A clock that always reads the same instant (tests, snapshots, benchmarks)."""

    at: datetime

    def today(self) -> date:
        return self.at.date()

    def now(self) -> datetime:
        return self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)


Clock = SystemClock | FixedClock
