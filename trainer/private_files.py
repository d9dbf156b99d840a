"""Files trainer writes for the person (exports, reports, calendars): health data, so each is
readable by its owner only (0600), written whole or not at all, and never onto the database, its
journal or a backup of it, nor onto a device or a pipe (issue 18.1)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from trainer.core.errors import EntryError


def user_path(path: str | Path) -> Path:
    """A path as typed, `~` and `~user` expanded; EntryError when the home folder is unknown."""
    from trainer.paths import expand_user

    return expand_user(str(path), EntryError)


def check_output_path(
    path: str | Path,
    option: str = "",
    example: str = "trainer-export.json",
    database: Path | None = None,
) -> Path:
    """Refuse, before anything is done, a path that cannot take a file trainer writes; the
    message starts with the option it came from (`--ics`), if given. A path that is (after its
    links) the database in use, one of its companion files or a backup of it is refused, as is
    anything that exists and is not a regular file (a device, a FIFO): writing there would
    destroy data or the node (issue 18.1)."""
    target = user_path(path)
    prefix = f"{option} " if option else ""
    try:
        is_dir, parent_is_dir = target.is_dir(), target.parent.is_dir()
        exists = target.exists() or target.is_symlink()
        regular = target.is_file()
    except OSError as error:  # a name too long for the file system, for one
        raise EntryError(f"{prefix}cannot write {target}: {error.strerror}") from None
    if is_dir:
        raise EntryError(f"{prefix}{target} is a directory; give a file name such as {example}")
    if not parent_is_dir:
        raise EntryError(f"{prefix}cannot write {target}: the folder {target.parent} does not exist")
    if exists and not regular:
        raise EntryError(
            f"{prefix}{target} is not a regular file (a device, a pipe or a broken link); give "
            f"a file name such as {example}"
        )
    if database is not None and _is_database_file(target, database):
        raise EntryError(
            f"{prefix}{target} is trainer's database (or its journal or a backup of it): writing "
            f"there would destroy your data; give another file name such as {example}"
        )
    return target


def _is_database_file(target: Path, database: Path) -> bool:
    """Is `target`, links resolved, the database, its -wal/-shm/-journal or one of its backups?"""
    try:
        resolved, db = target.resolve(), database.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: not the database, and not writable either
        return False
    if resolved.parent != db.parent:
        return False
    name = resolved.name
    return name == db.name or name in {f"{db.name}{end}" for end in ("-wal", "-shm", "-journal")} or (
        name.startswith(f"{db.name}.backup-")
    )


def write_private_file(
    path: str | Path, text: str | bytes | Iterable[str], database: Path | None = None
) -> Path:
    """Write `text` to `path` readable by its owner only (0600: it is health data).

    Written to a temporary file in the same folder, then moved over the target, so an existing
    export is never left half-written.
    """
    target = check_output_path(path, database=database)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise EntryError(f"cannot write {target}: {error.strerror}") from None
    try:
        if isinstance(text, bytes):  # a PDF report
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.writelines([text] if isinstance(text, str) else text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException as error:  # also a read that fails part-way through the pieces
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise EntryError(f"cannot write {target}: {error.strerror}") from None
        raise
    return target
