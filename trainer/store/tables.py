"""The database's tables as SQLModel classes: what the migrations and the repository's writes use.

Importing this module loads SQLAlchemy and SQLModel (a few hundred milliseconds), so nothing on the
way to the first screen imports it: opening and reading the file use `sqlite3` (database_file,
repository), and this module is loaded on the first ORM write or read, or in the background once
the app is drawn.
"""

import datetime as dt
from pathlib import Path

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    MetaData,
    String,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel, create_engine

from trainer.core.model import SessionStatus
from trainer.store.connection import (
    BUSY_TIMEOUT_MS,
    SETTINGS_ROW_ID,
    configure_connection,
    utc_text,
)

# Named constraints keep batch migrations (SQLite's copy-and-move ALTER TABLE) predictable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class UTCDateTime(TypeDecorator):
    """A UTC timestamp stored as ISO text; SQLite has no time zones and would hand back naive times."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: str | None, dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)



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




class PrescriptionRow(SQLModel, table=True):
    """A prescription from a physiotherapist as loaded (issue 19; migration 0013): in force from
    `starts_on` until a later one starts."""

    __tablename__ = "prescription"

    id: int | None = Field(default=None, primary_key=True)
    starts_on: dt.date = Field(index=True)
    loaded_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    source: str  # the file it was loaded from, as given
    text: str  # the file's text as the physiotherapist wrote it
    data: str  # core.prescription.prescription_json, as JSON


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


def engine_for(path: Path, foreign_keys: bool = True) -> Engine:
    """An SQLAlchemy engine on the file, its connections set up as every connection of trainer's
    (connection.configure_connection)."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        configure_connection(dbapi_connection, foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Only writes go through SQLAlchemy (reads are plain SQL, begun deferred: the
        # repository's `_reading`). IMMEDIATE takes the write lock up front: two processes
        # logging at once wait for each other (busy timeout) instead of failing on a
        # read-to-write upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
