"""The repository: `Store`, one open database handing out core dataclasses, every public method one
short transaction.

Reads go through plain SQL on sqlite3 connections, building core objects straight from rows: the
engine's inputs, history and exports read years of rows, and the first screen must not wait for
SQLAlchemy to load (issue 17.5). Writes (and the few reads a write path makes) use the SQLModel
tables (store.tables), which are imported on first use; the hot writes (logging a set, importing a
file) are plain SQL too. Reads begin deferred and never wait for a writer; writes take the lock up
front (IMMEDIATE); a disk that refuses gives a one-line DatabaseError with nothing half-written.
The engine's checkpoints (`engine_checkpoint`) are derived data that SQLite triggers wipe when
older data changes (migration 0007).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.assessment import AssessmentResult
from trainer.core.entry import Standing
from trainer.core.errors import DatabaseError
from trainer.core.model import (
    Load,
    LoggedSet,
    MorningCheck,
    SessionStatus,
    SetEntry,
    SetFacts,
    Settings,
    Side,
    SymptomAnswers,
    TrainingSession,
)
from trainer.core.plan import WEEKDAY_NAMES, Plan, weekly_rule
from trainer.core.prescription import LoadedPrescription, prescription_from_json
from trainer.core.progression import Checkpoint, DayPain, checkpoint_data, checkpoint_from
from trainer.core.session import DayTotals
from trainer.store.connection import (
    BUSY_TIMEOUT_MS,
    SETTINGS_ROW_ID,
    connect,
    driver_errors,
    utc_text,
)
from trainer.store.database_file import database_error, prepare_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from trainer.store.tables import (
        SessionRow,
        SetRow,
    )


def open_store(path: Path, migrations_dir: Path, now: dt.datetime | None = None) -> Store:
    """Open (creating if needed) the trainer database at `path`, migrating it to the current schema."""
    path = Path(path)
    notices = prepare_file(path, migrations_dir, now)
    store = Store(path)
    store.notices = notices
    return store


# --- the repository ----------------------------------------------------------------------------

_SIDES_OF = {side.value: side.each for side in Side}  # Side.each by its stored text, for the hot loops


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)  # C, and quicker than any cache written in Python


def _date_range(column: str, first: dt.date | None, last: dt.date | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping `column` between `first` and `last` (either may be open)."""
    terms, args = [], []
    if first is not None:
        terms.append(f"{column} >= ?")
        args.append(first.isoformat())
    if last is not None:
        terms.append(f"{column} <= ?")
        args.append(last.isoformat())
    return ("WHERE " + " AND ".join(terms) if terms else ""), tuple(args)


_SET_COLUMNS = (
    "l.id, l.session_id, l.exercise_id, l.level, l.side, l.set_number, l.reps, l.hold_s, "
    "l.load_kg, l.load_band, l.pain, l.sharp, l.stopped_early, l.technique_ok, l.logged_at, "
    "l.import_key"
)


_FACT_COLUMNS = (
    "s.date, l.exercise_id, l.side, l.level, l.load_kg, l.load_band, coalesce(l.hold_s, l.reps, 0), "
    "coalesce(l.pain, 0), l.sharp, l.stopped_early, l.technique_ok, l.pain IS NOT NULL"
)


def _set_facts(rows: Iterable[tuple]) -> list[SetFacts]:
    """SetFacts from plain rows of _FACT_COLUMNS."""
    return [
        SetFacts(
            _day(d), ex, side, level, kg, band, amount, pain, bool(sharp), bool(stop), bool(ok),
            bool(noted),
        )
        for d, ex, side, level, kg, band, amount, pain, sharp, stop, ok, noted in rows
    ]


def _logged_sets(rows: Iterable[tuple]) -> list[LoggedSet]:
    """LoggedSets from plain rows of (session date, *_SET_COLUMNS)."""
    loads: dict[tuple[float | None, str | None], Load] = {}
    sides = {side.value: side for side in Side}
    result = []
    for (day, id_, session_id, exercise_id, level, side, number, reps, hold_s, kg, band, pain,
         sharp, stopped, technique, logged_at, import_key) in rows:
        load = loads.get((kg, band))
        if load is None:
            load = loads[(kg, band)] = Load(kg=kg, band=band)
        result.append(LoggedSet(
            id=id_, session_id=session_id, date=_day(day), exercise_id=exercise_id, level=level,
            side=sides[side], set_number=number, reps=reps, hold_s=hold_s, load=load, pain=pain,
            sharp=bool(sharp), stopped_early=bool(stopped), technique_ok=bool(technique),
            logged_at=dt.datetime.fromisoformat(logged_at), import_key=import_key,
        ))
    return result


@dataclass(frozen=True)
class EngineInputs:
    version: int  # engine_data_version when read: checkpoints made from this data carry it
    checkpoints: tuple[Checkpoint, ...]
    sets: list[SetFacts]  # in logging order
    day_pain: tuple[DayPain, ...] | None  # only when resuming from checkpoints
    mornings: list[MorningCheck]


_SESSION_COLUMNS = "id, date, status, started_at, finished_at, notes"


def _stamp(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _to_training_session(row: tuple) -> TrainingSession:
    """A TrainingSession from a plain row of _SESSION_COLUMNS."""
    id_, day, status, started_at, finished_at, notes = row
    return TrainingSession(
        id=id_, date=_day(day), status=status, started_at=_stamp(started_at),
        finished_at=_stamp(finished_at), notes=notes,
    )


def _driver_cursor(session: Session) -> sqlite3.Cursor:
    """A plain cursor on the connection of the session's transaction (bulk SQL inside it)."""
    connection = session.connection().connection.driver_connection
    if not isinstance(connection, sqlite3.Connection):
        raise RuntimeError("the session is not on an sqlite3 connection")
    return connection.cursor()


def _written_id(id_: int | None) -> int:
    """The id SQLite gave a row the session has flushed (the table's type allows None before)."""
    if id_ is None:
        raise RuntimeError("a written row has no id: it was not flushed")
    return id_


def _session_from_table(row: SessionRow) -> TrainingSession:
    """A TrainingSession from the table row a write just made (inside a batch, before its commit,
    a plain read would not see it yet)."""
    return TrainingSession(
        id=_written_id(row.id), date=row.date, status=row.status, started_at=row.started_at,
        finished_at=row.finished_at, notes=row.notes,
    )


def _to_logged_set(row: SetRow, day: dt.date) -> LoggedSet:
    return LoggedSet(
        id=_written_id(row.id),
        session_id=row.session_id,
        date=day,
        exercise_id=row.exercise_id,
        level=row.level,
        side=Side(row.side),
        set_number=row.set_number,
        reps=row.reps,
        hold_s=row.hold_s,
        load=Load(kg=row.load_kg, band=row.load_band),
        pain=row.pain,
        sharp=row.sharp,
        stopped_early=row.stopped_early,
        technique_ok=row.technique_ok,
        logged_at=row.logged_at,
        import_key=row.import_key,
    )


@dataclass
class DaySummary:
    """One training day: which exercises were logged and the worst pain per side."""

    date: dt.date
    exercises: set[str] = field(default_factory=set)
    pain: dict[str, int] = field(default_factory=dict)


_PLAN_COLUMNS = "weekdays, start_date, effective_from, rrule, involved_side, session_minutes"


def _to_plan(row: tuple) -> Plan:
    """A Plan from a plain row of _PLAN_COLUMNS."""
    days_text, start_text, effective_text, rule, involved, minutes = row
    weekdays = tuple(WEEKDAY_NAMES.index(d) for d in days_text.split(",") if d)
    start = _day(start_text)
    return Plan(
        weekdays=weekdays,
        start=start,
        effective_from=_day(effective_text) if effective_text else start,
        # Rows from before revision 0004 had no stored rule: rebuild it from the weekdays.
        rule=rule or weekly_rule(weekdays, start),
        involved_side=Side(involved) if involved else None,
        minutes=minutes,
    )


def _comma_list(text: str | None) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(",") if item)


def _kg_text(kg: float) -> str:
    # 15 significant digits give back exactly the float a typed decimal like 2.5 or 6 became.
    return f"{kg:.15g}"


_SETTINGS_COLUMNS = (
    "baseline_pain_left, baseline_pain_right, involved_side, dumbbells_kg, bands, seen_professional"
)


def _to_settings(row: tuple) -> Settings:
    """Settings from a plain row of _SETTINGS_COLUMNS."""
    left, right, involved, dumbbells, bands, seen = row
    return Settings(
        baseline_pain_left=left,
        baseline_pain_right=right,
        involved_side=Side(involved) if involved else None,
        dumbbells_kg=tuple(float(kg) for kg in _comma_list(dumbbells)),
        bands=None if bands is None else _comma_list(bands),
        seen_professional=_day(seen) if seen else None,
    )


_SYMPTOM_COLUMNS = "id, date, yes_ids, mistaken"


def _to_symptom_answers(row: tuple) -> SymptomAnswers:
    """SymptomAnswers from a plain row of _SYMPTOM_COLUMNS."""
    id_, day, yes_ids, mistaken = row
    return SymptomAnswers(date=_day(day), yes=frozenset(_comma_list(yes_ids)), mistaken=bool(mistaken), id=id_)


class Store:
    """Repository over one open database; every public method is one short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notices: tuple[str, ...] = ()  # what opening found that the person must hear
        self._batch: Session | None = None
        # One plain connection per thread (the app reads in workers too), opened on first use.
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._engine: Engine | None = None  # SQLAlchemy's, made on the first ORM use

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine of the ORM paths; making it loads SQLAlchemy and SQLModel."""
        if self._engine is None:
            from trainer.store.tables import engine_for

            self._engine = engine_for(self.path)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        for connection in self._connections:
            connection.close()
        self._connections.clear()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = connect(self.path)
            self._connections.append(connection)
        return connection

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session that writes: BEGIN IMMEDIATE takes the write lock up front. A failed
        commit (disk full, I/O error) rolls back whole: DatabaseError, nothing written.
        Inside `all_or_nothing`, it is that one transaction's session."""
        from sqlmodel import Session

        if self._batch is not None:
            yield self._batch
            return
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except driver_errors() as error:
            raise database_error(self.path, "write", error) from None

    def _commit(self, session: Session) -> None:
        if session is self._batch:
            session.flush()  # the batch commits once, at its end
        else:
            session.commit()

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """Every write of the store inside runs in ONE transaction, committed at the end; on
        any error nothing of it is kept (a restore from a backup file, for one). Reads inside
        do not see its writes until then."""
        if self._batch is not None:
            raise RuntimeError("all_or_nothing does not nest")
        with self._writing() as session:
            self._batch = session
            try:
                yield
                session.commit()
            finally:
                self._batch = None

    @contextmanager
    def _raw(self, begin: str, doing: str, busy_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Cursor]:
        """A plain sqlite3 cursor in one transaction begun with `begin`, committed at the end
        (rolled back on an error): for reads of years of rows and hot writes, where building ORM
        objects would cost more than the SQL. A disk that refuses is a one-line DatabaseError."""
        try:
            connection = self._connection()
            cursor = connection.cursor()
            if busy_ms != BUSY_TIMEOUT_MS:
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            try:
                cursor.execute(begin)
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    cursor.execute("ROLLBACK")
                raise
            finally:
                if busy_ms != BUSY_TIMEOUT_MS:
                    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                cursor.close()
        except driver_errors() as error:
            raise database_error(self.path, doing, error) from None

    def _reading(self):
        """One read transaction: a consistent snapshot, no write lock."""
        return self._raw("BEGIN DEFERRED", "read")

    def _raw_writing(self):
        """One IMMEDIATE transaction, committed on success."""
        return self._raw("BEGIN IMMEDIATE", "write")

    # --- what the progression engine reads -------------------------------------------------
    def engine_inputs(
        self, before: dt.date, exercise_ids: Iterable[str], key: str, resume: bool = True
    ) -> EngineInputs:
        """The sets, day pains and morning checks the engine needs for a suggestion on `before`.

        With stored checkpoints made under `key` (and all before `before`), only the sets from
        each exercise's look-back on are read; otherwise all of them. One snapshot, so the data
        version read with it says exactly which data the result was computed from.
        """
        ids = sorted(set(exercise_ids))
        marks = ",".join("?" * len(ids))
        with self._reading() as cursor:
            version = cursor.execute("SELECT n FROM engine_data_version").fetchone()[0]
            checkpoints = self._stored_checkpoints(cursor, key, before, ids) if resume else ()
            since: dict[str, dt.date] = {}
            for checkpoint in checkpoints:
                earlier = since.get(checkpoint.exercise_id, checkpoint.lookback_from)
                since[checkpoint.exercise_id] = min(earlier, checkpoint.lookback_from)
            # Sets of exercises without checkpoints all date after every checkpoint's look-back
            # (an earlier one would have wiped the checkpoints), so one bound serves all.
            first = min(since.values()).isoformat() if since else "0000-00-00"
            # CROSS JOIN: sessions first, by their date index (a few weeks of them when resuming).
            sets = _set_facts(cursor.execute(
                f"SELECT {_FACT_COLUMNS} FROM training_session s CROSS JOIN logged_set l "
                f"ON l.session_id = s.id WHERE s.date >= ? AND s.date < ? AND l.exercise_id IN ({marks}) "
                "ORDER BY s.date, l.id",
                (first, before.isoformat(), *ids),
            ))
            if since:
                sets = [f for f in sets if f.exercise_id not in since or f.date >= since[f.exercise_id]]
                day_pain = self._day_pain(cursor, before, ids, marks)
            else:
                day_pain = None
            mornings = [
                MorningCheck(_day(d), Side(side), pain=pain, soreness=soreness)
                for d, side, pain, soreness in cursor.execute(
                    "SELECT date, side, pain, soreness FROM morning_check WHERE date >= ? AND date <= ? "
                    "ORDER BY date, side",
                    (first, before.isoformat()),
                )
            ]
        return EngineInputs(version, checkpoints, sets, day_pain, mornings)

    def checkpoints_fit(self, before: dt.date, exercise_ids: Iterable[str], key: str) -> bool:
        """Are there stored checkpoints a suggestion for `before` can resume from?"""
        with self._reading() as cursor:
            return bool(self._stored_checkpoints(cursor, key, before, sorted(set(exercise_ids))))

    @staticmethod
    def _stored_checkpoints(cursor, key: str, before: dt.date, ids: list[str]) -> tuple[Checkpoint, ...]:
        rows = cursor.execute("SELECT key, state FROM engine_checkpoint").fetchall()
        if not rows or any(row_key != key for row_key, _ in rows):
            return ()
        try:
            checkpoints = tuple(checkpoint_from(json.loads(state)) for _, state in rows)
        except (ValueError, KeyError, TypeError):
            return ()  # a damaged cache: replay from the start (and store fresh ones)
        if any(c.covers_to >= before or c.exercise_id not in ids for c in checkpoints):
            return ()
        return checkpoints

    @staticmethod
    def _day_pain(cursor, before: dt.date, ids: list[str] | None, marks: str) -> tuple[DayPain, ...]:
        only = f"WHERE exercise_id IN ({marks}) " if ids is not None else ""
        worst: dict[tuple[dt.date, Side], int] = {}
        noted: set[tuple[dt.date, Side]] = set()
        for d, side, pain, any_noted in cursor.execute(
            "SELECT s.date, x.side, x.pain, x.noted FROM (SELECT session_id, side, "
            "max(coalesce(pain, 0)) AS pain, max(pain IS NOT NULL) AS noted "
            f"FROM logged_set INDEXED BY ix_logged_set_day_pain {only}"
            "GROUP BY session_id, side) AS x JOIN training_session s ON s.id = x.session_id WHERE s.date < ?",
            (*(ids or ()), before.isoformat()),
        ):
            # 6.9.6: a both-sides set's pain counts for its exercise, not for either side's
            # trend or referrals; its day is still a training day of both sides.
            own = 0 if side == "both" else pain
            for one in _SIDES_OF[side]:
                key = (_day(d), one)
                worst[key] = max(worst.get(key, 0), own)
                if any_noted and side != "both":
                    noted.add(key)
        return tuple(
            DayPain(day, side, pain, (day, side) in noted) for (day, side), pain in worst.items()
        )

    def day_pain(self, before: dt.date) -> tuple[DayPain, ...]:
        """The worst pain of each side per training day before `before`, over every exercise."""
        with self._reading() as cursor:
            return self._day_pain(cursor, before, None, "")

    def exercise_sets(self, exercise_id: str) -> list[SetFacts]:
        """What the engine and the charts read of every set of one exercise, in logging order."""
        with self._reading() as cursor:
            return _set_facts(cursor.execute(
                f"SELECT {_FACT_COLUMNS} FROM logged_set l JOIN training_session s ON s.id = l.session_id "
                "WHERE l.exercise_id = ? ORDER BY s.date, l.id",
                (exercise_id,),
            ))

    def days_per_exercise(self) -> dict[str, int]:
        """On how many days each exercise was logged (from an index alone)."""
        with self._reading() as cursor:
            return dict(cursor.execute(
                "SELECT exercise_id, count(*) FROM (SELECT DISTINCT session_id, exercise_id "
                "FROM logged_set INDEXED BY ix_logged_set_day_pain) GROUP BY exercise_id"
            ))

    def save_engine_checkpoints(self, version: int, key: str, checkpoints: Iterable[Checkpoint]) -> bool:
        """Replace the stored checkpoints, unless the data changed since `version` was read.

        They are a cache: when the database is busy, read-only or full, nothing is stored and
        the next suggestion replays from the start again (False)."""
        rows = [
            (c.exercise_id, c.side.value, c.covers_to.isoformat(), c.lookback_from.isoformat(),
             key, json.dumps(checkpoint_data(c), separators=(",", ":")))
            for c in checkpoints
        ]
        try:
            # Waiting for another writer is not worth it for a cache.
            with self._raw("BEGIN IMMEDIATE", "write", busy_ms=100) as cursor:
                (current,) = cursor.execute("SELECT n FROM engine_data_version").fetchone()
                if current != version:
                    return False  # leaving the block commits nothing: nothing was written
                cursor.execute("DELETE FROM engine_checkpoint")
                cursor.executemany(
                    "INSERT INTO engine_checkpoint (exercise_id, side, covers_to, lookback_from, key, state) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
            return True
        except DatabaseError:
            return False

    def log_set(
        self, day: dt.date, entry: SetEntry, now: dt.datetime, status: str, reopen: bool = False
    ) -> LoggedSet:
        """Write one set into the session of `day`, committed at once.

        A missing session is created with `status`; a planned or skipped one takes `status`;
        with `reopen`, so does a finished one (a set logged after finishing reopens it).
        Plain SQL in one IMMEDIATE transaction: this is the hot path of a session (4 statements).
        """
        stamp = utc_text(now)
        with self._raw_writing() as cursor:
            found = cursor.execute(
                "SELECT id, status FROM training_session WHERE date = ?", (day.isoformat(),)
            ).fetchone()
            if found is None:
                cursor.execute(
                    "INSERT INTO training_session (date, status, started_at, notes) VALUES (?, ?, ?, '')",
                    (day.isoformat(), status, stamp),
                )
                session_id = cursor.lastrowid
            else:
                session_id, current = found
                if current != status and (
                    current in (SessionStatus.PLANNED, SessionStatus.SKIPPED) or reopen
                ):
                    cursor.execute(
                        "UPDATE training_session SET status = ?, started_at = coalesce(started_at, ?), "
                        "finished_at = CASE WHEN ? = 'in_progress' THEN NULL ELSE finished_at END "
                        "WHERE id = ?",
                        (status, stamp, status, session_id),
                    )
            (number,) = cursor.execute(
                "SELECT coalesce(max(set_number), 0) + 1 FROM logged_set "
                "WHERE session_id = ? AND exercise_id = ? AND side = ?",
                (session_id, entry.exercise_id, entry.side.value),
            ).fetchone()
            cursor.execute(
                "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, hold_s, "
                "load_kg, load_band, pain, sharp, stopped_early, technique_ok, logged_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, entry.exercise_id, entry.level, entry.side.value, number, entry.reps,
                 entry.hold_s, entry.load.kg, entry.load.band, entry.pain, entry.sharp,
                 entry.stopped_early, entry.technique_ok, stamp),
            )
            set_id = cursor.lastrowid
        return LoggedSet(
            id=set_id, session_id=session_id, date=day, exercise_id=entry.exercise_id,
            level=entry.level, side=entry.side, set_number=number, reps=entry.reps,
            hold_s=entry.hold_s, load=entry.load, pain=entry.pain, sharp=entry.sharp,
            stopped_early=entry.stopped_early, technique_ok=entry.technique_ok,
            logged_at=dt.datetime.fromisoformat(stamp),
        )

    def session_on(self, day: dt.date) -> TrainingSession | None:
        with self._reading() as cursor:
            row = cursor.execute(
                f"SELECT {_SESSION_COLUMNS} FROM training_session WHERE date = ?", (day.isoformat(),)
            ).fetchone()
        return _to_training_session(row) if row else None

    def unfinished_sessions(self) -> list[TrainingSession]:
        """Sessions still marked in progress (the app was closed or crashed during them)."""
        with self._reading() as cursor:
            rows = cursor.execute(
                f"SELECT {_SESSION_COLUMNS} FROM training_session WHERE status = ? ORDER BY date",
                (SessionStatus.IN_PROGRESS,),
            ).fetchall()
        return [_to_training_session(row) for row in rows]

    def set_session_status(self, day: dt.date, status: str, now: dt.datetime) -> TrainingSession:
        """Start, finish or skip the session of `day` (created if missing), committed at once."""
        from sqlmodel import select

        from trainer.store.tables import SessionRow

        if status not in SessionStatus.ALL:
            raise ValueError(f"unknown session status {status!r}")
        with self._writing() as session:
            row = session.exec(select(SessionRow).where(SessionRow.date == day)).first()
            if row is None:
                row = SessionRow(date=day, status=status)
            row.status = status
            if status == SessionStatus.IN_PROGRESS:
                row.started_at = row.started_at or now
                row.finished_at = None
            elif status == SessionStatus.DONE:
                row.started_at = row.started_at or now
                row.finished_at = now
            session.add(row)
            self._commit(session)
            return _session_from_table(row)

    def import_sets(
        self, rows: list[tuple], status: str
    ) -> tuple[int, int]:
        """Add imported sets (day, entry, logged_at, import key[, set number]) in ONE
        transaction, so a file is imported whole or not at all. Keys already present are skipped;
        without a set number a set gets the next one of its session, exercise and side.
        Returns (added, skipped).

        Plain SQL on the transaction's connection (executemany): a ten-year export is 130,000
        sets, which row objects and per-row flushes would take a minute to write."""
        added = skipped = 0
        with self._writing() as session:
            cursor = _driver_cursor(session)
            keys = {row[3] for row in rows if row[3] is not None}
            existing: set[str] = set()
            if keys:
                existing = {
                    key for (key,) in cursor.execute(
                        "SELECT import_key FROM logged_set WHERE import_key IS NOT NULL"
                    ) if key in keys
                }
            session_ids = {day: id_ for day, id_ in cursor.execute("SELECT date, id FROM training_session")}
            numbers: dict[tuple, int] = {}
            inserts = []
            for day, entry, logged_at, key, *given in rows:
                if key in existing:
                    skipped += 1
                    continue
                if key is not None:
                    existing.add(key)
                stamp = utc_text(logged_at)
                session_id = session_ids.get(day.isoformat())
                if session_id is None:
                    cursor.execute(
                        "INSERT INTO training_session (date, status, started_at, finished_at, notes) "
                        "VALUES (?, ?, ?, ?, '')",
                        (day.isoformat(), status, stamp, stamp),
                    )
                    session_id = session_ids[day.isoformat()] = cursor.lastrowid
                slot = (session_id, entry.exercise_id, entry.side.value)
                if slot not in numbers:
                    numbers[slot] = cursor.execute(
                        "SELECT coalesce(max(set_number), 0) FROM logged_set "
                        "WHERE session_id = ? AND exercise_id = ? AND side = ?",
                        slot,
                    ).fetchone()[0]
                numbers[slot] += 1
                number = given[0] if given and given[0] else numbers[slot]
                numbers[slot] = max(numbers[slot], number)
                inserts.append((
                    session_id, entry.exercise_id, entry.level, entry.side.value, number,
                    entry.reps, entry.hold_s, entry.load.kg, entry.load.band, entry.pain,
                    entry.sharp, entry.stopped_early, entry.technique_ok, stamp, key,
                ))
                added += 1
            cursor.executemany(
                "INSERT INTO logged_set (session_id, exercise_id, level, side, set_number, reps, "
                "hold_s, load_kg, load_band, pain, sharp, stopped_early, technique_ok, logged_at, "
                "import_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            self._commit(session)
        return added, skipped

    def reload_import_loads(self, loads: list[tuple[str, float | None]]) -> int:
        """Set the weight of sets imported before under these import keys (a file imported again
        with the other --weight-unit), in one transaction; returns how many changed."""
        if not loads:
            return 0
        with self._writing() as session:
            cursor = _driver_cursor(session)
            cursor.executemany(
                "UPDATE logged_set SET load_kg = ? WHERE import_key = ? AND load_kg IS NOT ?",
                [(kg, key, kg) for key, kg in loads],
            )
            changed = cursor.rowcount
            self._commit(session)
        return changed

    def restore_session(self, restored: TrainingSession) -> TrainingSession:
        """Write a session exactly as exported (status, times, notes): for a restore only."""
        from sqlmodel import select

        from trainer.store.tables import SessionRow

        with self._writing() as session:
            row = session.exec(select(SessionRow).where(SessionRow.date == restored.date)).first()
            row = row or SessionRow(date=restored.date)
            row.status = restored.status
            row.started_at = restored.started_at
            row.finished_at = restored.finished_at
            row.notes = restored.notes
            session.add(row)
            self._commit(session)
            return _session_from_table(row)

    def sessions(self) -> list[TrainingSession]:
        with self._reading() as cursor:
            rows = cursor.execute(f"SELECT {_SESSION_COLUMNS} FROM training_session ORDER BY date").fetchall()
        return [_to_training_session(row) for row in rows]

    def delete_set(self, set_id: int) -> LoggedSet | None:
        """Remove one logged set (undo, or a deletion the person confirmed); committed at once."""
        from sqlmodel import col, select

        from trainer.store.tables import SessionRow, SetRow

        with self._writing() as session:
            found = session.exec(
                select(SetRow, col(SessionRow.date)).join(SessionRow).where(SetRow.id == set_id)
            ).first()
            if found is None:
                return None
            row, day = found
            removed = _to_logged_set(row, day)
            session.delete(row)
            self._commit(session)
            return removed

    def update_set(self, set_id: int, entry: SetEntry) -> LoggedSet | None:
        """Correct a logged set's values (same session, exercise, side and set number)."""
        from sqlmodel import col, select

        from trainer.store.tables import SessionRow, SetRow

        with self._writing() as session:
            found = session.exec(
                select(SetRow, col(SessionRow.date)).join(SessionRow).where(SetRow.id == set_id)
            ).first()
            if found is None:
                return None
            row, day = found
            row.level = entry.level
            row.reps = entry.reps
            row.hold_s = entry.hold_s
            row.load_kg = entry.load.kg
            row.load_band = entry.load.band
            row.pain = entry.pain
            row.sharp = entry.sharp
            row.stopped_early = entry.stopped_early
            row.technique_ok = entry.technique_ok
            session.add(row)
            self._commit(session)
            return _to_logged_set(row, day)

    def history(
        self, since: dt.date | None = None, exercise_id: str | None = None, until: dt.date | None = None
    ) -> list[LoggedSet]:
        """Logged sets, newest first (by date, then by the order they were logged)."""
        where, args = ["s.date >= ?"], [since.isoformat() if since else "0000-00-00"]
        if until is not None:
            where.append("s.date <= ?")
            args.append(until.isoformat())
        if exercise_id is not None:
            where.append("l.exercise_id = ?")
            args.append(exercise_id)
        with self._reading() as cursor:
            rows = cursor.execute(
                f"SELECT s.date, {_SET_COLUMNS} FROM training_session s CROSS JOIN logged_set l "
                f"ON l.session_id = s.id WHERE {' AND '.join(where)} ORDER BY s.date DESC, l.id DESC",
                args,
            )
            return _logged_sets(rows)

    def iter_sets_oldest_first(self, chunk: int = 2000) -> Iterator[LoggedSet]:
        """Every logged set, oldest first (by date, then as logged), read a chunk at a time in
        one snapshot, so an export of years never holds them all."""
        return self._iter_sets("ORDER BY s.date, l.id", (), chunk)

    def iter_history(self, since: dt.date | None = None, chunk: int = 2000) -> Iterator[LoggedSet]:
        """`history(since)`, newest first, read a chunk at a time in one snapshot."""
        first = since.isoformat() if since else "0000-00-00"
        return self._iter_sets("WHERE s.date >= ? ORDER BY s.date DESC, l.id DESC", (first,), chunk)

    def _iter_sets(self, where_and_order: str, args: tuple, chunk: int) -> Iterator[LoggedSet]:
        with self._reading() as cursor:
            cursor.execute(
                f"SELECT s.date, {_SET_COLUMNS} FROM training_session s CROSS JOIN logged_set l "
                f"ON l.session_id = s.id {where_and_order}",
                args,
            )
            while rows := cursor.fetchmany(chunk):
                yield from _logged_sets(rows)

    def day_totals(self) -> list[DayTotals]:
        """Every training day's totals per side, newest first, counted by SQLite."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT s.date, count(*), count(DISTINCT l.exercise_id), "
                "sum(l.side != 'right'), sum(l.side != 'left'), "
                "max(CASE WHEN l.side != 'right' THEN l.pain END), "
                "max(CASE WHEN l.side != 'left' THEN l.pain END), "
                "max(CASE WHEN l.side != 'right' THEN l.sharp ELSE 0 END), "
                "max(CASE WHEN l.side != 'left' THEN l.sharp ELSE 0 END) "
                "FROM training_session s JOIN logged_set l ON l.session_id = s.id "
                "GROUP BY s.id ORDER BY s.date DESC"
            ).fetchall()
        return [
            DayTotals(_day(d), sets, exercises, left, right, pain_l, pain_r, bool(sharp_l), bool(sharp_r))
            for d, sets, exercises, left, right, pain_l, pain_r, sharp_l, sharp_r in rows
        ]

    def last_sets_before(self, day: dt.date) -> list[LoggedSet]:
        """For every exercise and side, the sets of the last day before `day` that side did it
        (a set logged for both sides counts for each); read newest first, only as far back as
        needed."""
        with self._reading() as cursor:
            # From the index alone; a pair done only on or after `day` just means reading on.
            wanted = {
                (exercise_id, one)
                for exercise_id, side in cursor.execute("SELECT DISTINCT exercise_id, side FROM logged_set")
                for one in _SIDES_OF[side]
            }
            last: dict[tuple[str, Side], str] = {}
            rows = []
            for row in cursor.execute(
                f"SELECT s.date, {_SET_COLUMNS} FROM training_session s CROSS JOIN logged_set l "
                "ON l.session_id = s.id WHERE s.date < ? ORDER BY s.date DESC, l.id DESC",
                (day.isoformat(),),
            ):
                date_text, exercise_id = row[0], row[3]
                if len(last) == len(wanted) and date_text < min(last.values()):
                    break  # every side's last day is on or after this one
                keep = False
                for side in _SIDES_OF[row[5]]:
                    if last.setdefault((exercise_id, side), date_text) == date_text:
                        keep = True
                if keep:
                    rows.append(row)
            return _logged_sets(rows)

    def trained_dates(self, first: dt.date | None = None, last: dt.date | None = None) -> set[dt.date]:
        """The days with at least one logged set."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT date FROM training_session s WHERE date >= ? AND date <= ? "
                "AND EXISTS (SELECT 1 FROM logged_set l WHERE l.session_id = s.id)",
                (first.isoformat() if first else "0000-00-00", last.isoformat() if last else "9999-99-99"),
            )
            return {dt.date.fromisoformat(d) for (d,) in rows}

    def standing(self, exercise_id: str, side: Side) -> Standing | None:
        """The level and load of the side's most recently performed set of this exercise."""
        with self._reading() as cursor:
            row = cursor.execute(
                "SELECT l.level, l.load_kg, l.load_band FROM logged_set l "
                "JOIN training_session s ON s.id = l.session_id "
                "WHERE l.exercise_id = ? AND l.side = ? ORDER BY s.date DESC, l.id DESC LIMIT 1",
                (exercise_id, side.value),
            ).fetchone()
        if row is None:
            return None
        level, kg, band = row
        return Standing(level=level, load=Load(kg=kg, band=band))

    def plans(self) -> list[Plan]:
        """Every plan version, oldest first."""
        with self._reading() as cursor:
            rows = cursor.execute(f"SELECT {_PLAN_COLUMNS} FROM plan ORDER BY id").fetchall()
        return [_to_plan(row) for row in rows]

    def add_plan(self, plan: Plan, now: dt.datetime) -> Plan:
        """Store a new plan version; earlier versions stay as the history of what was planned."""
        from trainer.store.tables import PlanRow

        with self._writing() as session:
            session.add(
                PlanRow(
                    weekdays=plan.days_text,
                    start_date=plan.start,
                    involved_side=plan.involved_side.value if plan.involved_side else None,
                    session_minutes=plan.minutes,
                    created_at=now,
                    rrule=plan.rule,
                    effective_from=plan.effective_from,
                )
            )
            self._commit(session)
        return plan

    def training_days(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> dict[dt.date, DaySummary]:
        """What was trained on each day with logged sets: exercise ids and worst pain per side."""
        where, args = _date_range("s.date", first, last)
        days: dict[dt.date, DaySummary] = {}
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT s.date, l.exercise_id, l.side, max(l.pain) FROM logged_set l "
                f"JOIN training_session s ON s.id = l.session_id {where} "
                "GROUP BY s.date, l.exercise_id, l.side",
                args,
            ).fetchall()
        for day_text, exercise_id, side, pain in rows:
            day = _day(day_text)
            summary = days.setdefault(day, DaySummary(day))
            summary.exercises.add(exercise_id)
            for one in (s.value for s in _SIDES_OF[side]):
                if pain is not None:
                    current = summary.pain.get(one)
                    summary.pain[one] = pain if current is None else max(current, pain)
        return days

    def record_assessment(self, result: AssessmentResult, now: dt.datetime) -> AssessmentResult:
        """Store one test result; the same test, side and day again replaces it (a correction)."""
        from sqlmodel import select

        from trainer.store.tables import AssessmentRow

        with self._writing() as session:
            row = session.exec(
                select(AssessmentRow).where(
                    AssessmentRow.date == result.date,
                    AssessmentRow.test_id == result.test_id,
                    AssessmentRow.side == result.side.value,
                )
            ).first() or AssessmentRow(
                date=result.date, test_id=result.test_id, side=result.side.value, value=0, recorded_at=now
            )
            row.value, row.pain, row.recorded_at = result.value, result.pain, now
            session.add(row)
            self._commit(session)
        return result

    def assessment_results(self) -> list[AssessmentResult]:
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT date, test_id, side, value, pain FROM assessment_result ORDER BY date, id"
            ).fetchall()
        return [
            AssessmentResult(_day(day), test_id, Side(side), value, pain) for day, test_id, side, value, pain in rows
        ]

    def plan_start(self) -> dt.date | None:
        """The earliest start date of any plan (the programme's start, with the first session)."""
        with self._reading() as cursor:
            (first,) = cursor.execute("SELECT min(start_date) FROM plan").fetchone()
        return _day(first) if first else None

    def count_sets(self) -> int:
        with self._reading() as cursor:
            (count,) = cursor.execute("SELECT count(*) FROM logged_set").fetchone()
        return count

    def record_morning(self, check: MorningCheck, now: dt.datetime) -> MorningCheck:
        """Store a next-morning check; a second one for the same date and side replaces the first.

        Side BOTH is stored as one row per side, so each side's history reads the same way.
        """
        from sqlmodel import select

        from trainer.store.tables import MorningRow

        sides = check.side.each
        with self._writing() as session:
            for side in sides:
                row = session.exec(
                    select(MorningRow).where(
                        MorningRow.date == check.date, MorningRow.side == side.value
                    )
                ).first()
                # A second entry for the same morning is a correction, not a second opinion.
                row = row or MorningRow(date=check.date, side=side.value, pain=check.pain, recorded_at=now)
                row.pain = check.pain
                row.soreness = check.soreness
                row.recorded_at = now
                session.add(row)
            self._commit(session)
        return check

    def first_week_mornings(self) -> list[MorningCheck]:
        """Each side's morning checks of the seven days from its first one, oldest first: what
        the usual-pain estimate reads (6.9.8, core.usual_pain). A few rows, by the date index."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT m.date, m.side, m.pain, m.soreness FROM morning_check m "
                "JOIN (SELECT side, min(date) AS first FROM morning_check GROUP BY side) f "
                "ON m.side = f.side WHERE m.date <= date(f.first, '+6 days') "
                "ORDER BY m.date, m.side"
            ).fetchall()
        return [
            MorningCheck(_day(d), Side(side), pain=pain, soreness=soreness)
            for d, side, pain, soreness in rows
        ]

    def morning_checks(
        self, until: dt.date | None = None, since: dt.date | None = None
    ) -> list[MorningCheck]:
        """Morning checks dated from `since` to `until` (all without them), oldest first, left first."""
        where, args = _date_range("date", since, until)
        with self._reading() as cursor:
            rows = cursor.execute(
                f"SELECT date, side, pain, soreness FROM morning_check {where} ORDER BY date, side", args
            ).fetchall()
        return [MorningCheck(_day(day), Side(side), pain=pain, soreness=soreness) for day, side, pain, soreness in rows]

    def settings(self) -> Settings:
        """The saved settings, or the defaults if none were ever saved."""
        with self._reading() as cursor:
            row = cursor.execute(
                f"SELECT {_SETTINGS_COLUMNS} FROM settings WHERE id = ?", (SETTINGS_ROW_ID,)
            ).fetchone()
        return Settings() if row is None else _to_settings(row)

    def save_settings(self, settings: Settings, now: dt.datetime) -> Settings:
        """Replace the settings row with `settings` (already checked by the caller)."""
        from trainer.store.tables import SettingsRow

        with self._writing() as session:
            row = session.get(SettingsRow, SETTINGS_ROW_ID) or SettingsRow(id=SETTINGS_ROW_ID, updated_at=now)
            row.baseline_pain_left = settings.baseline_pain_left
            row.baseline_pain_right = settings.baseline_pain_right
            row.involved_side = settings.involved_side.value if settings.involved_side else None
            row.dumbbells_kg = ",".join(_kg_text(kg) for kg in settings.dumbbells_kg)
            row.bands = None if settings.bands is None else ",".join(settings.bands)
            row.seen_professional = settings.seen_professional
            row.updated_at = now
            session.add(row)
            self._commit(session)
        # What was stored (inside a restore's batch a plain read would not see it yet).
        return settings

    def add_visit(self, day: dt.date, now: dt.datetime) -> bool:
        """Record a visit to a professional on `day` (already checked by the caller); the settings'
        `seen_professional` becomes the latest visit. False when that day was recorded before."""
        from sqlmodel import select

        from trainer.store.tables import SettingsRow, VisitRow

        with self._writing() as session:
            there = session.exec(select(VisitRow).where(VisitRow.date == day)).first()
            if there is None:
                session.add(VisitRow(date=day, recorded_at=now))
            row = session.get(SettingsRow, SETTINGS_ROW_ID)
            if row is None:
                row = SettingsRow(id=SETTINGS_ROW_ID, updated_at=now)
            if row.seen_professional is None or row.seen_professional < day:
                row.seen_professional = day
                row.updated_at = now
            session.add(row)
            self._commit(session)
            return there is None

    def record_pain_choice(
        self, day: dt.date, exercise_id: str, side: Side, carry_on: bool, now: dt.datetime
    ) -> None:
        """Keep the choice after pain on `side` (a later choice the same day replaces it)."""
        from sqlmodel import select

        from trainer.store.tables import PainChoiceRow

        with self._writing() as session:
            row = session.exec(select(PainChoiceRow).where(
                PainChoiceRow.date == day, PainChoiceRow.exercise_id == exercise_id,
                PainChoiceRow.side == side.value,
            )).first() or PainChoiceRow(date=day, exercise_id=exercise_id, side=side.value,
                                        carry_on=carry_on, recorded_at=now)
            row.carry_on, row.recorded_at = carry_on, now
            session.add(row)
            self._commit(session)

    def pain_choices(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[tuple[dt.date, str, Side, bool]]:
        """The choices after pain: (date, exercise id, side that hurt, carried on), oldest first."""
        where, args = _date_range("date", first, last)
        with self._reading() as cursor:
            rows = cursor.execute(
                f"SELECT date, exercise_id, side, carry_on FROM pain_stop_choice {where} ORDER BY date, id", args
            ).fetchall()
        return [(_day(day), exercise_id, Side(side), bool(carry_on)) for day, exercise_id, side, carry_on in rows]

    def save_name_maps(self, app: str, maps: dict[str, tuple[str, int | None]]) -> None:
        """Remember the person's names for catalogue exercises for `app` (a name mapped again
        takes its new target)."""
        from sqlmodel import select

        from trainer.store.tables import ImportNameMapRow

        if not maps:
            return
        with self._writing() as session:
            for name, (exercise_id, level) in maps.items():
                row = session.exec(select(ImportNameMapRow).where(
                    ImportNameMapRow.app == app, ImportNameMapRow.name == name
                )).first() or ImportNameMapRow(app=app, name=name, exercise_id=exercise_id)
                row.exercise_id, row.level = exercise_id, level
                session.add(row)
            self._commit(session)

    def name_maps(self, app: str | None = None) -> list[tuple[str, str, str, int | None]]:
        """The remembered names: (app, name, exercise id, level), by app and name."""
        where, args = ("WHERE app = ?", (app,)) if app is not None else ("", ())
        with self._reading() as cursor:
            rows = cursor.execute(
                f"SELECT app, name, exercise_id, level FROM import_name_map {where} ORDER BY app, name", args
            ).fetchall()
        return [(app_, name, exercise_id, level) for app_, name, exercise_id, level in rows]

    def visits(self, until: dt.date | None = None) -> list[dt.date]:
        """The days a professional saw the person, oldest first (those on or before `until`)."""
        where, args = _date_range("date", None, until)
        with self._reading() as cursor:
            rows = cursor.execute(f"SELECT date FROM visit {where} ORDER BY date", args).fetchall()
        return [_day(day) for (day,) in rows]

    def record_symptoms(self, answers: SymptomAnswers, now: dt.datetime) -> SymptomAnswers:
        """Add one checklist answer; earlier answers are kept (the latest one counts)."""
        from trainer.store.tables import SymptomAnswerRow

        with self._writing() as session:
            row = SymptomAnswerRow(
                date=answers.date,
                yes_ids=",".join(sorted(answers.yes)),
                recorded_at=now,
                mistaken=answers.mistaken,
            )
            session.add(row)
            self._commit(session)
            return replace(answers, id=row.id)

    def mark_symptoms_mistaken(self, answer_id: int) -> SymptomAnswers | None:
        """Mark one checklist answer as given by mistake; None when it no longer exists."""
        from trainer.store.tables import SymptomAnswerRow

        with self._writing() as session:
            row = session.get(SymptomAnswerRow, answer_id)
            if row is None:
                return None
            row.mistaken = True
            session.add(row)
            self._commit(session)
            return SymptomAnswers(date=row.date, yes=frozenset(_comma_list(row.yes_ids)), mistaken=True, id=row.id)

    def symptom_answers(
        self, until: dt.date | None = None, latest_only: bool = False
    ) -> list[SymptomAnswers]:
        """Checklist answers dated on or before `until`, oldest first (a day's in recorded order);
        with `latest_only`, just the one that counts (the last of the latest day)."""
        where, args = _date_range("date", None, until)
        order = "ORDER BY date DESC, id DESC LIMIT 1" if latest_only else "ORDER BY date, id"
        with self._reading() as cursor:
            rows = cursor.execute(f"SELECT {_SYMPTOM_COLUMNS} FROM symptom_answer {where} {order}", args).fetchall()
        return [_to_symptom_answers(row) for row in rows]

    # --- prescriptions (issue 19) -----------------------------------------------------------
    def add_prescription(self, starts_on: dt.date, source: str, text: str, data: dict, now: dt.datetime) -> int:
        """Keep a loaded prescription (in force from `starts_on`); returns its id."""
        from trainer.store.tables import PrescriptionRow

        # Through the session: inside a restore's batch this is that one transaction.
        with self._writing() as session:
            row = PrescriptionRow(
                starts_on=starts_on, loaded_at=now, source=source, text=text, data=json.dumps(data, sort_keys=True)
            )
            session.add(row)
            self._commit(session)
            return _written_id(row.id)

    def prescriptions(self) -> list[LoadedPrescription]:
        """Every loaded prescription, oldest start first."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT id, starts_on, source, data, text FROM prescription ORDER BY starts_on, id"
            ).fetchall()
        return [
            LoadedPrescription(id_, _day(starts_on), source, prescription_from_json(json.loads(data)), text)
            for id_, starts_on, source, data, text in rows
        ]
