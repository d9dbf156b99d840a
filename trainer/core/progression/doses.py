"""The dose ladder of one exercise: its doses, and the moves one step up, one step down or to
an easier dose (6.5, 6.8.8-11, 6.9.2-5). No rule decides here; the rules pick the move."""

from __future__ import annotations

from enum import StrEnum

from trainer.core.model import BODYWEIGHT, DoseKind, Exercise, Level, Load, LoadKind, Side, SideSession
from trainer.core.progression.decisions import Prescription
from trainer.core.progression.evolve import evolve
from trainer.core.progression.loads import Loads, load_fits, needs_load_text
from trainer.core.progression.parameters import Parameters
from trainer.core.progression.text import ALREADY_EASIEST


class Ladder(StrEnum):
    REPS = "reps"  # double progression: sets, then load, then level (6.5)
    STEPS = "steps"  # every level a fixed dose (Copenhagen, 6.8.11)
    HOLD = "hold"  # isometric holds: +5 s up to 60 s, then next level at 30 s
    STRETCH = "stretch"  # 30 -> 45 -> 60 s


def ladder_of(exercise: Exercise, p: Parameters) -> Ladder:
    if exercise.dose is DoseKind.HOLD:
        return Ladder.STRETCH if exercise.stretch else Ladder.HOLD
    if exercise.id == p.copenhagen_id or all(level.min == level.max for level in exercise.levels):
        return Ladder.STEPS
    return Ladder.REPS



class Doses:
    """The doses of one exercise for one person (their loads) under the engine's parameters."""

    def __init__(self, exercise: Exercise, p: Parameters, loads: Loads):
        self.exercise, self.p, self.loads = exercise, p, loads
        self.ladder = ladder_of(exercise, p)

    # -- doses -----------------------------------------------------------------------------------
    def level(self, number: int) -> Level:
        levels = self.exercise.levels
        return levels[min(max(number, 1), len(levels)) - 1]

    def sets_floor(self, level: Level) -> int:
        return min(self.p.sets_min, level.sets)

    def entry_target(self, level: Level) -> int:
        if self.ladder is Ladder.STRETCH:
            return max(level.min, self.p.stretch_steps_s[0])
        return level.min

    def dose(self, level: Level, load: Load, sets: int, target: int | None) -> Prescription:
        if self.exercise.dose is DoseKind.HOLD:
            return Prescription(level.number, load, sets, hold_s=target or self.entry_target(level))
        return Prescription(level.number, load, sets, reps_min=level.min, reps_max=level.max)

    def start(self, side: Side) -> Prescription:
        level = self.exercise.start_level(side)
        load = self.load_at(level, BODYWEIGHT) or BODYWEIGHT
        return self.dose(level, load, level.sets, self.entry_target(level))


    def hold_steps(self, level: Level) -> list[int]:
        if self.ladder is Ladder.STRETCH:
            return list(self.p.stretch_steps_s)
        first = self.entry_target(level)
        return list(range(first, self.p.hold_cap_s + 1, self.p.hold_step_s)) or [first]


    def at_target(self, session: SideSession, target: int | None, reps_cap: int | None = None) -> bool:
        """Every set reached the hold target, or the top of the range (`reps_cap` when an eased
        dose caps it, 6.9.2)."""
        if not session.performed:
            return False
        if self.exercise.dose is DoseKind.HOLD:
            return target is not None and all(x >= target for x in session.performed)
        top = self.level(session.level).max
        return all(x >= min(top, reps_cap or top) for x in session.performed)

    def below_normal(self, rx: Prescription) -> bool:
        """An eased dose (6.9.2): fewer sets than the level's floor, or the reps capped."""
        level = self.level(rx.level)
        floor = level.sets if self.ladder is Ladder.STEPS else self.sets_floor(level)
        return rx.sets < floor or (rx.reps_max is not None and rx.reps_max < level.max)

    # -- ladder moves -----------------------------------------------------------------------
    def progress(self, rx: Prescription) -> tuple[Prescription | None, str, bool]:
        """The next step up, a plain description, and whether it is a large jump."""
        level = self.level(rx.level)
        if self.ladder is Ladder.STRETCH:
            steps = [s for s in self.p.stretch_steps_s if s > (rx.hold_s or 0)]
            if not steps:
                return None, "You are at the longest hold (60 s): keep it there.", False
            return evolve(rx, hold_s=steps[0]), f"hold each stretch {steps[0]} s", False
        if self.ladder is Ladder.HOLD:
            target = (rx.hold_s or self.entry_target(level)) + self.p.hold_step_s
            if target <= self.p.hold_cap_s:
                return evolve(rx, hold_s=target), f"hold {target} s", False
            return self.level_up(rx, restart_hold=True)
        if rx.reps_max is not None and rx.reps_max < level.max:
            # Back up the way an eased dose came down (6.9.2): the full range first, then the set.
            return evolve(rx, reps_max=level.max), f"back to {level.min}-{level.max} reps", False
        if self.ladder is Ladder.STEPS:
            if rx.sets < level.sets:
                return evolve(rx, sets=rx.sets + 1), f"add a set ({rx.sets + 1} sets)", False
            return self.level_up(rx)
        if rx.sets < self.p.sets_max and level.sets > 1:
            return evolve(rx, sets=rx.sets + 1), f"add a set ({rx.sets + 1} sets)", False
        step = self.loads.up(rx.load, level)
        if step is not None:
            return evolve(rx, load=step.load), f"move up to {step.load}", step.large_jump
        if rx.load.is_bodyweight and level.loads:
            owned = "band colours" if LoadKind.BAND in level.loads else "dumbbells"
            moved = self.level_up(rx)
            if moved[0] is not None:
                return moved[0], moved[1] + f" (no {owned} recorded in settings)", moved[2]
            return moved
        return self.level_up(rx)

    def level_up(self, rx: Prescription, restart_hold: bool = False) -> tuple[Prescription | None, str, bool]:
        if rx.level >= len(self.exercise.levels):
            return None, "You are at the top of this exercise's ladder: keep this dose.", False
        nxt = self.level(rx.level + 1)
        load = self.load_at(nxt, rx.load)
        if load is None:
            return None, needs_load_text(nxt), False
        if self.ladder is Ladder.STEPS:
            sets = nxt.sets
        else:
            sets = max(rx.sets, self.sets_floor(nxt))
        target = self.p.hold_restart_s if restart_hold else None
        new = self.dose(nxt, load, sets, target)
        return new, f"move to level {nxt.number} ({nxt.name})", False

    def step_down(self, rx: Prescription) -> tuple[Prescription, str]:
        """One step easier without touching the set count: a shorter hold, load -1, else level -1."""
        if self.ladder is Ladder.STRETCH and (rx.hold_s or 0) > self.p.stretch_steps_s[0]:
            target = max(self.p.stretch_steps_s[0], (rx.hold_s or 0) - self.p.stretch_regress_s)
            return evolve(rx, hold_s=target), f"hold each stretch {target} s"
        if self.ladder is Ladder.HOLD and (rx.hold_s or 0) - self.p.hold_step_s >= self.p.hold_min_s:
            target = (rx.hold_s or 0) - self.p.hold_step_s
            return evolve(rx, hold_s=target), f"hold {target} s"
        lighter = None if rx.load.is_bodyweight else self.loads.down(rx.load)
        if lighter is not None and not (lighter.is_bodyweight and self.level(rx.level).load_required):
            # A level that needs a load keeps its lightest one; easier is the level below (6.9.5).
            return evolve(rx, load=lighter), f"go down to {lighter}"
        if rx.level > 1:
            lower = self.level(rx.level - 1)
            if self.ladder is Ladder.STEPS:
                sets = lower.sets  # each Copenhagen step has its own fixed dose
            else:
                sets = max(self.sets_floor(lower), rx.sets)
            new = self.dose(lower, self.load_at(lower, rx.load) or BODYWEIGHT, sets, None)
            return new, f"go back to level {lower.number} ({lower.name})"
        return self.ease(rx) or (rx, ALREADY_EASIEST)

    def ease(self, rx: Prescription) -> tuple[Prescription, str] | None:
        """6.9.2: with no easier variation, a smaller dose: one set fewer (not below 1), else
        reps capped at the bottom of the range, else a hold 15 s shorter (a stretch not under
        30 s, another hold not under its level's shortest); None when nothing is easier."""
        if rx.sets > 1:
            return evolve(rx, sets=rx.sets - 1), f"do {rx.sets - 1} set{'s' if rx.sets > 2 else ''}"
        if rx.reps_min is not None and rx.reps_max is not None and rx.reps_max > rx.reps_min:
            return evolve(rx, reps_max=rx.reps_min), f"{rx.reps_min} reps a set"
        if rx.hold_s is not None:
            floor = self.p.stretch_steps_s[0] if self.ladder is Ladder.STRETCH else self.level(rx.level).min
            shorter = max(floor, rx.hold_s - self.p.stretch_regress_s)
            if shorter < rx.hold_s:
                return evolve(rx, hold_s=shorter), f"hold {shorter} s"
        return None

    def restart_easier(self, rx: Prescription) -> Prescription:
        """One level easier at that level's starting dose (6.9.12); at level 1 a smaller dose."""
        if rx.level <= 1:
            eased = self.ease(rx)
            return eased[0] if eased else rx
        lower = self.level(rx.level - 1)
        sets = lower.sets if self.ladder is Ladder.STEPS else max(self.sets_floor(lower), min(rx.sets, lower.sets))
        return self.dose(lower, self.load_at(lower, rx.load) or BODYWEIGHT, sets, None)

    def load_at(self, level: Level, load: Load) -> Load | None:
        """The load to prescribe at `level` coming from `load`: `load` when the level takes it,
        else body weight; but a level that needs a load (6.9.5) gets the lightest one the person
        owns instead of body weight, and None when they own none."""
        fitted = load_fits(load, level)
        if level.load_required and fitted.is_bodyweight:
            return self.loads.lightest(level)
        return fitted

    def regress(self, rx: Prescription, with_cut: bool) -> tuple[Prescription, str]:
        """REGRESS (6.5, 6.8.10): load, then sets, then level; with a set cut, the step and the cut."""
        floor = self.sets_floor(self.level(rx.level))
        if with_cut:
            new, text = self.step_down(rx)
            return evolve(new, sets=max(self.sets_floor(self.level(new.level)), rx.sets - 1)), text
        if rx.load.is_bodyweight and self.ladder is Ladder.REPS and rx.sets > floor:
            return evolve(rx, sets=floor), f"do {floor} sets"
        return self.step_down(rx)

    def cut(self, rx: Prescription) -> tuple[Prescription, str]:
        """One set fewer (min 2); at 2 sets, reps capped at the bottom of the range or holds -25 %."""
        floor = self.sets_floor(self.level(rx.level))
        if rx.sets > floor:
            return evolve(rx, sets=rx.sets - 1), f"{rx.sets - 1} sets"
        if rx.hold_s is not None and self.ladder is Ladder.STRETCH:
            # 6.9.4: one step down the 30/45/60 ladder, never under its first step.
            steps = [step for step in self.p.stretch_steps_s if step < rx.hold_s]
            shorter = steps[-1] if steps else self.p.stretch_steps_s[0]
            return evolve(rx, hold_s=shorter), f"holds of {shorter} s"
        if rx.hold_s is not None:
            shorter = max(self.p.hold_min_s, round(rx.hold_s * 0.75))
            return evolve(rx, hold_s=shorter), f"holds of {shorter} s"
        return evolve(rx, reps_max=rx.reps_min), f"{rx.reps_min} reps a set"


    def dose_of(self, session: SideSession) -> Prescription:
        """The dose `session` shows: its level and load, its sets within bounds, a hold at the
        highest step every set reached."""
        level = self.level(session.level)
        sets = min(max(len(session.performed) or level.sets, self.sets_floor(level)), self.p.sets_max)
        target = None
        if self.exercise.dose is DoseKind.HOLD:
            target = max(self.entry_target(level), min(session.performed) if session.performed else 0)
            steps = [s for s in self.hold_steps(level) if s <= target]
            target = steps[-1] if steps else self.entry_target(level)
        return self.dose(level, self.load_at(level, session.load) or session.load, sets, target)
