"""One side's timeline: its training days with their session pain and morning checks, and the
side-level rules replayed along it (the TR-1 deload window and the routine referrals RE-3 to RE-6)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.core.model import MorningCheck, Settings, Side
from trainer.core.progression.memory import ReferralEvent, keep_latest
from trainer.core.progression.parameters import Parameters
from trainer.core.progression.text import short_day
from trainer.core.usual_pain import UsualPain, first_week_mornings, usual_morning_pain


@dataclass
class DeloadWindow:
    start: date
    end: date
    reference: float  # wk_mean of the week before the trigger (W-1)




@dataclass(frozen=True)
class SideStatus:
    trend: float | None
    window: DeloadWindow | None  # deload window as of this training day
    events: tuple[ReferralEvent, ...]  # the latest routine referral of each rule, on or before this day


class SideTimeline:
    """One side's training days with their session pain, morning checks and side-level rules."""

    def __init__(
        self,
        side: Side,
        pain: dict[date, int],
        mornings: list[MorningCheck],
        programme_start: date | None,
        settings: Settings,
        p: Parameters,
        usual_mornings: Iterable[MorningCheck] = (),
    ):
        self.side = side
        self.p = p
        self.days = sorted(pain)
        self.pain = [pain[d] for d in self.days]
        self.prefix = [0]
        for value in self.pain:
            self.prefix.append(self.prefix[-1] + value)
        self.morning: dict[date, MorningCheck] = {}
        for check in sorted(mornings, key=lambda m: m.date):
            if check.side is not side:
                continue
            index = bisect.bisect_left(self.days, check.date) - 1
            if index >= 0:
                # The earliest entry for a training day counts (6.8.2).
                self.morning.setdefault(self.days[index], check)
        self.programme_start = programme_start
        self.settings = settings
        self._usual_mornings = first_week_mornings(usual_mornings, side)
        # The programme's first week's mean, worked out when first needed (RE-5).
        self._first_week: float | None = None
        self._first_week_read = False
        self.statuses = self._replay()

    def _mean(self, first: date, last: date) -> float | None:
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        if hi <= lo:
            return None
        return (self.prefix[hi] - self.prefix[lo]) / (hi - lo)

    def usual_pain(self, at: date) -> UsualPain:
        """The side's usual morning pain for a decision on `at` (6.9.8): the recorded level, else
        estimated from the first week's entries on or before `at`."""
        return usual_morning_pain(self.settings, self.side, self._usual_mornings, at)

    def week_mean(self, t: date, weeks_back: int = 0) -> float | None:
        end = t - timedelta(days=7 * weeks_back)
        return self._mean(end - timedelta(days=6), end)

    def last_day_before(self, at: date) -> int:
        """Index of the last training day before `at`, or -1."""
        return bisect.bisect_left(self.days, at) - 1

    def _amber_streak_start(self, index: int) -> date | None:
        if self.pain[index] <= self.p.pain_green_max:
            return None
        start = index
        while start > 0 and self.pain[start - 1] > self.p.pain_green_max:
            start -= 1
        return self.days[start]

    def _replay(self) -> list[SideStatus]:
        p, side = self.p, self.side
        statuses: list[SideStatus] = []
        window: DeloadWindow | None = None
        events: dict[str, ReferralEvent] = {}
        chronic_done = False
        first_pain_day = next((d for d, v in zip(self.days, self.pain, strict=True) if v >= 1), None)
        for index, t in enumerate(self.days):
            # This week's and last week's means, once per day (every rule below reads them).
            current, before = self.week_mean(t), self.week_mean(t, 1)
            trend = None if current is None or before is None else current - before
            if window is not None and t > window.end:
                if current is not None and current >= window.reference + p.trend_deload:
                    keep_latest(events, ReferralEvent(
                        "RE-3", t,
                        f"Pain on the {side} side stayed high through a lighter week "
                        f"(this week {current:.1f}/10 against {window.reference:.1f}/10 before). "
                        "Please see a physiotherapist or GP; keep the lighter dose meanwhile.",
                    ))
                    window = DeloadWindow(window.start, window.end + timedelta(days=p.deload_days), window.reference)
                else:
                    window = None  # and TR-1 is judged afresh at this session (6.8.16)
            if window is None and trend is not None and trend >= p.trend_deload:
                reference = before or 0.0
                window = DeloadWindow(t, t + timedelta(days=p.deload_days), reference)
            streak = self._amber_streak_start(index)
            if streak is not None and streak <= t - timedelta(days=p.amber_streak_refer_days):
                keep_latest(events, ReferralEvent(
                    "RE-4", t,
                    f"Pain on the {side} side has been 4/10 or more in every session since "
                    f"{short_day(streak)}, over two weeks. Please see a physiotherapist or GP; until "
                    "then keep to exercises that stay at 3/10 or less.",
                    regress_key=f"RE-4@{streak}",
                ))
            no_improvement = self._no_improvement(t, current)
            if no_improvement is not None:
                keep_latest(events, ReferralEvent("RE-5", t, no_improvement))
            if (
                not chronic_done
                and first_pain_day is not None
                and (t - first_pain_day).days > p.chronic_days
            ):
                chronic_done = True  # 6.8.20: judged once, at the first session past 90 days
                if self.pain[index] >= 1:
                    keep_latest(events, ReferralEvent(
                        "RE-6", t,
                        f"Pain on the {side} side has gone on for more than three months. If no "
                        "physiotherapist or doctor has assessed it yet, please book one; record "
                        "the visit with `trainer settings --seen-professional DATE`.",
                    ))
            statuses.append(SideStatus(trend, window, tuple(events.values())))
        return statuses

    def _no_improvement(self, t: date, current: float | None) -> str | None:
        p, start = self.p, self.programme_start
        if start is None or (t - start).days < p.no_improvement_days:
            return None
        if not self._first_week_read:
            self._first_week = self._mean(start, start + timedelta(days=6))
            self._first_week_read = True
        first = self._first_week
        if first is None or current is None or current < p.no_improvement_min_level:
            return None
        drop = first - current
        if drop >= p.no_improvement_min_drop or (first > 0 and drop / first * 100 >= p.no_improvement_min_drop_pct):
            return None
        return (
            f"After {(t - start).days // 7} weeks, pain on the {self.side} side has not improved "
            f"(first week {first:.1f}/10, this week {current:.1f}/10). Please see a "
            "physiotherapist or GP; you can keep training at the current level."
        )

    def status_before(self, at: date) -> SideStatus | None:
        index = self.last_day_before(at)
        return self.statuses[index] if index >= 0 else None


# --- per exercise and side -----------------------------------------------------------------------
