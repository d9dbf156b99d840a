"""Which exercises today's session holds: the plan's for a training day; for an extra session on
a rest day (or one already begun) those of the next planned session; and anything already logged
today."""

from __future__ import annotations

from collections.abc import Iterable

from trainer.core.composition import session_order
from trainer.core.model import Catalogue
from trainer.core.plan import PlannedSession


def exercises_for_today(
    catalogue: Catalogue,
    planned_today: PlannedSession | None,
    next_session: PlannedSession | None,
    training_anyway: bool,
    logged_today: Iterable[str],
) -> tuple[str, ...]:
    """The ids of today's exercises in session order. `training_anyway`: an extra session was
    asked for, or today already has sets or a session in progress."""
    if planned_today is not None:
        ids = list(planned_today.exercises)
    elif training_anyway:
        ids = list(next_session.exercises) if next_session else [ex.id for ex in catalogue.exercises]
    else:
        ids = []
    ids += [i for i in dict.fromkeys(logged_today) if i not in ids and i in catalogue]
    return session_order(catalogue.exercises, ids)
