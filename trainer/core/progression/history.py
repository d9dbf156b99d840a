"""What the engine reads: everything logged (`History`), with the per-day pain and the visits
and usual morning pain it derives from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from trainer.core.model import MorningCheck, Settings, Side, SideSession, SymptomAnswers
from trainer.core.progression.memory import Checkpoint
from trainer.core.usual_pain import UsualPain, usual_morning_pain


class DayPain(NamedTuple):
    """The worst pain of one side on one training day, over every exercise of the catalogue."""

    date: date
    side: Side
    pain: int  # 0 when none was written down
    noted: bool = True  # False: no set of that side that day had its pain written down


@dataclass(frozen=True)
class History:
    """Everything logged, as the engine reads it.

    Resuming from checkpoints (see `Checkpoint`), `sessions` need only reach back to each
    exercise's `lookback_from`; the side-level rules still read every training day, so then
    `day_pain` carries those (it is worked out from `sessions` when None).
    """

    sessions: tuple[SideSession, ...] = ()
    mornings: tuple[MorningCheck, ...] = ()
    symptoms: tuple[SymptomAnswers, ...] = ()
    settings: Settings = Settings()
    plan_start: date | None = None
    day_pain: tuple[DayPain, ...] | None = None
    checkpoints: tuple[Checkpoint, ...] = ()
    # Days a professional saw the person (6.9.14); `settings.seen_professional`, the latest
    # visit, counts as one too (see `visit_days`).
    visits: tuple[date, ...] = ()
    # The mornings the usual-pain estimate reads (6.9.8): each side's first seven days of morning
    # entries (`usual_pain.first_week_mornings`). None: worked out from `mornings`, which must then
    # reach back to the first entry (resuming from checkpoints, the caller passes these).
    usual_mornings: tuple[MorningCheck, ...] | None = None


def usual_pains(history: History, on: date) -> tuple[UsualPain, UsualPain]:
    """The usual morning pain of the left and right side as the engine reads it on `on`."""
    source = history.mornings if history.usual_mornings is None else history.usual_mornings
    left, right = (usual_morning_pain(history.settings, side, source, on) for side in (Side.LEFT, Side.RIGHT))
    return left, right


def visit_days(history: History) -> tuple[date, ...]:
    """Every recorded visit, oldest first: the history's and the settings' latest one."""
    seen = history.settings.seen_professional
    return tuple(sorted({*history.visits, *((seen,) if seen is not None else ())}))

