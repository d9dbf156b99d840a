"""The replay: every exercise's side-sessions folded oldest first, both sides together, into the
suggestion for a day (`suggest`, `replay`), and the checkpoints a later replay resumes from."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from trainer.core.balance import pairs_of, symmetry
from trainer.core.model import Catalogue, Side, Sidedness, SideSession
from trainer.core.progression.decider import Context, Decider
from trainer.core.progression.decisions import ExerciseAdvice, Outcome, Reason, SideDecision, Suggestion, weaker_side_of
from trainer.core.progression.evolve import evolve
from trainer.core.progression.history import History, visit_days
from trainer.core.progression.loads import Loads
from trainer.core.progression.memory import Checkpoint, Fold, StaleCheckpoint
from trainer.core.progression.parameters import DEFAULT_PARAMETERS, Parameters
from trainer.core.progression.referrals import referrals_of, urgency
from trainer.core.progression.timeline import SideTimeline


def _replay_exercise(
    deciders: dict[Side, Decider], on: date, resume: dict[Side, Checkpoint]
) -> dict[Side, tuple[SideDecision, Fold | None]]:
    """Fold over both sides' side-sessions of one exercise together, in date order; the last
    step of each, evaluated at `on`, is the suggestion.

    Both sides walk forward together because each side's symmetry index reads which of the other
    side's doses were capped (6.9.9), and an exercise done with both sides at once gets one dose
    (6.9.4). Also returns, per side, the fold as it stood before that last step, which is what a
    checkpoint keeps: the last step depends on `on` (the gap since the last session), the steps
    before it do not.
    """
    results: dict[Side, tuple[SideDecision, Fold | None]] = {}
    folds: dict[Side, Fold] = {}
    steps: list[tuple[date, int, int, Side]] = []
    for order, (side, decider) in enumerate(deciders.items()):
        sessions, start = decider.sessions, resume.get(side)
        if not sessions:
            if start is not None:
                raise StaleCheckpoint(f"{decider.exercise.id} {side}: no sessions to resume")
            results[side] = (decider.decide(-1, on, Fold())[0], None)
            continue
        first, fold = 0, Fold()
        if start is not None:
            first = bisect.bisect_left(decider.session_days, start.covers_to)
            if first == len(sessions) or sessions[first].date != start.covers_to:
                raise StaleCheckpoint(f"{decider.exercise.id} {side}: {start.covers_to} is gone")
            fold = start.fold
            decider.ctx.capped.update((decider.exercise.id, side, day) for day in fold.capped_days)
        folds[side] = fold
        for index in range(first, len(sessions)):
            at = on if index + 1 == len(sessions) else sessions[index + 1].date
            steps.append((at, order, index, side))
    steps.sort()
    waiting: dict[Side, Fold] = {}
    decided: dict[Side, SideDecision] = {}
    position = 0
    while position < len(steps):
        at = steps[position][0]
        group: list[tuple[date, int, int, Side]] = []
        while position < len(steps) and steps[position][0] == at:
            group.append(steps[position])
            position += 1
        outcome: dict[Side, tuple[SideDecision, Fold, bool]] = {}
        for _, _, index, side in group:
            decider = deciders[side]
            last = index + 1 == len(decider.sessions)
            if last:
                waiting[side] = folds[side]
            decision, fold = decider.decide(index, at, folds[side])
            outcome[side] = (decision, fold, last)
        if len(outcome) == 2:
            outcome = _one_dose_for_both(deciders, outcome)
        for side, (decision, fold, last) in outcome.items():
            decider = deciders[side]
            kept = tuple(d for d in fold.capped_days if d >= at - timedelta(days=decider.p.lookback_days))
            if not last and fold.rx_capped:
                decider.ctx.capped.add((decider.exercise.id, side, at))
                kept += (at,)
            folds[side] = evolve(fold, capped_days=kept)
            decided[side] = decision
    for side in folds:
        results[side] = (decided[side], waiting.get(side))
    return results


def _one_dose_for_both(
    deciders: dict[Side, Decider], outcome: dict[Side, tuple[SideDecision, Fold, bool]]
) -> dict[Side, tuple[SideDecision, Fold, bool]]:
    """6.9.4: an exercise done with both sides at once gets one dose, the more cautious side's
    (the graver decision, else the easier dose). The other side keeps its own decision and
    reasons (a pain-free side gets no lighter week of its own), but not a step up, and says
    whose dose it does; its memory takes that dose as the one it was given."""
    exercise = deciders[Side.LEFT].exercise
    left, right = outcome[Side.LEFT][0], outcome[Side.RIGHT][0]
    dosed = [d.prescription for d in (left, right) if d.prescription is not None]
    level = exercise.level(dosed[0].level) if dosed else exercise.entry_level
    if exercise.sided_at(level) is not Sidedness.BOTH or (
        left.prescription == right.prescription and left.decision is right.decision
    ):
        return outcome
    cautious = min((left, right), key=_caution_key)
    merged: dict[Side, tuple[SideDecision, Fold, bool]] = {}
    for side, (decision, fold, last) in outcome.items():
        if decision is not cautious:
            why = next((r.text for r in cautious.reasons), "")
            both = Reason("BOTH", f"Done with both sides at once, so one dose for both: the "
                          f"{cautious.side} side's. {why}".strip())
            stepped_up = decision.decision is Outcome.PROGRESS
            decision = SideDecision(
                side=side,
                decision=Outcome.HOLD if stepped_up else decision.decision,
                prescription=cautious.prescription,
                flags=decision.flags,
                reasons=(both,) + tuple(r for r in decision.reasons if not (stepped_up and r.rule == "PR")),
                previous=decision.previous,
            )
            fold = evolve(fold, rx=cautious.prescription, eased=outcome[cautious.side][1].eased)
        merged[side] = (decision, fold, last)
    return merged


def _caution_key(decision: SideDecision) -> tuple[int, tuple[int | float, ...], bool]:
    """Orders decisions most cautious first: the graver decision, then no dose, then the easier
    dose (lower level, fewer sets, shorter hold, fewer reps), then left before right."""
    rx = decision.prescription
    dose = (0,) if rx is None else (1, rx.level, rx.sets, rx.hold_s or 0, rx.reps_max or 0, rx.load.kg or 0)
    return (-decision.decision.severity, dose, decision.side is not Side.LEFT)


def suggest(
    catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS
) -> Suggestion:
    """The decisions for a session on `on`, from what was logged before it (6.8.1)."""
    return replay(catalogue, history, on, params)[0]


def replay(
    catalogue: Catalogue, history: History, on: date, params: Parameters = DEFAULT_PARAMETERS
) -> tuple[Suggestion, tuple[Checkpoint, ...]]:
    """`suggest`, plus the checkpoints from which the next replay can pick up.

    With `history.checkpoints`, each exercise and side is replayed only from its checkpoint on;
    StaleCheckpoint when one does not fit the sessions given (the caller then replays in full).
    """
    sessions = [s for s in history.sessions if s.date < on and s.exercise_id in catalogue]
    mornings = [m for m in history.mornings if m.date <= on]
    usual_mornings = [
        m for m in (history.mornings if history.usual_mornings is None else history.usual_mornings)
        if m.date <= on
    ]
    urgent, gp = urgency(history, on)
    resume = {(c.exercise_id, c.side): c for c in history.checkpoints}
    if any(c.covers_to >= on for c in resume.values()):
        raise StaleCheckpoint(f"checkpoints reach {on} or later")

    pain: dict[Side, dict[date, int]] = {Side.LEFT: {}, Side.RIGHT: {}}
    if history.day_pain is None:
        for s in sessions:
            days = pain[s.side]
            days[s.date] = max(days.get(s.date, 0), s.own_side_pain)  # 6.9.6
    else:
        for entry in history.day_pain:
            if entry.date < on and entry.side in pain:
                pain[entry.side][entry.date] = entry.pain
    first_days = [min(days) for days in pain.values() if days]
    starts = [d for d in (history.plan_start, min(first_days) if first_days else None) if d]
    programme_start = min(starts) if starts else None
    settings = history.settings
    bands = settings.bands or catalogue.band_colours
    by_key: dict[tuple[str, Side], list[SideSession]] = {}
    for s in sessions:
        by_key.setdefault((s.exercise_id, s.side), []).append(s)
    ctx = Context(
        catalogue=catalogue,
        history=history,
        settings=settings,
        p=params,
        loads=Loads(
            tuple(bands), settings.dumbbells_kg, params.load_jump_flag_pct, params.load_step_min_pct
        ),
        sides={
            side: SideTimeline(
                side, pain[side], mornings, programme_start, settings, params, usual_mornings
            )
            for side in (Side.LEFT, Side.RIGHT)
        },
        urgent=urgent,
        gp=gp,
        visits=visit_days(history),
    )
    advice: list[ExerciseAdvice] = []
    checkpoints: list[Checkpoint] = []
    for exercise in catalogue.exercises:
        left = by_key.get((exercise.id, Side.LEFT), [])
        right = by_key.get((exercise.id, Side.RIGHT), [])
        if exercise.restart_on is not None:  # a prescription restarts it from its start levels
            left = [s for s in left if s.date >= exercise.restart_on]
            right = [s for s in right if s.date >= exercise.restart_on]
        ctx.pairs[exercise.id] = pairs_of(left, right)
        deciders = {
            side: Decider(ctx, exercise, side, runs) for side, runs in ((Side.LEFT, left), (Side.RIGHT, right))
        }
        replayed = _replay_exercise(
            deciders, on, {side: c for side in deciders if (c := resume.get((exercise.id, side)))}
        )
        decisions = tuple(replayed[side][0] for side in (Side.LEFT, Side.RIGHT))
        rolling = deciders[Side.LEFT].rolling_lsi(on)
        comparable_pairs = deciders[Side.LEFT].comparable
        # Resumed, the sessions may not reach back to the last comparable pair: the checkpoint
        # remembers its index.
        earlier = [c.last_lsi_before for c in (resume.get((exercise.id, s)) for s in deciders) if c]
        last = symmetry(comparable_pairs[-1:]) if comparable_pairs else None
        last_lsi = round(last.lsi, 1) if last is not None else (earlier[0] if earlier else None)
        if not deciders[Side.LEFT].in_symmetry:
            last_lsi = None  # 6.9.10: no symmetry for stretches and warm-ups
        advice.append(
            ExerciseAdvice(
                exercise_id=exercise.id,
                lsi=None if rolling is None else round(rolling.lsi, 1),
                last_lsi=last_lsi,
                weaker_side=weaker_side_of(rolling, params),
                involved_ratio=None
                if rolling is None or rolling.involved_ratio is None
                else round(rolling.involved_ratio, 1),
                sides=decisions,
            )
        )
        checkpoints += _checkpoints_of(exercise.id, deciders, replayed, earlier[0] if earlier else None, params)
    suggestion = Suggestion(on, bool(urgent), referrals_of(advice, urgent, gp), tuple(advice))
    return suggestion, tuple(checkpoints)


def _checkpoints_of(
    exercise_id: str,
    deciders: dict[Side, Decider],
    replayed: dict[Side, tuple[SideDecision, Fold | None]],
    stored_lsi: float | None,
    params: Parameters,
) -> list[Checkpoint]:
    """One checkpoint per side that has sessions: the fold before its last session, and how far
    back a resumed replay must read (the rules look at most two sessions and 28 days back)."""
    waiting = {side: fold for side, (_, fold) in replayed.items() if fold is not None}
    if not waiting:
        return []
    lookback = min(
        min(d.sessions[max(0, len(d.sessions) - 3)].date, d.sessions[-1].date - timedelta(days=params.lookback_days))
        for side, d in deciders.items()
        if side in waiting
    )
    before = [pair for pair in deciders[Side.LEFT].comparable if pair.date < lookback]
    last = symmetry(before[-1:]) if before else None
    last_lsi = round(last.lsi, 1) if last is not None else stored_lsi
    return [
        Checkpoint(exercise_id, side, deciders[side].sessions[-1].date, lookback, fold, last_lsi)
        for side, fold in waiting.items()
    ]
