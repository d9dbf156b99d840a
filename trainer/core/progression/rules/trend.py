"""TR-1 and TR-2: the side's weekly pain trend; a rise of 2 points starts a lighter week (a
deload window, one set fewer at a dose fixed for the window), a smaller rise holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.progression.decisions import Outcome
from trainer.core.progression.evolve import evolve
from trainer.core.progression.rules.judgement import Judgement
from trainer.core.progression.text import short_day

if TYPE_CHECKING:
    from trainer.core.progression.decider import Decider


def pain_trend(d: Decider, j: Judgement) -> None:
    p, side, found, status, at = d.p, d.side, j.found, j.status, j.at
    if status is not None and status.window is not None:
        window = status.window
        if at <= window.end:
            fold = j.fold
            if fold.deload_start != window.start or fold.deload_rx is None:
                anchor = [s for s in d.sessions[: j.index + 1] if s.date <= window.start]
                source = d.doses.dose_of(anchor[-1]) if anchor else j.base
                j.fold = evolve(
                    fold,
                    deload_rx=d.doses.cut(source)[0],
                    deload_source=source,
                    deload_start=window.start,
                )
            j.deload_rx = j.fold.deload_rx
            found.add(Outcome.DELOAD, "TR-1", f"Pain on the {side} side rose by 2 points or "
                "more (on average) against the week before: a lighter week with one set fewer, "
                f"until {short_day(window.end)}.")
        else:
            found.add(Outcome.HOLD, "TR-1", "The lighter week is over: keep this dose for one "
                "session while trainer checks how the side responds.")
    elif status is not None and status.trend is not None and p.trend_hold <= status.trend < p.trend_deload:
        found.add(Outcome.HOLD, "TR-2", f"Pain on the {side} side is a little higher than the week "
            f"before (+{status.trend:.1f}): keep the same dose this week.")
