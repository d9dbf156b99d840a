"""The static checks are part of the suite (issue 17.4), so `python -m pytest` and CI run them:
ruff with the rules pyproject selects, mypy strict on the pure domain and in its default mode on
the rest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--cache-dir", str(cache)] if cache is not None else []
    return subprocess.run(
        [sys.executable, "-m", *args, *extra], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--no-cache", "trainer", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_domain(tmp_path):
    result = _run("mypy", "--strict", "trainer/core", cache=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_everything(tmp_path):
    result = _run("mypy", "trainer", cache=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
