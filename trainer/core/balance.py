"""Left/right balance: the limb symmetry index (LSI) and which side is weaker.

LSI = weaker side / stronger side x 100 (progression rules 4.1 and 6.2); 90 % is the line that
rehabilitation uses for "balanced". Only *comparable* sessions count (both sides the same day at
the same level, neither pain-limited), so pain on one side is not read as weakness (AS-3).

The second half holds the series the charts draw (`side_series`, `lsi_series`, `pain_series`,
`weekly`): plain tuples of dates and numbers, built from the same functions the engine uses.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Any, NamedTuple, TypeVar, cast

from trainer.core.model import Exercise, LoadKind, Side, SideSession
from trainer.core.pain import RED_MIN
from trainer.core.plan import week_start

BALANCED_LSI = 90.0
LSI_MIN_SESSIONS = 3
LSI_WINDOW_DAYS = 28
RED_PAIN = RED_MIN  # the red zone (core/pain.py)


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


def _clean(pair: Pair) -> bool:
    """Both sides at one level, each with sets of its own (a set done with both at once says
    nothing about left against right), something done, no stop, no sharp or red pain."""
    left, right = pair.left, pair.right
    if left.level != right.level or not left.performed or not right.performed:
        return False
    if not (left.own_sets and right.own_sets):
        return False
    return not any(s.stopped_early or s.sharp or s.pain >= RED_PAIN for s in (left, right))


def comparable(pair: Pair) -> bool:
    """A day that counts for the symmetry index as far as the data tell: both sides at one level
    with the same load (or both body weight), no stop, no sharp or red pain (6.9.9: weight x reps
    across different loads is not compared). The engine also leaves out days on which a rule
    capped either side's dose, which only it knows."""
    return _clean(pair) and pair.same_load


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
    return _symmetry_of(left, right, len(pairs), involved)


def _symmetry_of(
    left: float, right: float, sessions: int, involved: Side | None
) -> Symmetry | None:
    """The index of two totals: weaker / stronger x 100, and involved / uninvolved if declared."""
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
        sessions=sessions,
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
    recent = _recent(pairs, before, count, window_days, comparable)
    if len(recent) < count:
        return None
    return symmetry(recent, involved)


def _recent(
    pairs: list[Pair], before: date, count: int, window_days: int, accept: Callable[[Pair], bool]
) -> list[Pair]:
    since = before - timedelta(days=window_days)
    return [p for p in pairs if since <= p.date < before and accept(p)][-count:]


def last_session_symmetry(pairs: list[Pair], before: date) -> Symmetry | None:
    """The LSI of the most recent comparable pair before `before`."""
    recent = [p for p in pairs if p.date < before and comparable(p)]
    return symmetry(recent[-1:]) if recent else None


# --- series for the charts ----------------------------------------------------------------------
#
# Every point is a NamedTuple whose first field is the date, so `weekly` can aggregate any of them.
# A value is None where that side (or index) has nothing on that day.

METRICS = ("reps", "hold", "load")
METRIC_NAMES = {
    "reps": "best reps in a set",
    "hold": "longest hold (s)",
    "load": "heaviest load (kg)",
}


class SidePoint(NamedTuple):
    """One day of one exercise: each side's best set (reps or seconds) or heaviest kg."""

    date: date
    left: float | None
    right: float | None


class LsiPoint(NamedTuple):
    """One comparable day: that day's index, the rolling index up to and including it, and the
    weaker side that day. The index is involved / uninvolved x 100 when the side is declared."""

    date: date
    session: float | None
    rolling: float | None  # None until there are LSI_MIN_SESSIONS comparable days in the window
    weaker: Side | None = None


class PainPoint(NamedTuple):
    """One training day: the worst pain during exercise on each side (`session_pain`, 6.2)."""

    date: date
    left: float | None
    right: float | None


def metrics_for(exercise: Exercise) -> tuple[str, ...]:
    """What an exercise can be charted by: reps or hold seconds, and kg if it takes weights."""
    first = "hold" if exercise.counts_seconds else "reps"
    weighted = any(LoadKind.WEIGHT in level.loads for level in exercise.levels)
    return (first, "load") if weighted else (first,)


def sessions_per_exercise(sessions: Iterable[SideSession]) -> dict[str, int]:
    """How many days each exercise was done (either side), most first, ties by id."""
    days: dict[str, set[date]] = {}
    for s in sessions:
        days.setdefault(s.exercise_id, set()).add(s.date)
    return dict(sorted(((k, len(v)) for k, v in days.items()), key=lambda kv: (-kv[1], kv[0])))


def _side_value(session: SideSession, metric: str) -> float | None:
    if metric == "load":
        return session.load.kg
    return float(max(session.performed)) if session.performed else None


def side_series(sessions: Iterable[SideSession], exercise_id: str, metric: str) -> list[SidePoint]:
    """Left against right over time for one exercise, oldest first.

    metric "reps": the best set of the day (reps or steps); "hold": the longest hold in seconds;
    "load": the kg used (None for body weight or a band). Days with nothing for either side are left
    out; every logged day counts, comparable or not (this is what was done, not the index).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; one of {', '.join(METRICS)}")
    by_day: dict[date, dict[Side, float | None]] = {}
    for s in sessions:
        if s.exercise_id == exercise_id and s.side in (Side.LEFT, Side.RIGHT):
            by_day.setdefault(s.date, {})[s.side] = _side_value(s, metric)
    points = [SidePoint(d, v.get(Side.LEFT), v.get(Side.RIGHT)) for d, v in sorted(by_day.items())]
    return [p for p in points if p.left is not None or p.right is not None]


def exercise_pairs(sessions: Iterable[SideSession], exercise_id: str) -> list[Pair]:
    """The days both sides did this exercise, oldest first."""
    mine = sorted(
        (s for s in sessions if s.exercise_id == exercise_id), key=lambda s: (s.date, s.side.value)
    )
    return pairs_of(
        [s for s in mine if s.side is Side.LEFT], [s for s in mine if s.side is Side.RIGHT]
    )


def comparable_load(pair: Pair) -> bool:
    """Same level, no stop, no sharp or red pain, and both sides lifted kilograms (any kg: this
    compares the kilograms themselves)."""
    return _clean(pair) and pair.both_kg


def load_symmetry(pairs: list[Pair], involved: Side | None = None) -> Symmetry | None:
    """The index of the kilograms used (not reps): lighter kg / heavier kg x 100 over the pairs."""
    if not pairs or not all(p.both_kg for p in pairs):
        return None
    left = sum(p.left.load.kg or 0.0 for p in pairs)
    right = sum(p.right.load.kg or 0.0 for p in pairs)
    return _symmetry_of(left, right, len(pairs), involved)


def index_value(result: Symmetry | None, involved: Side | None = None) -> float | None:
    """The number to show: involved / uninvolved x 100 when the side is declared, else the LSI."""
    if result is None:
        return None
    if involved in (Side.LEFT, Side.RIGHT):
        return result.involved_ratio
    return result.lsi


def lsi_series(
    sessions: Iterable[SideSession],
    exercise_id: str,
    involved: Side | None = None,
    metric: str = "reps",
) -> list[LsiPoint]:
    """The symmetry index of every comparable day of one exercise, and LSI_roll as of that day.

    "reps" and "hold" use the engine's index (mean per set; volume-load when the loads differ,
    6.8.26), so the chart shows the numbers the engine acts on; "load" compares the kg used on the
    days both sides lifted weights. Days that are not comparable (AS-3) have no point.
    """
    return lsi_series_and_latest(sessions, exercise_id, involved, metric)[0]


def latest_balance(
    sessions: Iterable[SideSession],
    exercise_id: str,
    involved: Side | None = None,
    metric: str = "reps",
) -> Symmetry | None:
    """LSI_roll as of the last comparable day (None before there are 3 within 28 days)."""
    return lsi_series_and_latest(sessions, exercise_id, involved, metric)[1]


class _Figures(NamedTuple):
    """One comparable day's numbers, worked out once for every window that holds it."""

    date: date
    same_load: bool
    both_kg: bool
    mean: tuple[float, float]  # left, right: mean per set
    volume: tuple[float, float]  # left, right: kg x mean per set
    kg: tuple[float, float]


def _figures(pair: Pair) -> _Figures:
    left, right = pair.left, pair.right
    return _Figures(
        pair.date,
        pair.same_load,
        pair.both_kg,
        (_metric(left, False), _metric(right, False)),
        (_metric(left, True), _metric(right, True)),
        (left.load.kg or 0.0, right.load.kg or 0.0),
    )


def _window(figures: Sequence[_Figures], involved: Side | None, by_load: bool) -> Symmetry | None:
    """`symmetry` (or `load_symmetry`) of the pairs behind `figures`, from their numbers."""
    if not figures:
        return None
    if by_load:
        if not all(f.both_kg for f in figures):
            return None
        column = [f.kg for f in figures]
    else:
        volume = any(not f.same_load for f in figures)  # 6.8.26, as in `symmetry`
        if volume and not all(f.both_kg for f in figures):
            return None
        column = [f.volume if volume else f.mean for f in figures]
    left = sum(values[0] for values in column)
    right = sum(values[1] for values in column)
    return _symmetry_of(left, right, len(figures), involved)


def lsi_series_and_latest(
    sessions: Iterable[SideSession],
    exercise_id: str,
    involved: Side | None = None,
    metric: str = "reps",
) -> tuple[list[LsiPoint], Symmetry | None]:
    """`lsi_series` and `latest_balance` in one pass over the exercise's days."""
    by_load = metric == "load"
    accept = comparable_load if by_load else comparable
    # Only accepted pairs count, for the day and for LSI_roll (as in rolling_symmetry); their
    # dates, sorted, find each day's window by bisection (years of pairs, not pairs squared).
    accepted = [_figures(pair) for pair in exercise_pairs(sessions, exercise_id) if accept(pair)]
    days = [f.date for f in accepted]

    def rolled_before(before: date) -> Symmetry | None:
        hi = bisect.bisect_left(days, before)
        lo = bisect.bisect_left(days, before - timedelta(days=LSI_WINDOW_DAYS))
        recent = accepted[max(lo, hi - LSI_MIN_SESSIONS) : hi]
        return _window(recent, involved, by_load) if len(recent) == LSI_MIN_SESSIONS else None

    points = []
    for figures in accepted:
        today = _window([figures], involved, by_load)
        value = index_value(today, involved)
        if today is None or value is None:
            continue
        rolled = rolled_before(figures.date + timedelta(days=1))
        points.append(LsiPoint(figures.date, value, index_value(rolled, involved), today.weaker_side))
    latest = rolled_before(days[-1] + timedelta(days=1)) if days else None
    return points, latest


def pain_series(sessions: Iterable[SideSession], exercise_id: str | None = None) -> list[PainPoint]:
    """The worst pain during exercise per side and training day (all exercises, or one); a day
    on which a side's pain was not written down (an import) has no point for that side."""
    by_day: dict[date, dict[Side, int]] = {}
    for s in sessions:
        if exercise_id is not None and s.exercise_id != exercise_id:
            continue
        if not s.pain_noted:
            continue
        if s.side in (Side.LEFT, Side.RIGHT):
            day = by_day.setdefault(s.date, {})
            day[s.side] = max(day.get(s.side, 0), s.pain)
    return [PainPoint(d, v.get(Side.LEFT), v.get(Side.RIGHT)) for d, v in sorted(by_day.items())]


P = TypeVar("P", bound=tuple[Any, ...])


def weekly(points: Sequence[P], how: str = "mean") -> list[P]:
    """One point per ISO week (dated its Monday): the mean (or "max") of each numeric field over
    the week's values that are not None; other fields (a weaker side) keep the week's last value."""
    if how not in ("mean", "max"):
        raise ValueError(f"how must be 'mean' or 'max', not {how!r}")
    weeks: dict[date, list[P]] = {}
    for point in sorted(points, key=lambda p: p[0]):
        weeks.setdefault(week_start(point[0]), []).append(point)
    result: list[P] = []
    for monday, group in weeks.items():
        fields: list[Any] = [monday]
        for column in list(zip(*(p[1:] for p in group), strict=True)):
            present = [v for v in column if v is not None]
            numbers = [v for v in present if isinstance(v, int | float) and not isinstance(v, bool)]
            if numbers and len(numbers) == len(present):
                fields.append(fmean(numbers) if how == "mean" else max(numbers))
            else:
                fields.append(present[-1] if present else None)
        # A NamedTuple is rebuilt as its own type (`_make`), a plain tuple as a tuple: a P either
        # way, which mypy cannot see through getattr.
        make = cast("Callable[[list[Any]], P]", getattr(type(group[0]), "_make", tuple))
        result.append(make(fields))
    return result
