"""What the CLI and the TUI both call; neither holds rules of its own.

`build_services` is the one factory: it reads the catalogue first (so a broken catalogue is
reported before any database is touched), then opens and migrates the store.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer import paths
from trainer.core.assessment import (
    AssessmentResult,
    AssessmentSummary,
    AssessmentTest,
    find_test,
    first_results,
    involved_side_or_weaker,
    reassessment_due,
)
from trainer.core.assessment import summarise as summarise_assessment
from trainer.core.catalog import parse_catalog
from trainer.core.checks import (
    SYMPTOM_CHECKLIST_EVERY_DAYS,
    morning_check_due,
    morning_check_window,
    symptom_checklist_due,
)
from trainer.core.clock import Clock, SystemClock
from trainer.core.entry import check_date, check_pain, morning_check, sets_to_log
from trainer.core.errors import CatalogError, EntryError
from trainer.core.model import (
    Catalogue,
    Load,
    LoggedSet,
    MorningCheck,
    Settings,
    Side,
    SideSession,
    SymptomAnswers,
    TrainingSession,
    side_sessions_of,
)
from trainer.core.plan import (
    DEFAULT_WEEKDAYS,
    UNCHANGED,
    Adherence,
    CalendarDay,
    Plan,
    PlannedSession,
    adherence,
    day_status,
    new_plan,
    next_session_day,
    planned_dates,
    planned_sessions,
)
from trainer.core.prescription import (
    LoadedPrescription,
    PhysioPrescription,
    PrescriptionError,
    in_force,
    only_prescribed_sides,
    parse_prescription,
    prescribed_catalogue,
    prescription_json,
    within_prescription,
    within_weekly_limits,
)
from trainer.core.progression import DayPain, History, StaleCheckpoint, Suggestion, checkpoint_key, replay
from trainer.core.session import (
    AdvisedSession,
    DayTotals,
    NextTime,
    SessionItem,
    SessionSummary,
    advised_session,
    describe_sides,
    last_pains,
    next_time_changes,
    side_order,
    summarise,
)
from trainer.core.settings import changed_settings
from trainer.core.symptoms import emergency_block, symptom_answers
from trainer.core.today import exercises_for_today
from trainer.core.usual_pain import UsualPain, usual_morning_pain
from trainer.store import SessionStatus, Store, open_store

if TYPE_CHECKING:
    from trainer.core.names import NameMatch
    from trainer.exchange import ImportReport

def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue file; CatalogError names the file on any problem."""
    from trainer.paths import MAX_CATALOGUE_BYTES, read_bounded

    data = read_bounded(Path(path), MAX_CATALOGUE_BYTES, CatalogError, "a catalogue file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(f"{path}: not UTF-8 text (byte {error.start})") from None
    return parse_catalog(text, source=str(path))


MAX_PRESCRIPTION_BYTES = 1024 * 1024  # a prescription is a page or two of text


@dataclass(frozen=True)
class FinishedSession:
    summary: SessionSummary
    next_time: NextTime  # what changes for the next session, and what stays


@dataclass(frozen=True)
class TodayView:
    """What the today screen shows."""

    date: datetime.date
    planned: bool  # today is a planned training day
    next_training_day: datetime.date | None
    items: tuple[SessionItem, ...]
    referrals: tuple
    urgent: bool
    session: TrainingSession | None
    has_plan: bool
    prescription: LoadedPrescription | None = None  # the physiotherapist's, when one is in force


@dataclass
class Services:
    catalogue: Catalogue
    store: Store
    clock: Clock
    # The engine's suggestions by date. A suggestion for day D reads only what was logged before
    # D (and checks, settings and answers up to D), so logging today's sets never changes today's;
    # the TUI asks after every set and must not replay years of history each time.
    _suggestions: dict[date, Suggestion] = field(default_factory=dict, init=False, repr=False)
    _prescriptions: list[LoadedPrescription] | None = field(default=None, init=False, repr=False)
    # The catalogue as each loaded prescription has it, by its id: the engine, the plan and the
    # today screen ask for it many times a refresh.
    _programmes: dict[int, Catalogue] = field(default_factory=dict, init=False, repr=False)
    # From how many logged sets a replay from the first session is worth a "please wait" (about
    # a second on a 2-CPU laptop: a few years of sessions).
    long_replay_sets: int = field(default=20_000, init=False)

    def data_changed(self, since: date | None = None) -> None:
        """Forget suggestions that a change could affect: those for days after `since` (all when
        None, e.g. settings, checks, another process's writes)."""
        if since is None:
            self._suggestions.clear()
            self._prescriptions = None  # another process may have loaded one
        else:
            for day in [d for d in self._suggestions if d > since]:
                del self._suggestions[day]

    def log(
        self,
        exercise_id: str,
        side: Side,
        *,
        reps: list[int] | None = None,
        holds: list[int] | None = None,
        level: int | None = None,
        load: str | Load | None = None,
        pain: int | None = None,
        sharp: bool = False,
        stopped: bool = False,
        poor_technique: bool = False,
        on: date | None = None,
        reopen: bool = False,
    ) -> list[LoggedSet]:
        """Check then log one side's sets of one exercise; each set is committed on its own.
        With `reopen`, a finished session of that day is in progress again."""
        today = self.clock.today()
        day = on or today
        entries = sets_to_log(
            self.catalogue,
            exercise_id,
            side,
            reps=reps,
            holds=holds,
            level=level,
            load=load,
            pain=pain,
            sharp=sharp,
            stopped=stopped,
            poor_technique=poor_technique,
            on=day,
            today=today,
            # The last level and load fill in what was not given (one query, only then).
            standing=(
                self.store.standing(exercise_id, side)
                if exercise_id in self.catalogue and (level is None or load is None)
                else None
            ),
        )
        # A session logged today is still going on; one logged afterwards for a past day is done.
        status = SessionStatus.IN_PROGRESS if day == today else SessionStatus.DONE
        self.data_changed(since=day)
        return [
            self.store.log_set(day, entry, self.clock.now(), status, reopen=reopen and day == today)
            for entry in entries
        ]

    def history(self, since: date | None = None) -> list[LoggedSet]:
        return self.store.history(since=since)

    def iter_history(self, since: date | None = None) -> Iterator[LoggedSet]:
        """`history(since)` read as it is used, for printing years of sets."""
        return self.store.iter_history(since)

    def history_days(self) -> list[DayTotals]:
        """Every training day with its totals per side, newest first."""
        return self.store.day_totals()

    def sets_on(self, day: date) -> list[LoggedSet]:
        """The sets of one day, in the order they were logged."""
        return sorted(self.store.history(since=day, until=day), key=lambda s: s.id)

    def today_sets(self) -> list[LoggedSet]:
        today = self.clock.today()
        return [s for s in self.store.history(since=today) if s.date == today]

    def record_morning(
        self, side: Side, pain: int, soreness: int | None = None, on: date | None = None
    ) -> MorningCheck:
        """Check and store a side's pain (and soreness) on waking; again for that date corrects it.

        The entry dated `on` (default today) belongs to the side's last training day before it.
        """
        self.data_changed()
        today = self.clock.today()
        check = morning_check(side, pain, soreness, on=on or today, today=today)
        return self.store.record_morning(check, self.clock.now())

    def morning_checks(self, until: date | None = None) -> list[MorningCheck]:
        return self.store.morning_checks(until)

    def settings(self) -> Settings:
        return self.store.settings()

    def usual_pains(self, on: date | None = None) -> dict[Side, UsualPain]:
        """Each side's usual morning pain on `on` (default today): recorded, or estimated from
        the first week's mornings (6.9.8)."""
        day = on or self.clock.today()
        settings, mornings = self.store.settings(), self.store.first_week_mornings()
        return {side: usual_morning_pain(settings, side, mornings, day) for side in (Side.LEFT, Side.RIGHT)}

    def update_settings(self, **changes: Any) -> Settings:
        """Check then save only the settings named (see core.settings.changed_settings).

        `seen_professional=DAY` records a visit on DAY (`record_seen_professional`): the setting
        is the latest visit, so an earlier day leaves it as it is, and None changes nothing (a
        visit once recorded stays)."""
        self.data_changed()
        current = self.store.settings()
        updated = changed_settings(
            current,
            changes,
            band_colours=self.catalogue.band_colours,
            today=self.clock.today(),
        )
        visit = updated.seen_professional if "seen_professional" in changes else None
        now = self.clock.now()
        with self.store.all_or_nothing():
            kept = replace(updated, seen_professional=current.seen_professional)
            self.store.save_settings(kept, now)
            if visit is not None:
                self.store.add_visit(visit, now)
        return self.store.settings()

    def record_symptoms(self, yes_ids: Iterable[str], on: date | None = None) -> SymptomAnswers:
        """Check and store one answer to the red-flag checklist; no ids: none of them applies."""
        self.data_changed()
        today = self.clock.today()
        answers = symptom_answers(yes_ids, on or today, today)
        return self.store.record_symptoms(answers, self.clock.now())

    def symptom_answers(self, until: date | None = None) -> list[SymptomAnswers]:
        return self.store.symptom_answers(until)

    def training_block(self, on: date | None = None) -> SymptomAnswers | None:
        """The emergency answer that stops all training today (6.9.13), if one stands."""
        day = on or self.clock.today()
        answers = self.store.symptom_answers(until=day)
        return emergency_block(answers, self.store.visits(until=day), day)

    def mark_symptoms_mistaken(self) -> SymptomAnswers:
        """Mark the emergency answer that stops training as given by mistake."""
        blocking = self.training_block()
        if blocking is None or blocking.id is None:
            raise EntryError("no emergency answer is stopping training: nothing to mark")
        # A suggestion for day D reads the answers dated on or before D: the answer's own day too.
        self.data_changed(since=blocking.date - timedelta(days=1))
        marked = self.store.mark_symptoms_mistaken(blocking.id)
        if marked is None:
            raise EntryError("that answer no longer exists")
        return marked

    def record_seen_professional(self, day: date) -> Settings:
        """Record that a doctor or physiotherapist saw the person on `day` (not in the future).

        Every visit is kept with its date (6.9.14); the setting `seen_professional` is the latest.
        A suggestion for a day before the visit does not read it, so only those from `day` on
        are worked out again."""
        visit = changed_settings(
            Settings(), {"seen_professional": day},
            band_colours=self.catalogue.band_colours, today=self.clock.today(),
        ).seen_professional or day
        self.data_changed(since=visit - timedelta(days=1))
        self.store.add_visit(visit, self.clock.now())
        return self.store.settings()

    def visits(self) -> list[date]:
        """The days a doctor or physiotherapist saw the person, oldest first."""
        return self.store.visits()

    def engine_history(self, on: date, resume: bool = False) -> tuple[History, int, str]:
        """What the progression engine reads for a suggestion on `on` (6.8.1 filters it), the
        data version it was read at, and the key of checkpoints that fit it.

        With `resume`, stored checkpoints that fit are in the history and the sessions reach
        back only as far as they need."""
        base, key = self._engine_base(on)
        read = self.store.engine_inputs(on, self._exercise_ids(on), key, resume=resume)
        sessions = tuple(side_sessions_of(read.sets))
        loaded = self.prescription_in_force(on)
        history = replace(
            base,
            sessions=within_prescription(sessions, loaded.prescription) if loaded else sessions,
            mornings=tuple(read.mornings),
            day_pain=read.day_pain,
            checkpoints=read.checkpoints,
        )
        return history, read.version, key

    def _engine_base(self, on: date) -> tuple[History, str]:
        """What the engine reads besides the dated data, and the checkpoint key it makes."""
        settings = self.store.settings()
        if settings.involved_side is None and self.catalogue.assessments:
            involved = involved_side_or_weaker(None, self.catalogue.assessments, self.store.assessment_results(), on)
            settings = replace(settings, involved_side=involved)
        base = History(
            # The latest answer counts for the GP advice (6.8.25); an emergency answer stands
            # until it is lifted (6.9.13), so every answer is read (a few a week).
            symptoms=tuple(self.store.symptom_answers(until=on)),
            settings=settings,
            plan_start=self.store.plan_start(),
            # Every visit: one after `on` counts for nothing on `on`, but keeps the checkpoint
            # key the same for every day (6.9.14).
            visits=tuple(self.store.visits()),
            # The first week's mornings: the usual-pain estimate reads them whatever the
            # checkpoints let the replay skip (6.9.8).
            usual_mornings=tuple(self.store.first_week_mornings()),
        )
        return base, checkpoint_key(self.programme(on), base, on)

    def _exercise_ids(self, on: date | None = None) -> list[str]:
        """The exercises the engine decides for on `on` (default today): the programme's."""
        return [exercise.id for exercise in self.programme(on).exercises]

    def long_replay_ahead(self) -> int:
        """How many sets today's suggestion would replay from the first session, when that is a
        long history and no stored checkpoint fits (after an upgrade, an edit of old data, a
        change of settings); 0 otherwise. The app then says so and works it out off the UI
        thread."""
        today = self.clock.today()
        if today in self._suggestions:
            return 0
        _, key = self._engine_base(today)
        if self.store.checkpoints_fit(today, self._exercise_ids(today), key):
            return 0
        sets = self.store.count_sets()
        return sets if sets > self.long_replay_sets else 0

    @property
    def notices(self) -> tuple[str, ...]:
        """What opening the database found that the person must hear (a torn write-ahead log)."""
        return self.store.notices

    def suggest(self, on: date | None = None) -> Suggestion:
        """The engine's decisions per exercise and side for a session on `on` (default today)."""
        day = on or self.clock.today()
        if day not in self._suggestions:
            self._suggestions[day] = self._replay(day)
        return self._suggestions[day]

    def next_session_day(self) -> date:
        """The day `suggest` answers for without a date: today, or once something is logged
        today, the next planned day (core `next_session_day`)."""
        today = self.clock.today()
        trained = bool(self.store.trained_dates(today, today))
        return next_session_day(self.store.plans(), today, trained)

    def _replay(self, day: date) -> Suggestion:
        # Years of history: the engine picks up from checkpoints stored by the last replay, which
        # the database's triggers wipe whenever older data changes (migration 0007).
        today = self.clock.today()
        # Checkpoints serve any later day too (tomorrow's, after finishing a session).
        history, version, key = self.engine_history(day, resume=True)
        programme = self.programme(day)
        try:
            suggestion, checkpoints = replay(programme, history, day)
        except StaleCheckpoint:
            history, version, key = self.engine_history(day, resume=False)
            suggestion, checkpoints = replay(programme, history, day)
        # Only checkpoints before today: today's sets are still coming and would wipe them.
        if day <= today and set(checkpoints) != set(history.checkpoints):
            self.store.save_engine_checkpoints(version, key, checkpoints)
        loaded = self.prescription_in_force(day)
        return only_prescribed_sides(suggestion, loaded.prescription) if loaded else suggestion

    # --- what the charts read, one piece at a time --------------------------------------
    def side_sessions(self, exercise_id: str) -> list[SideSession]:
        """Every side-session of one exercise, oldest first."""
        return side_sessions_of(self.store.exercise_sets(exercise_id))

    def side_day_pain(self) -> list[DayPain]:
        """The worst pain of each side on every training day, over all exercises, oldest first."""
        return sorted(self.store.day_pain(self.clock.today() + timedelta(days=1)), key=lambda d: d.date)

    def days_per_exercise(self) -> dict[str, int]:
        """Training days per exercise, most first (ties by id)."""
        counts = self.store.days_per_exercise()
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    # --- plan and schedule --------------------------------------------------------------
    def plans(self) -> list[Plan]:
        return self.store.plans()

    def has_plan(self) -> bool:
        return bool(self.store.plans())

    def set_plan(
        self,
        weekdays: Sequence[int] = DEFAULT_WEEKDAYS,
        start: date | None = None,
        involved_side: Side | None | object = UNCHANGED,
        minutes: int | None | object = UNCHANGED,
    ) -> Plan:
        """A new plan version (from next week when one exists). The involved side also goes to
        the settings, which is where the progression engine reads it; UNCHANGED keeps it."""
        self.data_changed()
        today = self.clock.today()
        settings = self.store.settings()
        side = involved_side if isinstance(involved_side, Side) or involved_side is None else settings.involved_side
        existing = self.store.plans()
        length: int | None
        if isinstance(minutes, int) or minutes is None:
            length = minutes
        else:  # UNCHANGED: a change of days keeps the session length; a first plan gets none
            length = existing[-1].minutes if existing else None
        plan = new_plan(weekdays, start, side, length, existing, today)
        self.store.add_plan(plan, self.clock.now())
        if side != settings.involved_side:
            self.store.save_settings(replace(settings, involved_side=side), self.clock.now())
        return plan

    def upcoming(self, first: date | None = None, weeks: int = 2) -> list[PlannedSession]:
        """Planned sessions from `first` (default today) for `weeks` weeks."""
        first = first or self.clock.today()
        last = first + timedelta(days=7 * weeks - 1)
        return self._planned(self.store.plans(), first, last)

    def advised_upcoming(self, first: date | None = None, weeks: int = 2) -> list[AdvisedSession]:
        """`upcoming` with each day's advice applied (core `advised_session`): what `plan show`
        lists is what the today screen will run on that day."""
        involved = self.store.settings().involved_side
        return [
            advised_session(session, self.suggest(session.date), self.programme(session.date).exercises, involved)
            for session in self.upcoming(first, weeks)
        ]

    def _planned(self, plans: list[Plan], first: date, last: date) -> list[PlannedSession]:
        """Planned sessions; tight hip flexors in the self-assessment put mobility first."""
        mobility_first = bool(self.catalogue.assessments) and self.assessment().mobility_first
        sessions: list[PlannedSession] = []
        # Each stretch of days between prescription starts is composed from the programme then.
        for start, end in self._programme_periods(first, last):
            loaded = self.prescription_in_force(start)
            period = planned_sessions(plans, self.programme(start).exercises, start, end, mobility_first=mobility_first)
            sessions += within_weekly_limits(period, loaded.prescription) if loaded else period
        return sessions

    def _programme_periods(self, first: date, last: date) -> list[tuple[date, date]]:
        """[first, last] cut where a prescription starts."""
        starts = sorted({p.starts_on for p in self.prescriptions() if first < p.starts_on <= last})
        edges = [first, *starts]
        return [(a, (edges[i + 1] - timedelta(days=1)) if i + 1 < len(edges) else last) for i, a in enumerate(edges)]

    def adherence(self) -> Adherence:
        today = self.clock.today()
        return adherence(self.store.plans(), self.store.trained_dates(last=today), today)

    def missed(self, days: int = 14) -> list[date]:
        """Planned days of the last `days` days with nothing logged (they stay missed)."""
        today = self.clock.today()
        first = today - timedelta(days=days)
        trained = self.store.trained_dates(first, today)
        return [
            d for d in planned_dates(self.store.plans(), first, today - timedelta(days=1))
            if d not in trained
        ]

    def month(self, year: int, month: int) -> list[CalendarDay]:
        """Every day of a month with its status (done, partly, missed, planned, extra, rest)."""
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        today = self.clock.today()
        plans = self.store.plans()
        planned = {s.date: s for s in self._planned(plans, first, last)}
        trained = self.store.training_days(first, last)
        days = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            summary = trained.get(day)
            session = planned.get(day)
            status = day_status(
                day,
                today,
                planned=session is not None,
                planned_exercises=session.exercises if session else (),
                logged=summary.exercises if summary else (),
            )
            days.append(
                CalendarDay(
                    day,
                    status,
                    pain_left=summary.pain.get("left") if summary else None,
                    pain_right=summary.pain.get("right") if summary else None,
                )
            )
        return days

    def export_ics(self, path: Path, weeks: int) -> int:
        """Write the coming sessions to an iCalendar file; returns how many were written."""
        from trainer.calendar_export import sessions_to_ics

        sessions = self.upcoming(self.clock.today(), weeks)
        data = sessions_to_ics(sessions, self.catalogue, self.clock.now())
        from trainer.private_files import write_private_file

        # iCalendar text is UTF-8 with CRLF line ends, written as it is (0600, never half-written).
        write_private_file(path, data.decode("utf-8"), database=self.store.path)
        return len(sessions)

    # --- the session runner ---------------------------------------------------------------
    def today_view(self, extra: bool = False) -> TodayView:
        """Today's session: the planned exercises (or, for an extra session on a rest day, those
        of the next training day), each with the engine's decision per side and today's sets."""
        today = self.clock.today()
        plans = self.store.plans()
        coming = self._planned(plans, today, today + timedelta(days=13))
        planned_today = next((s for s in coming if s.date == today), None)
        next_day = next((s.date for s in coming if s.date > today), None)
        session = self.store.session_on(today)
        logged_today = [s for s in self.store.history(since=today) if s.date == today]
        earlier: dict[str, list[LoggedSet]] = {}
        for logged in self.store.last_sets_before(today):
            earlier.setdefault(logged.exercise_id, []).append(logged)
        programme = self.programme(today)
        ids = exercises_for_today(
            programme,
            planned_today,
            next_session=next((s for s in coming if s.date > today), None),
            training_anyway=bool(extra or logged_today or (session and session.status == SessionStatus.IN_PROGRESS)),
            logged_today=(s.exercise_id for s in logged_today),
        )
        suggestion = self.suggest(today)
        advice = {a.exercise_id: a for a in suggestion.exercises}
        involved = self.store.settings().involved_side
        choices: dict[str, list[tuple[Side, bool]]] = {}
        for _, exercise_id, side, carry_on in self.store.pain_choices(today, today):
            choices.setdefault(exercise_id, []).append((side, carry_on))
        items = []
        loaded = self.prescription_in_force(today)
        for exercise_id in ids:
            exercise = programme.get(exercise_id)
            before = earlier.get(exercise_id, [])
            prescribed = loaded.prescription.get(exercise_id) if loaded else None
            items.append(
                SessionItem(
                    exercise=exercise,
                    decisions=side_order(advice[exercise_id], involved),
                    last_time=describe_sides(before),
                    last_pain=last_pains(before),
                    earlier=tuple(before),
                    logged=tuple(sorted((s for s in logged_today if s.exercise_id == exercise_id), key=lambda s: s.id)),
                    pain_choices=tuple(choices.get(exercise_id, ())),
                    note=prescribed.note if prescribed else "",
                    pain_limit=prescribed.pain_limit if prescribed else None,
                )
            )
        return TodayView(
            date=today,
            planned=planned_today is not None,
            next_training_day=next_day,
            items=tuple(items),
            referrals=suggestion.referrals,
            urgent=suggestion.urgent,
            session=session,
            has_plan=bool(plans),
            prescription=loaded,
        )

    def session_today(self) -> TrainingSession | None:
        return self.store.session_on(self.clock.today())

    def start_session(self) -> TrainingSession:
        return self.store.set_session_status(
            self.clock.today(), SessionStatus.IN_PROGRESS, self.clock.now()
        )

    def finish_session(self) -> FinishedSession:
        """Mark today's session done; its summary and what the engine changes next time."""
        today = self.clock.today()
        self.store.set_session_status(today, SessionStatus.DONE, self.clock.now())
        items = self.today_view().items
        # The next session, with today's sets counted (as `trainer suggest` answers, issue 15.2).
        next_time = next_time_changes(items, self.suggest(self.next_session_day()))
        return FinishedSession(summarise(self.today_sets()), next_time)

    def close_interrupted_sessions(self) -> list[TrainingSession]:
        """Sessions left in progress on an earlier day are over: mark them done (their sets stay).
        Today's stays in progress, so the runner resumes it."""
        today = self.clock.today()
        closed = []
        for session in self.store.unfinished_sessions():
            if session.date < today:
                closed.append(
                    self.store.set_session_status(session.date, SessionStatus.DONE, self.clock.now())
                )
        return closed

    def log_one_set(
        self,
        exercise_id: str,
        side: Side,
        amount: int,
        *,
        level: int,
        load: str | Load,
        pain: int | None,
        sharp: bool = False,
        stopped: bool = False,
    ) -> LoggedSet:
        """One set from the session runner, checked like `trainer log` and committed at once."""
        exercise = self.catalogue.get(exercise_id)
        reps, holds = (None, [amount]) if exercise.counts_seconds else ([amount], None)
        # Logging after finishing reopens today's session.
        return self.log(
            exercise_id, side, reps=reps, holds=holds, level=level, load=load, pain=pain, sharp=sharp,
            stopped=stopped, reopen=True,
        )[0]

    def record_pain_choice(self, exercise_id: str, side: Side, carry_on: bool) -> None:
        """After red or sharp pain on `side` today: carry on with the other side, or stop the
        exercise for both (issue 15.4)."""
        self.store.record_pain_choice(
            self.clock.today(), exercise_id, side, carry_on, self.clock.now()
        )

    def delete_set(self, set_id: int) -> LoggedSet | None:
        removed = self.store.delete_set(set_id)
        if removed is not None:
            self.data_changed(since=removed.date)
        return removed

    def edit_set(self, logged: LoggedSet, amount: int, pain: int | None, sharp: bool) -> LoggedSet:
        """Correct one of today's sets: the same checks as logging it."""
        exercise = self.catalogue.get(logged.exercise_id)
        reps, holds = (None, [amount]) if exercise.counts_seconds else ([amount], None)
        entry = sets_to_log(
            self.catalogue, logged.exercise_id, logged.side, reps=reps, holds=holds, level=logged.level,
            load=logged.load, pain=pain, sharp=sharp, stopped=logged.stopped_early,
            poor_technique=not logged.technique_ok, on=logged.date, today=self.clock.today(),
        )[0]
        self.data_changed(since=logged.date)
        updated = self.store.update_set(logged.id, entry)
        if updated is None:
            raise EntryError("that set no longer exists")
        return updated

    def morning_due(self) -> date | None:
        """The last training day (yesterday or the day before), if its morning entry is missing."""
        today = self.clock.today()
        first, last = morning_check_window(today)
        days = self.store.trained_dates(first, last)
        mornings = self.store.morning_checks(until=today, since=max(days)) if days else []
        return morning_check_due(days, mornings)

    def symptoms_due(self, every_days: int = SYMPTOM_CHECKLIST_EVERY_DAYS) -> bool:
        """The red-flag checklist is asked weekly (and whenever the person opens it)."""
        answers = self.store.symptom_answers(until=self.clock.today(), latest_only=True)
        return symptom_checklist_due(answers[-1] if answers else None, self.clock.today(), every_days)

    # --- self-assessment ------------------------------------------------------------------
    def assessment_test(self, test_id: str) -> AssessmentTest:
        return find_test(self.catalogue.assessments, test_id)

    def record_assessment(
        self, test_id: str, side: Side, value: str | int, pain: int | None = None, on: date | None = None
    ) -> AssessmentResult:
        """Check and store one test result for one side."""
        self.data_changed()
        test = self.assessment_test(test_id)
        if side not in (Side.LEFT, Side.RIGHT):
            raise EntryError("each test is done and recorded per side: use --side left or --side right")
        today = self.clock.today()
        day = check_date(on or today, today)
        check_pain(pain)
        result = AssessmentResult(day, test.id, side, test.check_value(value), pain)
        return self.store.record_assessment(result, self.clock.now())

    def assessment(self) -> AssessmentSummary:
        return summarise_assessment(self.catalogue.assessments, self.store.assessment_results())

    def first_assessment(self) -> AssessmentSummary:
        """The first assessment, to show the change since then."""
        first = list(first_results(self.store.assessment_results()).values())
        return summarise_assessment(self.catalogue.assessments, first)

    def assessment_results(self) -> list[AssessmentResult]:
        """Every self-assessment result, oldest first."""
        return self.store.assessment_results()

    # --- files in and out (trainer.exchange) --------------------------------------------------
    def export_chunks(self, fmt: str) -> Iterator[str]:
        """Everything (json) or the sets (csv), as pieces of text written as they are read."""
        from trainer.exchange import export_chunks

        return export_chunks(self, fmt)

    def import_file(
        self, path: str | Path, weight_unit: str | None = None, mappings: Mapping[str, NameMatch] | None = None
    ) -> ImportReport:
        """Import a trainer export or another app's (see trainer.exchange.import_file)."""
        from trainer.exchange import import_file

        self.data_changed()
        return import_file(self, path, weight_unit=weight_unit, mappings=mappings)

    def report(self, fmt: str = "md", since: date | None = None, since_prescription: bool = False) -> str | bytes:
        """The report for a physiotherapist: markdown, html, or pdf (bytes); from `since`, or with
        `since_prescription` from the day the prescription in force started (the review, issue
        19.4). EntryError, before anything is made, without a prescription in force or with both."""
        from trainer.report import report_pdf, report_text

        since = self._report_start(since, since_prescription)
        return report_pdf(self, since) if fmt == "pdf" else report_text(self, since, fmt)

    def _report_start(self, since: date | None, since_prescription: bool) -> date | None:
        """The report's first day: `since`, or the start of the prescription in force."""
        if not since_prescription:
            return since
        if since is not None:
            raise EntryError("a report covers one period: from a date or since the prescription, not both")
        loaded = self.prescription_in_force()
        if loaded is None:
            raise EntryError("no prescription is in force: load one with `trainer prescription load FILE`")
        return loaded.starts_on

    def write_private(self, path: str | Path, data: str | bytes | Iterable[str]) -> Path:
        """Write health data to `path`, readable by its owner only (0600), never half-written and
        never onto the database, its journal or a backup of it."""
        from trainer.private_files import write_private_file

        return write_private_file(path, data, database=self.store.path)

    def assessment_due(self) -> bool:
        return reassessment_due(self.store.assessment_results(), self.clock.today())

    # --- a prescription from a physiotherapist (issue 19) -----------------------------------
    def prescriptions(self) -> list[LoadedPrescription]:
        """Every prescription loaded, oldest start first."""
        if self._prescriptions is None:
            self._prescriptions = self.store.prescriptions()
        return self._prescriptions

    def prescription_in_force(self, on: date | None = None) -> LoadedPrescription | None:
        return in_force(self.prescriptions(), on or self.clock.today())

    def programme(self, on: date | None = None) -> Catalogue:
        """The exercises trainer runs on `on`: the prescription's then, or the whole catalogue."""
        loaded = self.prescription_in_force(on)
        if loaded is None:
            return self.catalogue
        if loaded.id not in self._programmes:
            self._programmes[loaded.id] = prescribed_catalogue(self.catalogue, loaded.prescription, loaded.starts_on)
        return self._programmes[loaded.id]

    def check_prescription(self, path: str) -> tuple[str, PhysioPrescription]:
        """The text of a prescription file and what it prescribes, checked against the catalogue;
        PrescriptionError names the file, line, exercise id and field of a mistake."""
        from trainer.paths import read_bounded

        data = read_bounded(Path(path), MAX_PRESCRIPTION_BYTES, PrescriptionError, "a prescription file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PrescriptionError(f"{path}: not UTF-8 text (byte {error.start})") from None
        return text, parse_prescription(text, self.catalogue, source=str(path))

    def load_prescription(self, path: str, starts_on: date | None = None) -> LoadedPrescription:
        """Check a prescription file and keep it, in force from `starts_on` (default today)."""
        text, prescription = self.check_prescription(path)
        day = starts_on or self.clock.today()
        prescription_id = self.store.add_prescription(
            day, str(path), text, prescription_json(prescription), self.clock.now()
        )
        self.data_changed()
        return LoadedPrescription(prescription_id, day, str(path), prescription)

    def write_report(
        self, path: str, fmt: str = "html", since: date | None = None, since_prescription: bool = False
    ) -> Path:
        """Write the report for a physiotherapist to `path` (checked first; 0600); the period as
        `report` takes it."""
        from trainer.private_files import check_output_path, write_private_file
        from trainer.report import report_text

        target = check_output_path(path, example=f"trainer-report.{fmt}", database=self.store.path)
        since = self._report_start(since, since_prescription)
        write_private_file(target, report_text(self, since, fmt), database=self.store.path)
        return target

    def close(self) -> None:
        self.store.close()


def build_services(
    db: str | None = None, catalog: str | None = None, clock: Clock | None = None
) -> Services:
    clock = clock or SystemClock()
    catalogue = load_catalogue(paths.catalog_path(catalog))
    path = paths.db_path(db)
    paths.keep_data_folder_private(path)
    store = open_store(path, paths.migrations_dir(), now=clock.now())
    return Services(catalogue=catalogue, store=store, clock=clock)
