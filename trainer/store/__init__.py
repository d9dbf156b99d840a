"""The only database code: the file (database_file), its tables (tables) and the repository
(repository.Store). The rest of trainer reaches it through `trainer.services` only.

Importing this package stays light (standard library and core): the tables, SQLAlchemy and SQLModel
load on first use (see store.tables).
"""

from trainer.core.model import SessionStatus
from trainer.store.database_file import (
    APPLICATION_ID,
    KNOWN_REVISIONS,
    SCHEMA_REVISION,
    backup_copy,
    copy_database,
    inspect_file,
    migrate,
    torn_wal,
)
from trainer.store.repository import DaySummary, EngineInputs, Store, open_store

__all__ = [
    "APPLICATION_ID",
    "KNOWN_REVISIONS",
    "SCHEMA_REVISION",
    "DaySummary",
    "EngineInputs",
    "SessionStatus",
    "Store",
    "backup_copy",
    "copy_database",
    "inspect_file",
    "migrate",
    "open_store",
    "torn_wal",
]
