"""The database file itself: looking at it before use, keeping it private, backing it up,
migrating it, and the sqlite3 connections trainer opens on it.

Standard library only: opening an up-to-date database and reading it for the first screen never
loads SQLAlchemy, SQLModel or Alembic (issue 17.5). A migration, when one is due, loads them.

Safety rules kept here:
- a file that is not a trainer database, is damaged or read-only is refused and never written to;
- the database file (and its WAL/SHM companions, which SQLite creates with the same mode) is 0600;
- before a migration changes an existing database, a backup copy is written next to it;
- every connection runs in WAL mode with synchronous=NORMAL (a commit survives the process being
  killed; only a power cut can lose the last moments) and waits BUSY_TIMEOUT_MS for a writer;
- a disk that refuses a read or write gives a one-line DatabaseError.
"""

import datetime as dt
import os
import sqlite3
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from trainer.core.errors import DatabaseError
from trainer.store.connection import driver_errors

# Marks a file as ours (PRAGMA application_id), so a foreign SQLite file is recognised and refused.
APPLICATION_ID = 0x54524E52  # "TRNR"
# The newest migration in migrations/versions; a test keeps it equal to Alembic's head.
SCHEMA_REVISION = "0013"
KNOWN_REVISIONS = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013",
)
# Every table of the current schema: an up-to-date file missing one is refused (issue 18.7). A
# test keeps this equal to the tables the SQLModel classes declare (store.tables), which this
# module does not import.
TABLE_NAMES = (
    "assessment_result", "engine_checkpoint", "engine_data_version",
    "import_name_map", "logged_set", "morning_check", "pain_stop_choice", "plan", "prescription", "settings",
    "symptom_answer", "training_session", "visit",
)
_SQLITE_HEADER = b"SQLite format 3\x00"


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
        missing = sorted(set(TABLE_NAMES) - tables)
        if missing:
            raise DatabaseError(
                f"{path} is damaged: its table {missing[0]} is missing; it was left untouched. "
                "Restore a backup (trainer.db.backup-*) or a JSON export into a new file."
            )
    return FileState(exists=True, revision=revision)


def create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_private(path: Path) -> None:
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


def migrate(path: Path, migrations_dir: Path, to: str = "head") -> None:
    """Apply Alembic migrations to `path` (foreign keys off during batch copies, checked after)."""
    from alembic import command
    from alembic.config import Config

    from trainer.store.tables import engine_for

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    engine = engine_for(path, foreign_keys=False)
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


def prepare_file(path: Path, migrations_dir: Path, now: dt.datetime | None = None) -> tuple[str, ...]:
    """Make the file at `path` an up-to-date private trainer database (creating and migrating it as
    needed); what the person must hear about it comes back (a torn write-ahead log, for one)."""
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
            create_private_file(path)
        except OSError as error:
            raise DatabaseError(f"cannot create the database {path}: {error.strerror}") from None
    make_private(path)
    if state.revision != SCHEMA_REVISION:
        if state.revision is not None:
            backup_copy(path, state.revision, now or dt.datetime.now(dt.UTC))
        try:
            migrate(path, migrations_dir)
        except driver_errors() as error:
            # The migration ran in one transaction: nothing of it stayed. A file created just
            # now holds nothing, so it goes too.
            if not state.exists:
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            raise database_error(path, "write", error) from None
    return tuple(notices)


def database_error(path: Path, doing: str, error: BaseException) -> DatabaseError:
    """One line for a failed read or write (disk full, read-only folder, I/O error)."""
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    if doing == "write":
        return DatabaseError(f"cannot write to {path}: {reason}; nothing was written")
    return DatabaseError(f"cannot read {path}: {reason}")


