"""The report's "Prescription" section (issue 19.4, the review): what the physiotherapist
prescribed against what was done since it came into force, side by side, in the words the rest
of the report uses.

Only what the data say: a side that logged nothing is "not done yet" and its pain "not
recorded" (never 0); the sessions the plan held an exercise in are given only when there is a
plan to count them from; the pain flags are the flags section's own (`report_parts.pain_flags`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from trainer.core.model import Exercise, LoggedSet, Side, SideSession, side_sessions_from
from trainer.core.prescription import LoadedPrescription, PrescribedExercise, review_text
from trainer.core.wording import UNIT_WORDS, decision_text
from trainer.report_parts import FLAGS_TITLE, Section, day_text, pain_flags

if TYPE_CHECKING:
    from trainer.services import Services

SIDES = (Side.LEFT, Side.RIGHT)


def prescription_sections(
    services: Services, logged: list[LoggedSet], since: date | None, today: date
) -> list[Section]:
    """The "Prescription" section when a prescription is in force on the report's last day, else
    none. It counts from the prescription's start, or from `since` when the report starts later
    (`logged`: the report's sets)."""
    loaded = services.prescription_in_force(today)
    if loaded is None:
        return []
    first = max(loaded.starts_on, since) if since is not None else loaded.starts_on
    done = [s for s in logged if first <= s.date <= today]
    facts = _Facts(services, loaded, done, first, today)
    section = Section("Prescription", _about(loaded, today))
    section.paragraphs += [facts.pain_per_side(), facts.not_prescribed(), *facts.flags_and_referrals()]
    section.paragraphs.append(
        f"Prescribed against done, from {day_text(first)} to {day_text(today)}. Prescribed: as trainer runs it, the "
        "catalogue's where the prescription says nothing. Sessions: the days with a set logged on that side"
        + (", against the sessions the plan held the exercise in up to today" if facts.planned is not None else "")
        + ". Worst pain: the worst during a set on that side (0-10). Next session: trainer's decision and "
        "dose (the decisions are explained under Terms)."
    )
    section.table = [
        ["Exercise", "Side", "Prescribed", "Sessions", "Sets", "Highest level", "Worst pain", "Next session"],
        *(facts.row(item, side) for item in loaded.prescription.exercises for side in SIDES if item.trains(side)),
    ]
    return [section]


def _about(loaded: LoadedPrescription, today: date) -> list[str]:
    """Who wrote it and when, since when it is in force, the review and the general note."""
    rx = loaded.prescription
    paragraphs = [
        f"Written by {rx.written_by}, on {day_text(rx.written_on)}; in force since {day_text(loaded.starts_on)}.",
        f"Review: {day_text(rx.review_on)}{_review_notice(loaded, today)}.",
    ]
    if rx.note:
        paragraphs.append(f'The physiotherapist\'s note: "{rx.note}"')
    return paragraphs


def _review_notice(loaded: LoadedPrescription, today: date) -> str:
    # When to speak of the review is core's rule (`review_text`: a week ahead, or past); its
    # sentence speaks to the patient, so the report says the same in its own words.
    if review_text(loaded, today) is None:
        return ""
    days = (loaded.prescription.review_on - today).days
    if days < 0:
        return f" (past: the review was due {_count(-days, 'day')} ago)"
    return " (review due today)" if days == 0 else " (review due tomorrow)" if days == 1 else (
        f" (review due in {days} days)"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass
class _SideDone:
    """What one side did of one exercise in the period."""

    sessions: list[SideSession]
    sets: list[LoggedSet]

    @property
    def pains(self) -> list[int]:
        return [s.pain for s in self.sessions if s.pain_noted]  # imports carry none: not 0

    def above(self, limit: int) -> int:
        return sum(1 for pain in self.pains if pain > limit)


class _Facts:
    """The period's sets read against the prescription."""

    def __init__(
        self, services: Services, loaded: LoadedPrescription, done: list[LoggedSet], first: date, today: date
    ) -> None:
        self.services, self.loaded, self.done, self.first, self.today = services, loaded, done, first, today
        self.names = {ex.id: ex.name for ex in services.catalogue.exercises}
        self.programme = services.programme(today)
        by_key: dict[tuple[str, Side], _SideDone] = {}
        for session in side_sessions_from(done):
            by_key.setdefault((session.exercise_id, session.side), _SideDone([], [])).sessions.append(session)
        for logged in done:  # a set for both sides at once counts for each
            for side in SIDES if logged.side is Side.BOTH else (logged.side,):
                by_key.setdefault((logged.exercise_id, side), _SideDone([], [])).sets.append(logged)
        self.by_key = by_key
        self.planned = self._planned()
        suggestion = services.suggest(today + timedelta(days=1))  # the next session, as the report's other sections
        self.referrals = suggestion.referrals
        self.decisions = {(a.exercise_id, d.side): d for a in suggestion.exercises for d in a.sides}

    def _planned(self) -> dict[str, int] | None:
        """How many planned sessions up to today held each exercise; None without a plan.

        Composed from the prescription's start, as the app planned the weeks (per_week counts
        whole weeks), then counted from the period's first day."""
        if not self.services.plans():
            return None
        start = self.loaded.starts_on
        sessions = self.services.upcoming(start, weeks=(self.today - start).days // 7 + 2)
        counts: dict[str, int] = {}
        for session in sessions:
            if self.first <= session.date <= self.today:
                for exercise_id in session.exercises:
                    counts[exercise_id] = counts.get(exercise_id, 0) + 1
        return counts

    def side(self, exercise_id: str, side: Side) -> _SideDone:
        return self.by_key.get((exercise_id, side), _SideDone([], []))

    def row(self, item: PrescribedExercise, side: Side) -> list[str]:
        exercise = self.services.catalogue.get(item.exercise_id)
        done = self.side(item.exercise_id, side)
        sessions = len(done.sessions)
        planned = None if self.planned is None else self.planned.get(item.exercise_id, 0)
        if sessions:
            sessions_text = str(sessions) if planned is None else f"{sessions} of {planned} planned"
        else:
            sessions_text = "not done yet" if planned is None else f"not done yet ({planned} planned)"
        decision = self.decisions.get((item.exercise_id, side))
        return [
            exercise.name,
            side.value,
            self._prescribed(item, side),
            sessions_text,
            str(len(done.sets)) if done.sets else "-",
            str(max(s.level for s in done.sets)) if done.sets else "-",
            self._worst_pain(done, item.pain_limit),
            decision_text(decision, exercise, heading=decision.decision.value) if decision else "-",
        ]

    def _prescribed(self, item: PrescribedExercise, side: Side) -> str:
        """Start and highest level, sets x range and times a week, as the programme runs them
        (the catalogue's dose where the prescription gives none)."""
        exercise: Exercise = self.programme.get(item.exercise_id)
        level = exercise.start_level(side)
        start = level.number
        amount = f"{level.min}" if level.min == level.max else f"{level.min}-{level.max}"
        parts = [
            f"start level {start}, max level {len(exercise.levels)}",
            f"{level.sets} x {amount} {UNIT_WORDS[exercise.dose]}",
            f"{item.per_week} a week" if item.per_week is not None else "every session",
        ]
        if item.pain_limit is not None:
            parts.append(f"pain limit {item.pain_limit}")
        return "; ".join(parts)

    @staticmethod
    def _worst_pain(done: _SideDone, limit: int | None) -> str:
        if not done.pains:
            return "not recorded"
        worst = f"{max(done.pains)}/10"
        if limit is None:
            return worst
        above = done.above(limit)
        return f"{worst}; {_count(above, 'session') if above else 'none'} above the limit of {limit}"

    def pain_per_side(self) -> str:
        rx = self.loaded.prescription
        limited = any(item.pain_limit is not None for item in rx.exercises)
        parts = []
        for side in SIDES:
            trained = [(item, self.side(item.exercise_id, side)) for item in rx.exercises if item.trains(side)]
            pains = [pain for _, done in trained for pain in done.pains]
            if not pains:
                parts.append(f"{side.value} not recorded")
                continue
            text = f"{side.value} worst {max(pains)}/10"
            if limited:
                above = sum(done.above(item.pain_limit) for item, done in trained if item.pain_limit is not None)
                text += f", {_count(above, 'session') if above else 'none'} above a prescribed limit"
            parts.append(text)
        return "Pain per side on the prescribed exercises: " + "; ".join(parts) + "."

    def not_prescribed(self) -> str:
        """The exercises done that the prescription does not list, then the sides done that it
        leaves out (an exercise prescribed for one side only)."""
        rx = self.loaded.prescription
        exercises, sides = [], []
        for exercise in self.services.catalogue.exercises:
            item = rx.get(exercise.id)
            for side in SIDES:
                sessions = _count(len(self.side(exercise.id, side).sessions), "session")
                if not self.side(exercise.id, side).sessions:
                    continue
                if item is None:
                    exercises.append((exercise.name, f"{side.value} {sessions}"))
                elif not item.trains(side):
                    sides.append(
                        f"{exercise.name}, {side.value} side (prescribed for the {item.sides.value} only; {sessions})"
                    )
        names = list(dict.fromkeys(name for name, _ in exercises))
        parts = [f"{name} ({', '.join(done for other, done in exercises if other == name)})" for name in names]
        if not parts + sides:
            return "Nothing was done outside the prescription."
        return "Done but not prescribed: " + "; ".join(parts + sides) + "."

    def flags_and_referrals(self) -> list[str]:
        since = day_text(self.first)
        flags = [
            f"{day_text(flag.date)}, {self.names.get(flag.exercise_id, flag.exercise_id)}, {flag.side.value} "
            f"({flag.what})"
            for flag in pain_flags(self.done)
        ]
        lines = [
            f'Pain flags since {since}, as listed under "{FLAGS_TITLE}": ' + "; ".join(flags) + "."
            if flags else f'No pain flag since {since} (see "{FLAGS_TITLE}").'
        ]
        count = len(self.referrals)
        lines.append(
            f'Referral advice standing now: {count}, with its reasons under "{FLAGS_TITLE}".'
            if count else "No referral advice is standing at the moment."
        )
        return lines
