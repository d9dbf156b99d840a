"""Applies the rules of 6.6 to one exercise and side at one step of the replay: the `Decider`,
and the `Context` the deciders of one replay share."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from trainer.core.balance import Pair, Symmetry, comparable, symmetry
from trainer.core.model import Catalogue, DoseKind, Exercise, Group, Settings, Side, SideSession
from trainer.core.progression.decisions import Outcome, Prescription, Reason, SideDecision
from trainer.core.progression.doses import Doses, Ladder
from trainer.core.progression.evolve import evolve
from trainer.core.progression.history import History
from trainer.core.progression.loads import Loads
from trainer.core.progression.memory import Fold, ReferralEvent
from trainer.core.progression.parameters import Parameters, parameters_for
from trainer.core.progression.rules.judgement import Findings, Judgement
from trainer.core.progression.rules.layoff import return_after_break
from trainer.core.progression.rules.pain import pain_of_last_session
from trainer.core.progression.rules.prescription import next_dose
from trainer.core.progression.rules.progress import progression_step
from trainer.core.progression.rules.referral import routine_referrals, symptom_referrals
from trainer.core.progression.rules.symmetry import extra_set_for_weaker, flag_symmetry, symmetry_role
from trainer.core.progression.rules.trend import pain_trend
from trainer.core.progression.timeline import SideStatus, SideTimeline
from trainer.core.visits import lifted_by_visit


@dataclass
class Context:
    """What every decider of one replay reads, and the caches they share."""

    catalogue: Catalogue
    history: History
    settings: Settings
    p: Parameters
    loads: Loads
    sides: dict[Side, SideTimeline]
    urgent: tuple[str, ...]
    gp: tuple[str, ...]
    visits: tuple[date, ...] = ()
    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    lsi: dict[tuple[str, date, date], Symmetry | None] = field(default_factory=dict)
    # (exercise id, side, date) of sessions done under a capped dose (6.9.9), filled as the
    # replay of both sides walks forward in time together.
    capped: set[tuple[str, Side, date]] = field(default_factory=set)


class Decider:
    """Applies the rules of 6.6 to one exercise and side at one point of the replay."""

    def __init__(self, ctx: Context, exercise: Exercise, side: Side, sessions: list[SideSession]):
        self.ctx, self.p = ctx, parameters_for(exercise, ctx.p)
        self.exercise, self.side, self.sessions = exercise, side, sessions
        self.session_days = [s.date for s in sessions]
        self.doses = Doses(exercise, self.p, ctx.loads)
        self.timeline = ctx.sides[side]
        pairs = ctx.pairs.get(exercise.id, [])
        self.comparable = [pair for pair in pairs if comparable(pair)]
        self.comparable_days = [pair.date for pair in self.comparable]

    # -- one decision -----------------------------------------------------------------------
    def decide(self, index: int, at: date, fold: Fold) -> tuple[SideDecision, Fold]:
        """The decision for a session on `at` after session `index` (-1: before the first one),
        and the fold to carry to the next step. The rule families run in the document's order."""
        found = Findings()
        symptom_referrals(self, found)
        status = self.timeline.status_before(at)
        side_events = [e for e in (status.events if status else ()) if self.referral_active(e, at)]
        if index < 0:
            return self._first(found, side_events), fold

        j = self._judgement(index, at, fold, status, side_events, found)
        pain_of_last_session(self, j)
        routine_referrals(self, j)
        pain_trend(self, j)
        return_after_break(self, j)
        role = symmetry_role(self, at)
        progress_step = progression_step(self, j, role.lsi, role.stronger)
        flag_symmetry(role, found)
        rx = next_dose(self, j, progress_step)
        # Whatever made it, a dose below the level's normal one is where the next base starts
        # when it was done as prescribed (6.9.2, 6.9.3), until a step up restores it.
        eased = rx is not None and self.doses.below_normal(rx)
        decision = self._finish(found, rx, j.stopped, j.previous)
        decision, extra_set = extra_set_for_weaker(self, role, decision, j.previous)
        final = decision.prescription
        # 6.9.9: a dose held down by a rule does not measure the side: a lighter week or
        # re-entry, the symmetry cap, the extra set, a skip, or reps capped under the range.
        rx_capped = (
            final is None or j.deload_rx is not None or j.cut or role.stronger or extra_set
            or (final.reps_max is not None and final.reps_max < self.doses.level(final.level).max)
        )
        return decision, evolve(
            j.fold, rx=final, last_target=j.target, extra_set=extra_set, eased=eased, rx_capped=rx_capped
        )

    def _first(self, found: Findings, side_events: list[ReferralEvent]) -> SideDecision:
        """Before the first session on this side: the exercise's entry dose."""
        base = self.doses.start(self.side)
        for event in side_events:
            found.add(Outcome.REFER, event.rule, event.text)
        if not found.outcomes:
            level = self.exercise.start_level(self.side)
            found.add(Outcome.HOLD, "START", f"No sessions on the {self.side} side yet: start at level "
                      f"{level.number} ({level.name}).")
        return self._finish(found, base)

    def _judgement(
        self, index: int, at: date, fold: Fold, status: SideStatus | None, side_events: list[ReferralEvent],
        found: Findings,
    ) -> Judgement:
        """The facts about session `index` the rules read, and the dose they start from."""
        doses = self.doses
        last = self.sessions[index]
        prev = self.sessions[index - 1] if index > 0 else None
        level = doses.level(last.level)
        target = self.target_for(index, fold) if self.exercise.dose is DoseKind.HOLD else None
        current_target = target
        if target is not None:
            reached = self.reached_step(index)
            current_target = max(target, reached or 0)
        sets_done = len(last.performed) or level.sets
        if fold.extra_set and fold.rx is not None and sets_done >= fold.rx.sets:
            # 6.9.1: the weaker side's extra set is never carried into its base dose.
            sets_done = fold.rx.sets - 1
        sets_now = min(max(sets_done, doses.sets_floor(level)), self.p.sets_max)
        base = doses.dose(level, doses.load_at(level, last.load) or last.load, sets_now, current_target)
        eased_before = fold.rx if fold.eased and fold.rx is not None else None
        if eased_before is not None and (eased_before.level, eased_before.load) == (base.level, base.load):
            # 6.9.2: an eased dose done as prescribed stays the dose until it is stepped back up.
            base = evolve(
                base,
                sets=min(base.sets, max(eased_before.sets, len(last.performed))),
                reps_max=eased_before.reps_max,
            )
        return Judgement(
            index=index,
            at=at,
            last=last,
            prev=prev,
            previous=self.done(last, fold),
            target=target,
            morning=self.timeline.morning.get(last.date),
            usual=self.timeline.usual_pain(at),
            status=status,
            side_events=side_events,
            found=found,
            fold=fold,
            base=base,
            events={event.rule: event for event in fold.events},
        )

    def target_for(self, index: int, fold: Fold) -> int:
        """The hold target prescribed for session `index` (the level's entry target at first)."""
        session = self.sessions[index]
        if fold.rx is not None and fold.rx.level == session.level and fold.rx.hold_s:
            return fold.rx.hold_s
        return self.doses.entry_target(self.doses.level(session.level))

    def reached_step(self, index: int) -> int | None:
        """The highest hold step every set of the last two sessions (at this level) reached."""
        session = self.sessions[index]
        recent = [s for s in self.sessions[max(0, index - 1) : index + 1] if s.level == session.level]
        lowest = min((min(s.performed) for s in recent if s.performed), default=None)
        if lowest is None:
            return None
        reached = [step for step in self.doses.hold_steps(self.doses.level(session.level)) if step <= lowest]
        return reached[-1] if reached else None


    def done(self, session: SideSession, fold: Fold) -> Prescription:
        """The dose done in `session`, as a prescription: the one given for it when it was done
        at that level and load (its range or hold target), with the sets done; else the dose
        the session itself shows."""
        given = fold.rx
        if given is not None and (given.level, given.load) == (session.level, session.load):
            return evolve(given, sets=len(session.performed) or given.sets)
        level = self.doses.level(session.level)
        sets = len(session.performed) or level.sets
        if self.exercise.dose is DoseKind.HOLD:
            done = min(session.performed) if session.performed else self.doses.entry_target(level)
            return Prescription(level.number, session.load, sets, hold_s=done)
        return Prescription(level.number, session.load, sets, reps_min=level.min, reps_max=level.max)


    def referral_active(self, event: ReferralEvent, at: date) -> bool:
        """A referral stands for the session on `at` unless a visit on or after the day it fired,
        and not after `at`, lifted it (6.8.25, 6.9.14): each step of the replay reads the visits
        up to its own day, so a visit recorded later never changes an earlier suggestion."""
        return not lifted_by_visit(event.fired, at, self.ctx.visits)

    @property
    def in_symmetry(self) -> bool:
        """Stretches and warm-ups never enter the symmetry index or the weaker side (6.9.10)."""
        return self.exercise.group is not Group.WARM_UP and self.doses.ladder is not Ladder.STRETCH

    def rolling_lsi(self, at: date) -> Symmetry | None:
        if not self.in_symmetry:
            return None
        chosen = self.comparable_before(at)
        if len(chosen) < self.p.lsi_min_sessions:
            return None
        # Both sides of an exercise, and consecutive sessions, ask about the same few pairs.
        key = (self.exercise.id, chosen[0].date, chosen[-1].date)
        if key not in self.ctx.lsi:
            self.ctx.lsi[key] = symmetry(chosen, self.ctx.settings.involved_side)
        return self.ctx.lsi[key]

    def comparable_before(self, at: date) -> list[Pair]:
        """The last (up to 3) pairs before `at`, within 28 days, that are comparable: the same
        level and load on both sides, no stop for pain, and neither dose capped by a rule that
        day (6.9.9)."""
        capped, exercise_id = self.ctx.capped, self.exercise.id
        oldest = at - timedelta(days=self.p.lsi_window_days)
        chosen: list[Pair] = []
        index = bisect.bisect_left(self.comparable_days, at) - 1
        while index >= 0 and len(chosen) < self.p.lsi_min_sessions:
            pair = self.comparable[index]
            if pair.date < oldest:
                break
            if (exercise_id, Side.LEFT, pair.date) not in capped and (exercise_id, Side.RIGHT, pair.date) not in capped:
                chosen.append(pair)
            index -= 1
        return chosen[::-1]

    def _finish(
        self, found: Findings, rx: Prescription | None, stopped: bool = False, previous: Prescription | None = None
    ) -> SideDecision:
        """The decision the findings make: the gravest outcome, its reasons first."""
        def rank(item: tuple[Outcome, Reason]) -> float:
            # A skip waiting for a visit outranks the referrals that only limit pain (6.9.12).
            outcome = item[0]
            return outcome.severity + (1.5 if stopped and outcome is Outcome.STOP_NOW else 0)

        ordered = sorted(found.outcomes, key=lambda item: -rank(item))
        if ordered and ordered[0][0] in (Outcome.URGENT, Outcome.STOP_NOW):
            # Under a stop, the reasons of rules that would give a dose ("keep this dose", "one
            # step easier", "a lighter week") contradict it: only the stop and the referrals are
            # said (issue 15.1).
            ordered = [item for item in ordered if item[0].severity >= Outcome.STOP_NOW.severity]
        decision = ordered[0][0] if ordered else Outcome.HOLD
        reasons = tuple(reason for _, reason in ordered) + tuple(found.notes)
        return SideDecision(
            side=self.side,
            decision=decision,
            prescription=rx,
            flags=tuple(dict.fromkeys(found.flags)),
            reasons=reasons,
            previous=previous,
        )

