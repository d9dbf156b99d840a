"""Issue 18.8: a torn write-ahead log is noticed, kept and told, not dropped in silence.

Bytes flipped inside a frame of the -wal file made SQLite's recovery stop there and drop every
committed set behind it on the next open. Now the open finds the bad frame followed by frames of
the same checkpoint, keeps a private copy of the log and says where it is.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from trainer.store import torn_wal

REPO = Path(__file__).resolve().parents[2]


def _database_with_a_wal(tmp_path: Path) -> tuple[Path, Path]:
    """A trainer database whose last sets are still in its -wal (a process killed before the
    checkpoint): copied while a writer holds it open."""
    db = tmp_path / "live.db"
    code = (
        "import os, sys, shutil\n"
        "from trainer.services import build_services\n"
        "from trainer.core.model import Side\n"
        f"s = build_services({str(db)!r})\n"
        "s.store.engine.dispose()\n"
        "import sqlite3\n"
        f"c = sqlite3.connect({str(db)!r}); c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "for n in range(8):\n"
        "    c.execute(\"INSERT INTO training_session (date, status, notes) VALUES (?, 'done', '')\",\n"
        "              (f'2026-11-{n + 10:02d}',))\n"
        "    c.commit()\n"
        f"shutil.copy({str(db)!r}, {str(tmp_path / 'copy.db')!r})\n"
        f"shutil.copy({str(db)!r} + '-wal', {str(tmp_path / 'copy.db-wal')!r})\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=120)
    copy = tmp_path / "copy.db"
    return copy, Path(f"{copy}-wal")


def test_a_clean_wal_is_not_torn(tmp_path):
    db, wal = _database_with_a_wal(tmp_path)
    assert wal.stat().st_size > 32
    assert not torn_wal(db)


def test_a_flipped_byte_inside_the_log_is_noticed_kept_and_told(run_cli, tmp_path):
    db, wal = _database_with_a_wal(tmp_path)
    data = bytearray(wal.read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    frame = 24 + page_size
    frames = (len(data) - 32) // frame
    assert frames >= 3
    data[32 + frame + 24 + 100] ^= 0xFF  # inside the second frame's page: frames follow it
    wal.write_bytes(bytes(data))
    damaged = bytes(data)
    assert torn_wal(db)
    result = run_cli("history", "--db", str(db), db=False)
    assert result.code == 0, result.err
    assert "write-ahead log" in result.err and "may be lost" in result.err
    copies = list(tmp_path.glob("copy.db-wal.torn-*"))
    assert len(copies) == 1 and copies[0].read_bytes() == damaged
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert str(copies[0]) in result.err
