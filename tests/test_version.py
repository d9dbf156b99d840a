"""The version is written once (issue 17.4): in trainer/__init__.py, which the package metadata
(hatchling's dynamic version) and `trainer --version` both read."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import trainer

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert importlib.metadata.version("trainer") == trainer.__version__
