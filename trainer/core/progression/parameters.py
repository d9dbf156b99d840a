"""Every threshold of the progression engine, in one frozen dataclass, and its defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace

from trainer.core.balance import BALANCED_LSI
from trainer.core.model import Exercise
from trainer.core.pain import AMBER_MAX, GREEN_MAX, RED_MIN


@dataclass(frozen=True)
class Parameters:
    """Every threshold of the engine (progression rules 6.4, with the basis of each there)."""

    pain_green_max: int = GREEN_MAX  # the zones are defined once, in core/pain.py
    pain_accept_max: int = AMBER_MAX
    pain_red_min: int = RED_MIN
    copenhagen_regress_above: int = 3
    soreness_progress_max: int = 4
    next_morning_tolerance: int = 0
    trend_deload: float = 2.0
    trend_hold: float = 1.0  # 6.9.7: a weekly rise under 1.0 point is noise, not a reason to hold
    consec_at_target: int = 2
    load_step_min_pct: float = 2.0
    load_jump_flag_pct: float = 10.0
    hold_step_s: int = 5
    hold_cap_s: int = 60
    hold_restart_s: int = 30
    hold_min_s: int = 10
    stretch_steps_s: tuple[int, ...] = (30, 45, 60)
    stretch_regress_s: int = 15
    sets_min: int = 2
    sets_max: int = 3
    red_repeat_refer: int = 2
    sharp_repeat_days: int = 14
    amber_streak_refer_days: int = 14
    no_improvement_days: int = 42
    no_improvement_min_drop: float = 2.0
    no_improvement_min_drop_pct: float = 30.0
    no_improvement_min_level: float = 3.0
    deload_days: int = 7
    layoff_hold_days: int = 8  # gaps of 8-14 days
    layoff_reentry_days: int = 15  # 15-28
    layoff_regress_days: int = 29  # more than 28
    reentry_sessions: int = 2
    lsi_flag: float = BALANCED_LSI  # the 90 % line, defined once (core/balance.py)
    lsi_min_sessions: int = 3
    lsi_window_days: int = 28
    chronic_days: int = 90
    copenhagen_id: str = "copenhagen-plank"
    # Not a rule threshold: how far before a checkpoint a resumed replay reads, more than the
    # longest look-back of the rules (the 28-day symmetry window, two weeks for RE-2).
    lookback_days: int = 60


DEFAULT_PARAMETERS = Parameters()


def parameters_for(exercise: Exercise, p: Parameters) -> Parameters:
    """The thresholds for one exercise: a physiotherapist's prescription may allow fewer sets and
    less pain than the programme (core.prescription); the rest stays as `p` has it."""
    if exercise.sets_cap is None and exercise.pain_limit is None:
        return p
    sets_max = p.sets_max if exercise.sets_cap is None else min(p.sets_max, exercise.sets_cap)
    # Pain the physiotherapist does not accept is never "acceptable" nor "green" (no reason may
    # then call it acceptable while another steps back for it).
    limit = p.pain_accept_max if exercise.pain_limit is None else exercise.pain_limit
    return replace(
        p,
        sets_max=sets_max,
        pain_accept_max=min(p.pain_accept_max, limit),
        pain_green_max=min(p.pain_green_max, limit),
    )
