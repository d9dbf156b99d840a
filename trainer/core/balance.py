"""Left/right balance: the limb symmetry index (LSI) and which side is weaker.

LSI = weaker side / stronger side x 100 (progression rules 4.1 and 6.2); 90 % is the line that
rehabilitation uses for "balanced". Only *comparable* sessions count (both sides the same day at
the same level, neither pain-limited), so pain on one side is not read as weakness (AS-3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from trainer.core.model import Side, SideSession

BALANCED_LSI = 90.0
LSI_MIN_SESSIONS = 3
LSI_WINDOW_DAYS = 28
RED_PAIN = 6


@dataclass(frozen=True)
class Pair:
    """Both sides' side-sessions of one exercise on one day."""

    date: date
    left: SideSession
    right: SideSession

    @property
    def same_load(self) -> bool:
        return self.left.load == self.right.load

    @property
    def both_kg(self) -> bool:
        return self.left.load.kg is not None and self.right.load.kg is not None


@dataclass(frozen=True)
class Symmetry:
    lsi: float  # percent, weaker / stronger x 100
    weaker_side: Side | None  # None when exactly equal
    left_total: float
    right_total: float
    sessions: int
    involved_ratio: float | None = None  # involved / uninvolved x 100 when the side is declared

    @property
    def asymmetry_pct(self) -> float:
        return 100.0 - self.lsi

    @property
    def balanced(self) -> bool:
        return self.lsi >= BALANCED_LSI


def comparable(pair: Pair) -> bool:
    """Both sides at one level, no stop, no sharp or red pain, loads that can be compared."""
    left, right = pair.left, pair.right
    if left.level != right.level or not left.performed or not right.performed:
        return False
    if any(s.stopped_early or s.sharp or s.pain >= RED_PAIN for s in (left, right)):
        return False
    return pair.same_load or pair.both_kg


def pairs_of(left: list[SideSession], right: list[SideSession]) -> list[Pair]:
    """Days on which both sides did the exercise, oldest first."""
    by_day = {s.date: s for s in right}
    return [Pair(s.date, s, by_day[s.date]) for s in left if s.date in by_day]


def _metric(session: SideSession, volume: bool) -> float:
    if volume:
        return (session.load.kg or 0.0) * sum(session.performed) / len(session.performed)
    return fmean(session.performed)


def symmetry(pairs: list[Pair], involved: Side | None = None) -> Symmetry | None:
    """The symmetry index over the given comparable pairs (volume-load if any loads differ)."""
    if not pairs:
        return None
    # 6.8.26: if the loads differ in any session, compare volume-load in all of them.
    volume = any(not p.same_load for p in pairs)
    if volume and not all(p.both_kg for p in pairs):
        return None
    left = sum(_metric(p.left, volume) for p in pairs)
    right = sum(_metric(p.right, volume) for p in pairs)
    stronger, weaker = max(left, right), min(left, right)
    if stronger <= 0:
        return None
    weaker_side = None if left == right else (Side.LEFT if left < right else Side.RIGHT)
    involved_ratio = None
    if involved in (Side.LEFT, Side.RIGHT):
        mine, other = (left, right) if involved is Side.LEFT else (right, left)
        involved_ratio = mine / other * 100 if other > 0 else None
    return Symmetry(
        lsi=weaker / stronger * 100,
        weaker_side=weaker_side,
        left_total=left,
        right_total=right,
        sessions=len(pairs),
        involved_ratio=involved_ratio,
    )


def rolling_symmetry(
    pairs: list[Pair],
    before: date,
    involved: Side | None = None,
    count: int = LSI_MIN_SESSIONS,
    window_days: int = LSI_WINDOW_DAYS,
) -> Symmetry | None:
    """LSI_roll: the last `count` comparable pairs dated before `before`, within `window_days`.

    None until there are `count` such pairs (fewer are within measurement error, 4.1).
    """
    since = before - timedelta(days=window_days)
    recent = [p for p in pairs if since <= p.date < before and comparable(p)][-count:]
    if len(recent) < count:
        return None
    return symmetry(recent, involved)


def last_session_symmetry(pairs: list[Pair], before: date) -> Symmetry | None:
    """The LSI of the most recent comparable pair before `before`."""
    recent = [p for p in pairs if p.date < before and comparable(p)]
    return symmetry(recent[-1:]) if recent else None
