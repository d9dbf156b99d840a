"""The only database module: SQLModel tables, the SQLite engine, migrations, and a repository.

Table classes never leave this module; the repository hands out core dataclasses.

Safety rules kept here:
- a file that is not a trainer database, is damaged or read-only is refused and never written to;
- the database file (and its WAL/SHM companions, which SQLite creates with the same mode) is 0600;
- before a migration changes an existing database, a backup copy is written next to it;
- every logged set is its own committed transaction (WAL, synchronous=NORMAL: a commit survives
  the process being killed; only a power cut can lose the last moments);
- reads begin deferred and never wait for a writer; writes take the lock up front (IMMEDIATE);
- a disk that refuses a read or write gives a one-line DatabaseError, with nothing half-written.

Years of history: SQLModel serves the ordinary reads and writes; the reads of thousands of rows
(the engine's inputs, history, exports) and the hot writes (logging a set, importing a file) use
plain SQL on the same connections, building core dataclasses straight from rows. The engine's
checkpoints (`engine_checkpoint`) are derived data that SQLite triggers wipe when older data
changes (migration 0007).
"""

import datetime as dt
import json
import os
import sqlite3
import stat
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    MetaData,
    String,
    UniqueConstraint,
    event,
    func,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, Session, SQLModel, create_engine, select

from trainer.core.assessment import AssessmentResult
from trainer.core.entry import Standing
from trainer.core.errors import DatabaseError
from trainer.core.model import (
    Load,
    LoggedSet,
    MorningCheck,
    SetEntry,
    SetFacts,
    Settings,
    Side,
    SymptomAnswers,
    TrainingSession,
)
from trainer.core.plan import WEEKDAY_NAMES, Plan, weekly_rule
from trainer.core.progression import Checkpoint, DayPain, checkpoint_data, checkpoint_from
from trainer.core.session import DayTotals

# Marks a file as ours (PRAGMA application_id), so a foreign SQLite file is recognised and refused.
APPLICATION_ID = 0x54524E52  # "TRNR"
# The newest migration in migrations/versions; a test keeps it equal to Alembic's head.
SCHEMA_REVISION = "0012"
KNOWN_REVISIONS = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012",
)
BUSY_TIMEOUT_MS = 5000
_READ_ONLY = "trainer_read_only"
# What SQLite (directly or through SQLAlchemy) raises when the disk or folder lets it down.
_DRIVER_ERRORS = (
    sqlite3.OperationalError,
    OperationalError,
)  # execution option: this connection's transaction only reads
_SQLITE_HEADER = b"SQLite format 3\x00"

# Named constraints keep batch migrations (SQLite's copy-and-move ALTER TABLE) predictable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _utc_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a time zone")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


class UTCDateTime(TypeDecorator):
    """A UTC timestamp stored as ISO text; SQLite has no time zones and would hand back naive times."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> str | None:
        return None if value is None else _utc_text(value)

    def process_result_value(self, value: str | None, dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class SessionStatus:
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"
    ALL = (PLANNED, IN_PROGRESS, DONE, SKIPPED)


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    weekdays: str = Field(description="comma list of mon..sun")
    start_date: dt.date
    involved_side: str | None = Field(default=None, description="left, right or null if unknown")
    session_minutes: int | None = Field(default=None)
    created_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    rrule: str | None = Field(default=None, description="the schedule, RFC 5545 RRULE text")
    effective_from: dt.date | None = Field(default=None)


class SessionRow(SQLModel, table=True):
    __tablename__ = "training_session"

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(unique=True, index=True)
    status: str = Field(default=SessionStatus.PLANNED)
    started_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    finished_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    notes: str = Field(default="")


class SetRow(SQLModel, table=True):
    __tablename__ = "logged_set"
    __table_args__ = (
        Index("ix_logged_set_exercise_side", "exercise_id", "side", "id"),
        # Covering: the engine's per-day side pain over years reads only this index.
        Index("ix_logged_set_day_pain", "session_id", "side", "exercise_id", "pain"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="training_session.id", index=True)
    exercise_id: str
    level: int
    side: str
    set_number: int
    reps: int | None = None
    hold_s: int | None = None
    load_kg: float | None = None
    load_band: str | None = None
    pain: int | None = None
    sharp: bool = False
    stopped_early: bool = False
    technique_ok: bool = True
    logged_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Set by an import (file format and row), so the same file imported twice adds nothing.
    import_key: str | None = Field(default=None, sa_column_kwargs={"unique": True}, index=True)


class MorningRow(SQLModel, table=True):
    """Next-morning pain and soreness of one side, for the training day before `date`."""

    __tablename__ = "morning_check"
    __table_args__ = (UniqueConstraint("date", "side", name="uq_morning_check_date_side"),)

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    side: str
    pain: int
    soreness: int | None = None
    recorded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


SETTINGS_ROW_ID = 1


class SettingsRow(SQLModel, table=True):
    """The person's settings: one row (id 1), absent until they are first saved."""

    __tablename__ = "settings"
    __table_args__ = (CheckConstraint(f"id = {SETTINGS_ROW_ID}", name="single_row"),)

    id: int | None = Field(default=None, primary_key=True)
    # The usual pain on waking; null: not recorded, the engine estimates it (migration 0012).
    baseline_pain_left: int | None = None
    baseline_pain_right: int | None = None
    involved_side: str | None = Field(default=None, description="left, right or null if unknown")
    dumbbells_kg: str = Field(
        default="", sa_column_kwargs={"server_default": ""}, description="comma list, ascending"
    )
    bands: str | None = Field(
        default=None, description="comma list light to heavy; null: the catalogue's colours"
    )
    # The latest visit to a professional (the `visit` table holds them all, migration 0009).
    seen_professional: dt.date | None = None
    updated_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SymptomAnswerRow(SQLModel, table=True):
    """One answer to the red-flag checklist; several a day are kept, the latest counts."""

    __tablename__ = "symptom_answer"

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    yes_ids: str = Field(description="comma list of symptom ids answered yes; empty: none")
    recorded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Marked by the person as given by mistake: it no longer counts (migration 0008).
    mistaken: bool = Field(default=False, sa_column_kwargs={"server_default": text("0")})


class VisitRow(SQLModel, table=True):
    """One visit to a doctor or physiotherapist, by its date (6.9.14); a date is recorded once."""

    __tablename__ = "visit"
    __table_args__ = (UniqueConstraint("date", name="uq_visit_date"),)

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    recorded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class PainChoiceRow(SQLModel, table=True):
    """After red or sharp pain on one side, what the person chose for that exercise that day:
    stop it for both sides, or carry on with the other side (issue 15.4; migration 0010)."""

    __tablename__ = "pain_stop_choice"
    __table_args__ = (
        UniqueConstraint("date", "exercise_id", "side", name="uq_pain_stop_choice"),
    )

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    exercise_id: str
    side: str  # the side that hurt: left or right
    carry_on: bool  # True: the other side carried on; False: stopped for both
    recorded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ImportNameMapRow(SQLModel, table=True):
    """A name in another app's export mapped to a catalogue exercise (and level) by the person
    (`trainer import --map`), kept for that app's next import (issue 16.1; migration 0011)."""

    __tablename__ = "import_name_map"
    __table_args__ = (UniqueConstraint("app", "name", name="uq_import_name_map"),)

    id: int | None = Field(default=None, primary_key=True)
    app: str  # the export format: strong, hevy or fitnotes
    name: str  # as the person wrote it in --map
    exercise_id: str
    level: int | None = None


class AssessmentRow(SQLModel, table=True):
    """One self-assessment value of one test and side on one day (a repeat corrects it)."""

    __tablename__ = "assessment_result"
    __table_args__ = (
        UniqueConstraint("date", "test_id", "side", name="uq_assessment_result_date_test_side"),
    )

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date
    test_id: str
    side: str
    value: int
    pain: int | None = None
    recorded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


# --- opening a database file ------------------------------------------------------------------


class EngineCheckpointRow(SQLModel, table=True):
    """The progression engine's checkpoint for one exercise and side (derived data: see
    migrations/versions/0007 for the triggers that wipe these when older data changes)."""

    __tablename__ = "engine_checkpoint"

    exercise_id: str = Field(primary_key=True)
    side: str = Field(primary_key=True)
    covers_to: dt.date
    lookback_from: dt.date
    key: str = Field(description="core.progression.checkpoint_key the checkpoints were made under")
    state: str = Field(description="core.progression.checkpoint_data as JSON")


class EngineDataVersionRow(SQLModel, table=True):
    """A counter the triggers bump on every change the engine reads (one row, id 1)."""

    __tablename__ = "engine_data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int | None = Field(default=None, primary_key=True)
    n: int = 0


@dataclass(frozen=True)
class FileState:
    """What is at the database path before trainer touches it."""

    exists: bool
    revision: str | None  # None: new or empty file


def inspect_file(path: Path) -> FileState:
    """Look at the file read-only and refuse anything that is not a usable trainer database."""
    try:
        exists = path.exists()
    except OSError as error:  # a name too long for the file system, for one
        raise DatabaseError(f"cannot use {path} as the database: {error.strerror}") from None
    if not exists:
        return FileState(exists=False, revision=None)
    if not path.is_file():
        raise DatabaseError(f"{path} is not a file; give --db a file path")
    if path.stat().st_size == 0:
        return FileState(exists=True, revision=None)
    with open(path, "rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise DatabaseError(
            f"{path} is not a trainer database (not an SQLite file); it was left untouched. "
            "Use --db to choose another file."
        )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            f"{path} cannot be read as a database ({error}); it was left untouched"
        ) from None
    if check != "ok":
        raise DatabaseError(
            f"{path} is damaged (integrity check: {check}); it was left untouched. "
            "Restore a backup (trainer.db.backup-*) or move the file away."
        )
    if app_id != APPLICATION_ID and (tables or app_id != 0):
        raise DatabaseError(
            f"{path} is an SQLite file of another program, not a trainer database; "
            "it was left untouched. Use --db to choose another file."
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path} was written by a newer version of trainer (schema {revision}); "
            "upgrade trainer to open it. The file was left untouched."
        )
    if revision == SCHEMA_REVISION:
        # A table gone from an up-to-date file (dropped by hand or by a tool) would take sets
        # now and fail later: refuse the file untouched instead (issue 18.7).
        missing = sorted(set(SQLModel.metadata.tables) - tables)
        if missing:
            raise DatabaseError(
                f"{path} is damaged: its table {missing[0]} is missing; it was left untouched. "
                "Restore a backup (trainer.db.backup-*) or a JSON export into a new file."
            )
    return FileState(exists=True, revision=revision)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _make_private(path: Path) -> None:
    """Take away group and other access; a file its owner made read-only is refused, not
    made writable behind their back."""
    # The file's own mode, not only os.access: for root, access() says yes to a 0400 file.
    if not os.access(path, os.W_OK) or not stat.S_IMODE(path.stat().st_mode) & stat.S_IWUSR:
        raise DatabaseError(
            f"{path} is read-only, and trainer writes to its database; it was left untouched "
            "(make it writable, or use --db to choose another file)"
        )
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                os.chmod(candidate, mode & 0o700)


def backup_copy(path: Path, revision: str, now: dt.datetime) -> Path:
    """A consistent copy of the database (SQLite's backup API, WAL included), private like it.

    Written under a temporary name and renamed when complete, so a full disk leaves no
    half-copy that looks like a backup; DatabaseError then, with the database untouched."""
    target = path.with_name(
        f"{path.name}.backup-{revision}-{now.astimezone(dt.UTC):%Y%m%dT%H%M%S}"
    )
    partial = target.with_name(target.name + ".partial")
    try:
        copy_database(path, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DatabaseError(
            f"cannot write a backup of {path} before updating it ({reason}); the database was "
            "left untouched"
        ) from None
    return target


def copy_database(path: Path, target: Path) -> Path:
    """Copy an SQLite file consistently (its WAL included) to a new file readable by its owner only."""
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def _configure_sqlite(engine: Engine, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so DDL in a
        # migration is transactional too (pysqlite would otherwise autocommit it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # IMMEDIATE takes the write lock up front: two processes logging at once wait for each
        # other (busy timeout) instead of failing on a read-to-write upgrade. Reads begin
        # deferred, so a screen refreshing never blocks a writer in another terminal.
        if connection.get_execution_options().get(_READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _engine_for(path: Path, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine, foreign_keys)
    return engine


def migrate(path: Path, migrations_dir: Path, to: str = "head") -> None:
    """Apply Alembic migrations to `path` (foreign keys off during batch copies, checked after)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    engine = _engine_for(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            config.attributes["connection"] = connection
            command.upgrade(config, to)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(f"migration left broken references in {path}: {problems[:3]}")
    finally:
        engine.dispose()


_WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit: checksums of big-endian words


def _wal_checksum(data: bytes, s1: int, s2: int, order: str) -> tuple[int, int]:
    """SQLite's WAL checksum (a Fibonacci-weighted sum of 32-bit words), continued from s1, s2."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def torn_wal(path: Path) -> bool:
    """Does the write-ahead log beside the database hold a frame that fails its checksum with
    frames of the same checkpoint after it? SQLite's recovery stops at the first bad frame and
    drops the committed transactions behind it without a word (issue 18.8). A bad frame at the
    very end is a write cut short by a crash, which loses nothing committed."""
    wal = Path(f"{path}-wal")
    try:
        data = wal.read_bytes()
    except OSError:
        return False
    if len(data) < 32:
        return False
    magic, _version, page_size, _checkpoint, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in _WAL_MAGIC or not 512 <= page_size <= 65536:
        return False
    order = ">" if magic & 1 else "<"
    frame = 24 + page_size
    frames = (len(data) - 32) // frame
    if _wal_checksum(data[:24], 0, 0, order) != (c1, c2):
        return frames > 0  # a damaged header: SQLite ignores every frame behind it
    s1, s2 = c1, c2
    for index in range(frames):
        start = 32 + index * frame
        header = data[start:start + 24]
        _page, _size, f1, f2, fc1, fc2 = struct.unpack(">6I", header)
        if (f1, f2) != (salt1, salt2):
            return False  # frames of an earlier checkpoint: the log ends here
        s1, s2 = _wal_checksum(header[:8] + data[start + 24:start + frame], s1, s2, order)
        if (s1, s2) != (fc1, fc2):
            later = range(index + 1, frames)
            return any(
                struct.unpack(">2I", data[32 + j * frame + 8:32 + j * frame + 16]) == (salt1, salt2)
                for j in later
            )
    return False


def keep_torn_wal(path: Path, now: dt.datetime) -> Path:
    """A private copy of a torn write-ahead log, before SQLite's recovery drops part of it."""
    copy = path.with_name(f"{path.name}-wal.torn-{now.astimezone(dt.UTC):%Y%m%dT%H%M%S}")
    fd = os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(Path(f"{path}-wal").read_bytes())
    return copy


def open_store(path: Path, migrations_dir: Path, now: dt.datetime | None = None) -> "Store":
    """Open (creating if needed) the trainer database at `path`, migrating it to the current schema."""
    path = Path(path)
    notices = []
    if torn_wal(path):
        try:
            copy = keep_torn_wal(path, now or dt.datetime.now(dt.UTC))
        except OSError as error:
            raise DatabaseError(
                f"{path}: its write-ahead log is damaged and could not be copied aside "
                f"({error.strerror}); the database was left untouched"
            ) from None
        notices.append(
            f"The database's write-ahead log ({path}-wal) is damaged: sets logged since the "
            f"last checkpoint may be lost. A copy of it is kept at {copy}; show it to whoever "
            "helps you with your data, and check your last sessions."
        )
    state = inspect_file(path)
    if not state.exists:
        try:
            _create_private_file(path)
        except OSError as error:
            raise DatabaseError(f"cannot create the database {path}: {error.strerror}") from None
    _make_private(path)
    if state.revision != SCHEMA_REVISION:
        if state.revision is not None:
            backup_copy(path, state.revision, now or dt.datetime.now(dt.UTC))
        try:
            migrate(path, migrations_dir)
        except _DRIVER_ERRORS as error:
            # The migration ran in one transaction: nothing of it stayed. A file created just
            # now holds nothing, so it goes too.
            if not state.exists:
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            raise _database_error(path, "write", error) from None
    store = Store(path, _engine_for(path))
    store.notices = tuple(notices)
    return store


def _database_error(path: Path, doing: str, error: BaseException) -> DatabaseError:
    """One line for a failed read or write (disk full, read-only folder, I/O error)."""
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    if doing == "write":
        return DatabaseError(f"cannot write to {path}: {reason}; nothing was written")
    return DatabaseError(f"cannot read {path}: {reason}")


# --- the repository ----------------------------------------------------------------------------

_SIDES_OF = {"left": (Side.LEFT,), "right": (Side.RIGHT,), "both": (Side.LEFT, Side.RIGHT)}


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)  # C, and quicker than any cache written in Python


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
    loads = {}
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


def _set_row(
    session_id: int,
    entry: SetEntry,
    set_number: int,
    logged_at: dt.datetime,
    import_key: str | None = None,
) -> SetRow:
    return SetRow(
        session_id=session_id,
        exercise_id=entry.exercise_id,
        level=entry.level,
        side=entry.side.value,
        set_number=set_number,
        reps=entry.reps,
        hold_s=entry.hold_s,
        load_kg=entry.load.kg,
        load_band=entry.load.band,
        pain=entry.pain,
        sharp=entry.sharp,
        stopped_early=entry.stopped_early,
        technique_ok=entry.technique_ok,
        logged_at=logged_at,
        import_key=import_key,
    )


def _to_training_session(row: SessionRow) -> TrainingSession:
    return TrainingSession(
        id=row.id,
        date=row.date,
        status=row.status,
        started_at=row.started_at,
        finished_at=row.finished_at,
        notes=row.notes,
    )


def _to_logged_set(row: SetRow, day: dt.date) -> LoggedSet:
    return LoggedSet(
        id=row.id,
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


def _to_plan(row: PlanRow) -> Plan:
    weekdays = tuple(WEEKDAY_NAMES.index(d) for d in row.weekdays.split(",") if d)
    return Plan(
        weekdays=weekdays,
        start=row.start_date,
        effective_from=row.effective_from or row.start_date,
        # Rows from before revision 0004 had no stored rule: rebuild it from the weekdays.
        rule=row.rrule or weekly_rule(weekdays, row.start_date),
        involved_side=Side(row.involved_side) if row.involved_side else None,
        minutes=row.session_minutes,
    )


def _comma_list(text: str | None) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(",") if item)


def _kg_text(kg: float) -> str:
    # 15 significant digits give back exactly the float a typed decimal like 2.5 or 6 became.
    return f"{kg:.15g}"


def _to_settings(row: SettingsRow) -> Settings:
    return Settings(
        baseline_pain_left=row.baseline_pain_left,
        baseline_pain_right=row.baseline_pain_right,
        involved_side=Side(row.involved_side) if row.involved_side else None,
        dumbbells_kg=tuple(float(kg) for kg in _comma_list(row.dumbbells_kg)),
        bands=None if row.bands is None else _comma_list(row.bands),
        seen_professional=row.seen_professional,
    )


def _to_symptom_answers(row: SymptomAnswerRow) -> SymptomAnswers:
    return SymptomAnswers(
        date=row.date, yes=frozenset(_comma_list(row.yes_ids)), mistaken=row.mistaken, id=row.id
    )


class Store:
    """Repository over one open database; every public method is one short transaction."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self.notices: tuple[str, ...] = ()  # what opening found that the person must hear
        self._batch: Session | None = None
        self._reader = engine.execution_options(**{_READ_ONLY: True})

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session that only reads: a deferred transaction, so it never waits for (or holds
        up) a writer; WAL gives it a consistent snapshot."""
        try:
            with Session(self._reader, expire_on_commit=False) as session:
                yield session
        except _DRIVER_ERRORS as error:
            raise _database_error(self.path, "read", error) from None

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session that writes: BEGIN IMMEDIATE takes the write lock up front. A failed
        commit (disk full, I/O error) rolls back whole: DatabaseError, nothing written.
        Inside `all_or_nothing`, it is that one transaction's session."""
        if self._batch is not None:
            yield self._batch
            return
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except _DRIVER_ERRORS as error:
            raise _database_error(self.path, "write", error) from None

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
            raw = self.engine.raw_connection()
            try:
                cursor = raw.driver_connection.cursor()
                if busy_ms != BUSY_TIMEOUT_MS:
                    cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                try:
                    cursor.execute(begin)
                    yield cursor
                    cursor.execute("COMMIT")
                except BaseException:
                    if raw.driver_connection.in_transaction:
                        cursor.execute("ROLLBACK")
                    raise
                finally:
                    if busy_ms != BUSY_TIMEOUT_MS:
                        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                    cursor.close()
            finally:
                raw.close()
        except _DRIVER_ERRORS as error:
            raise _database_error(self.path, doing, error) from None

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
        stamp = _utc_text(now)
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
        with self._session() as session:
            row = session.exec(select(SessionRow).where(SessionRow.date == day)).first()
        return _to_training_session(row) if row else None

    def unfinished_sessions(self) -> list[TrainingSession]:
        """Sessions still marked in progress (the app was closed or crashed during them)."""
        with self._session() as session:
            rows = session.exec(
                select(SessionRow)
                .where(SessionRow.status == SessionStatus.IN_PROGRESS)
                .order_by(SessionRow.date)
            ).all()
        return [_to_training_session(row) for row in rows]

    def set_session_status(self, day: dt.date, status: str, now: dt.datetime) -> TrainingSession:
        """Start, finish or skip the session of `day` (created if missing), committed at once."""
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
            return _to_training_session(row)

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
            cursor = session.connection().connection.driver_connection.cursor()
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
                stamp = _utc_text(logged_at)
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
            cursor = session.connection().connection.driver_connection.cursor()
            cursor.executemany(
                "UPDATE logged_set SET load_kg = ? WHERE import_key = ? AND load_kg IS NOT ?",
                [(kg, key, kg) for key, kg in loads],
            )
            changed = cursor.rowcount
            self._commit(session)
        return changed

    def restore_session(self, restored: TrainingSession) -> TrainingSession:
        """Write a session exactly as exported (status, times, notes): for a restore only."""
        with self._writing() as session:
            row = session.exec(select(SessionRow).where(SessionRow.date == restored.date)).first()
            row = row or SessionRow(date=restored.date)
            row.status = restored.status
            row.started_at = restored.started_at
            row.finished_at = restored.finished_at
            row.notes = restored.notes
            session.add(row)
            self._commit(session)
            return _to_training_session(row)

    def sessions(self) -> list[TrainingSession]:
        with self._session() as session:
            rows = session.exec(select(SessionRow).order_by(SessionRow.date)).all()
        return [_to_training_session(row) for row in rows]

    def delete_set(self, set_id: int) -> LoggedSet | None:
        """Remove one logged set (undo, or a deletion the person confirmed); committed at once."""
        with self._writing() as session:
            found = session.exec(
                select(SetRow, SessionRow.date).join(SessionRow).where(SetRow.id == set_id)
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
        with self._writing() as session:
            found = session.exec(
                select(SetRow, SessionRow.date).join(SessionRow).where(SetRow.id == set_id)
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
        with self._session() as session:
            row = session.exec(
                select(SetRow)
                .join(SessionRow)
                .where(SetRow.exercise_id == exercise_id, SetRow.side == side.value)
                .order_by(SessionRow.date.desc(), SetRow.id.desc())
                .limit(1)
            ).first()
        if row is None:
            return None
        return Standing(level=row.level, load=Load(kg=row.load_kg, band=row.load_band))

    def plans(self) -> list[Plan]:
        """Every plan version, oldest first."""
        with self._session() as session:
            rows = session.exec(select(PlanRow).order_by(PlanRow.id)).all()
        return [_to_plan(row) for row in rows]

    def add_plan(self, plan: Plan, now: dt.datetime) -> Plan:
        """Store a new plan version; earlier versions stay as the history of what was planned."""
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
    ) -> dict[dt.date, "DaySummary"]:
        """What was trained on each day with logged sets: exercise ids and worst pain per side."""
        query = (
            select(
                SessionRow.date,
                SetRow.exercise_id,
                SetRow.side,
                func.max(SetRow.pain),
            )
            .join(SessionRow)
            .group_by(SessionRow.date, SetRow.exercise_id, SetRow.side)
        )
        if first is not None:
            query = query.where(SessionRow.date >= first)
        if last is not None:
            query = query.where(SessionRow.date <= last)
        days: dict[dt.date, DaySummary] = {}
        with self._session() as session:
            for day, exercise_id, side, pain in session.exec(query):
                summary = days.setdefault(day, DaySummary(day))
                summary.exercises.add(exercise_id)
                for one in (("left", "right") if side == "both" else (side,)):
                    if pain is not None:
                        current = summary.pain.get(one)
                        summary.pain[one] = pain if current is None else max(current, pain)
        return days

    def record_assessment(self, result: AssessmentResult, now: dt.datetime) -> AssessmentResult:
        """Store one test result; the same test, side and day again replaces it (a correction)."""
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
        with self._session() as session:
            rows = session.exec(select(AssessmentRow).order_by(AssessmentRow.date, AssessmentRow.id)).all()
        return [
            AssessmentResult(row.date, row.test_id, Side(row.side), row.value, row.pain)
            for row in rows
        ]

    def plan_start(self) -> dt.date | None:
        """The earliest start date of any plan (the programme's start, with the first session)."""
        with self._session() as session:
            return session.exec(select(func.min(PlanRow.start_date))).one()

    def count_sets(self) -> int:
        with self._session() as session:
            return session.exec(select(func.count()).select_from(SetRow)).one()

    def record_morning(self, check: MorningCheck, now: dt.datetime) -> MorningCheck:
        """Store a next-morning check; a second one for the same date and side replaces the first.

        Side BOTH is stored as one row per side, so each side's history reads the same way.
        """
        sides = (Side.LEFT, Side.RIGHT) if check.side is Side.BOTH else (check.side,)
        with self._writing() as session:
            for side in sides:
                row = session.exec(
                    select(MorningRow).where(
                        MorningRow.date == check.date, MorningRow.side == side.value
                    )
                ).first()
                # A second entry for the same morning is a correction, not a second opinion.
                row = row or MorningRow(date=check.date, side=side.value)
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
        with self._session() as session:
            query = select(MorningRow)
            if until is not None:
                query = query.where(MorningRow.date <= until)
            if since is not None:
                query = query.where(MorningRow.date >= since)
            query = query.order_by(MorningRow.date, MorningRow.side)
            return [
                MorningCheck(row.date, Side(row.side), pain=row.pain, soreness=row.soreness)
                for row in session.exec(query)
            ]

    def settings(self) -> Settings:
        """The saved settings, or the defaults if none were ever saved."""
        with self._session() as session:
            row = session.get(SettingsRow, SETTINGS_ROW_ID)
            return Settings() if row is None else _to_settings(row)

    def save_settings(self, settings: Settings, now: dt.datetime) -> Settings:
        """Replace the settings row with `settings` (already checked by the caller)."""
        with self._writing() as session:
            row = session.get(SettingsRow, SETTINGS_ROW_ID) or SettingsRow(id=SETTINGS_ROW_ID)
            row.baseline_pain_left = settings.baseline_pain_left
            row.baseline_pain_right = settings.baseline_pain_right
            row.involved_side = settings.involved_side.value if settings.involved_side else None
            row.dumbbells_kg = ",".join(_kg_text(kg) for kg in settings.dumbbells_kg)
            row.bands = None if settings.bands is None else ",".join(settings.bands)
            row.seen_professional = settings.seen_professional
            row.updated_at = now
            session.add(row)
            self._commit(session)
            return _to_settings(row)

    def add_visit(self, day: dt.date, now: dt.datetime) -> bool:
        """Record a visit to a professional on `day` (already checked by the caller); the settings'
        `seen_professional` becomes the latest visit. False when that day was recorded before."""
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
        with self._session() as session:
            query = select(PainChoiceRow)
            if first is not None:
                query = query.where(PainChoiceRow.date >= first)
            if last is not None:
                query = query.where(PainChoiceRow.date <= last)
            rows = session.exec(query.order_by(PainChoiceRow.date, PainChoiceRow.id))
            return [(r.date, r.exercise_id, Side(r.side), r.carry_on) for r in rows]

    def save_name_maps(self, app: str, maps: dict[str, tuple[str, int | None]]) -> None:
        """Remember the person's names for catalogue exercises for `app` (a name mapped again
        takes its new target)."""
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
        with self._session() as session:
            query = select(ImportNameMapRow)
            if app is not None:
                query = query.where(ImportNameMapRow.app == app)
            rows = session.exec(query.order_by(ImportNameMapRow.app, ImportNameMapRow.name))
            return [(r.app, r.name, r.exercise_id, r.level) for r in rows]

    def visits(self, until: dt.date | None = None) -> list[dt.date]:
        """The days a professional saw the person, oldest first (those on or before `until`)."""
        with self._session() as session:
            query = select(VisitRow.date)
            if until is not None:
                query = query.where(VisitRow.date <= until)
            return list(session.exec(query.order_by(VisitRow.date)))

    def record_symptoms(self, answers: SymptomAnswers, now: dt.datetime) -> SymptomAnswers:
        """Add one checklist answer; earlier answers are kept (the latest one counts)."""
        with self._writing() as session:
            row = SymptomAnswerRow(
                date=answers.date,
                yes_ids=",".join(sorted(answers.yes)),
                recorded_at=now,
                mistaken=answers.mistaken,
            )
            session.add(row)
            self._commit(session)
            return _to_symptom_answers(row)

    def mark_symptoms_mistaken(self, answer_id: int) -> SymptomAnswers | None:
        """Mark one checklist answer as given by mistake; None when it no longer exists."""
        with self._writing() as session:
            row = session.get(SymptomAnswerRow, answer_id)
            if row is None:
                return None
            row.mistaken = True
            session.add(row)
            self._commit(session)
            return _to_symptom_answers(row)

    def symptom_answers(
        self, until: dt.date | None = None, latest_only: bool = False
    ) -> list[SymptomAnswers]:
        """Checklist answers dated on or before `until`, oldest first (a day's in recorded order);
        with `latest_only`, just the one that counts (the last of the latest day)."""
        with self._session() as session:
            query = select(SymptomAnswerRow)
            if until is not None:
                query = query.where(SymptomAnswerRow.date <= until)
            if latest_only:
                query = query.order_by(SymptomAnswerRow.date.desc(), SymptomAnswerRow.id.desc()).limit(1)
            else:
                query = query.order_by(SymptomAnswerRow.date, SymptomAnswerRow.id)
            return [_to_symptom_answers(row) for row in session.exec(query)]
