"""External load: what one step up or down is from the person's bands and dumbbells, and which
loads a level takes."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.model import BODYWEIGHT, Level, Load, LoadKind


@dataclass(frozen=True)
class LoadStep:
    load: Load
    large_jump: bool


class Loads:
    """What "one step" of external load is, from the person's bands and dumbbells (6.8.8-9)."""

    def __init__(
        self, bands: tuple[str, ...], dumbbells: tuple[float, ...], jump_pct: float, min_step_pct: float
    ):
        self.bands = bands
        self.dumbbells = tuple(sorted(set(dumbbells)))
        self.jump_pct = jump_pct
        self.min_step_pct = min_step_pct

    def up(self, load: Load, level: Level) -> LoadStep | None:
        if load.band is not None:
            if LoadKind.BAND not in level.loads:
                return None
            index = self.bands.index(load.band) if load.band in self.bands else len(self.bands)
            if index + 1 < len(self.bands):
                return LoadStep(Load(band=self.bands[index + 1]), large_jump=True)
            return None
        if load.kg is not None:
            if LoadKind.WEIGHT not in level.loads:
                return None
            # The smallest available step of at least 2 % (6.4 LOAD_STEP_PCT).
            heavier = [kg for kg in self.dumbbells if kg >= load.kg * (1 + self.min_step_pct / 100)]
            if not heavier:
                return None
            jump = (heavier[0] - load.kg) / load.kg * 100 > self.jump_pct
            return LoadStep(Load(kg=heavier[0]), large_jump=jump)
        # Body weight: the lightest load the person owns that this level takes; always a big step.
        if LoadKind.BAND in level.loads and self.bands:
            return LoadStep(Load(band=self.bands[0]), large_jump=True)
        if LoadKind.WEIGHT in level.loads and self.dumbbells:
            return LoadStep(Load(kg=self.dumbbells[0]), large_jump=True)
        return None

    def down(self, load: Load) -> Load:
        if load.band is not None:
            index = self.bands.index(load.band) if load.band in self.bands else 0
            return Load(band=self.bands[index - 1]) if index > 0 else BODYWEIGHT
        if load.kg is not None:
            lighter = [kg for kg in self.dumbbells if kg < load.kg]
            return Load(kg=lighter[-1]) if lighter else BODYWEIGHT
        return BODYWEIGHT

    def lightest(self, level: Level) -> Load | None:
        """The lightest load the person owns that `level` takes; None when they own none."""
        if LoadKind.BAND in level.loads and self.bands:
            return Load(band=self.bands[0])
        if LoadKind.WEIGHT in level.loads and self.dumbbells:
            return Load(kg=self.dumbbells[0])
        return None


def load_fits(load: Load, level: Level) -> Load:
    return load if load.kind is None or load.kind in level.loads else BODYWEIGHT


def needs_load_text(level: Level) -> str:
    """Why a step up to `level` waits: it needs a load the person has not recorded (6.9.5)."""
    if LoadKind.WEIGHT in level.loads:
        what, how = "a light dumbbell or ankle weight", "`trainer settings --dumbbells KG`"
    else:
        what, how = "a resistance band", "`trainer settings --bands COLOUR`"
    return (
        f"The next level, {level.name}, needs {what}, and none is recorded. Get one and record it "
        f"with {how}; until then keep this dose."
    )


# --- side-level timeline -------------------------------------------------------------------------
