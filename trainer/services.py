"""What the CLI and the TUI both call; neither holds rules of its own.

`build_services` is the one factory: it reads the catalogue first (so a broken catalogue is
reported before any database is touched), then opens and migrates the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from trainer import paths
from trainer.core.catalog import parse_catalog
from trainer.core.clock import Clock, SystemClock
from trainer.core.entry import sets_to_log
from trainer.core.errors import CatalogError
from trainer.core.model import Catalogue, Load, LoggedSet, Side
from trainer.store import SessionStatus, Store, open_store


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue file; CatalogError names the file on any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"catalogue file {path} does not exist") from None
    except IsADirectoryError:
        raise CatalogError(f"catalogue path {path} is a directory, not a file") from None
    except UnicodeDecodeError as error:
        raise CatalogError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise CatalogError(f"cannot read catalogue {path}: {error.strerror}") from None
    return parse_catalog(text, source=str(path))


@dataclass
class Services:
    catalogue: Catalogue
    store: Store
    clock: Clock

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
    ) -> list[LoggedSet]:
        """Check then log one side's sets of one exercise; each set is committed on its own."""
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
            standing=self.store.standing(exercise_id, side) if exercise_id in self.catalogue else None,
        )
        # A session logged today is still going on; one logged afterwards for a past day is done.
        status = SessionStatus.IN_PROGRESS if day == today else SessionStatus.DONE
        return [self.store.log_set(day, entry, self.clock.now(), status) for entry in entries]

    def history(self, since: date | None = None) -> list[LoggedSet]:
        return self.store.history(since=since)

    def today_sets(self) -> list[LoggedSet]:
        today = self.clock.today()
        return [s for s in self.store.history(since=today) if s.date == today]

    def close(self) -> None:
        self.store.close()


def build_services(
    db: str | None = None, catalog: str | None = None, clock: Clock | None = None
) -> Services:
    clock = clock or SystemClock()
    catalogue = load_catalogue(paths.catalog_path(catalog))
    store = open_store(paths.db_path(db), paths.migrations_dir(), now=clock.now())
    return Services(catalogue=catalogue, store=store, clock=clock)
