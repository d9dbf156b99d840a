"""How trainer connects to its database and how values are stored in it: the settings of every
connection (raw sqlite3 or through SQLAlchemy), the errors a failing disk raises, and the stored
form of a timestamp. Standard library only; every store module reads it, it reads none of them.
"""

import datetime as dt
import sqlite3
import sys
from pathlib import Path

SETTINGS_ROW_ID = 1  # the settings table holds one row, this one
BUSY_TIMEOUT_MS = 5000


def utc_text(value: dt.datetime) -> str:
    """A timestamp as it is stored: ISO text in UTC (SQLite has no time zones)."""
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a time zone")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def driver_errors() -> tuple[type[Exception], ...]:
    """What SQLite raises when the disk or folder lets it down: sqlite3's error, and SQLAlchemy's
    wrapper of it once the ORM is loaded (it cannot be raised before)."""
    alchemy = sys.modules.get("sqlalchemy.exc")
    if alchemy is None:
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, alchemy.OperationalError)


def configure_connection(connection: sqlite3.Connection, foreign_keys: bool = True) -> None:
    """The settings of every connection trainer opens, raw or through SQLAlchemy."""
    # Transactions begin where trainer says (BEGIN DEFERRED to read, IMMEDIATE to write), so DDL
    # in a migration is transactional too (the sqlite3 module would otherwise autocommit it).
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    cursor.close()


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection on the database, set up like every other (the repository's
    reads and hot writes use it)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    configure_connection(connection)
    return connection
