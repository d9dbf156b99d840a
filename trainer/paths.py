"""Where trainer's files are: the database, the catalogue and the migrations.

Nothing is read at import time; callers ask when they need a path.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "trainer"
DB_ENV = "TRAINER_DB"
CATALOG_ENV = "TRAINER_CATALOG"
_PACKAGE = Path(__file__).resolve().parent


def default_db_path() -> Path:
    """trainer.db in the per-user data directory (e.g. ~/.local/share/trainer on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "trainer.db"


def keep_data_folder_private(db: Path) -> None:
    """The per-user data folder is trainer's own: readable by its owner only (0700), even if
    something else made it first. A folder chosen with --db or TRAINER_DB is left as it is
    (it may be shared; the database file itself is 0600 wherever it is)."""
    import stat

    folder = db.parent
    try:
        if db != default_db_path() or not folder.is_dir():
            return
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:
            os.chmod(folder, mode & 0o700)
    except OSError:
        pass  # not ours to change (another owner, a read-only disk): the file's mode still holds


def expand_user(text: str, error: type[Exception]) -> Path:
    """A path as typed, `~` and `~user` expanded; `error` (a UserError) when that home folder
    is unknown (pathlib raises RuntimeError for `~nosuchuser`)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # `~nosuchuser/...`
        raise error(f"cannot find the home folder in {text!r}") from None


def db_path(option: str | None) -> Path:
    """--db wins over TRAINER_DB, which wins over the per-user default."""
    from trainer.core.errors import DatabaseError

    chosen = option or os.environ.get(DB_ENV)
    return expand_user(chosen, DatabaseError) if chosen else default_db_path()


def _bundled(name: str) -> Path:
    # An installed wheel carries copies under trainer/_bundled; a source checkout (editable
    # install, tests) uses the files at the top of the repository.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"trainer is installed without its {name}")


def catalog_path(option: str | None) -> Path:
    """--catalog wins over TRAINER_CATALOG, which wins over the catalogue shipped with trainer."""
    from trainer.core.errors import CatalogError

    chosen = option or os.environ.get(CATALOG_ENV)
    return expand_user(chosen, CatalogError) if chosen else _bundled("catalog.toml")


def migrations_dir() -> Path:
    return _bundled("migrations")


MAX_CATALOGUE_BYTES = 4 * 1024 * 1024  # the whole programme is about 60 KB


def read_bounded(path: Path, limit: int, error: type[Exception], what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or `error` with one line.

    The size is what is read, not what `stat` says (a device says 0 and never ends), and a
    FIFO is refused at once instead of waiting for a writer (issue 18.2)."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error(f"{path} does not exist") from None
    except IsADirectoryError:
        raise error(f"{path} is a directory, not {what}") from None
    except PermissionError:
        raise error(f"cannot read {path}: permission denied") from None
    except OSError as problem:
        raise error(f"cannot read {path}: {problem.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{path} is a directory, not {what}")
        if not stat.S_ISREG(mode):
            raise error(f"{path} is not a regular file (a device or a pipe), not {what}")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise error(f"{path} is larger than {limit // 2**20} MB: not {what}")
        return b"".join(chunks)
    except OSError as problem:
        raise error(f"cannot read {path}: {problem.strerror}") from None
    finally:
        os.close(fd)
