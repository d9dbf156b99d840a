"""Issue 18.2: what trainer reads is bounded by what it reads, not by what `stat` says, and a
device or a FIFO is refused at once with one line (exit 2), never read until memory runs out or
waited on forever."""

from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_importing_a_device_is_refused(run_cli, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    result = run_cli("import", device)
    assert result.code == 2 and "not a regular file" in result.err and "Traceback" not in result.err


def test_importing_a_fifo_is_refused_at_once(run_cli, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = run_cli("import", str(fifo))  # with no writer, an open() for reading would wait
    assert result.code == 2 and "not a regular file" in result.err


@pytest.mark.parametrize("device", ["/dev/zero"])
def test_a_device_as_the_catalogue_is_refused(run_cli, device):
    result = run_cli("catalog", "--catalog", device)
    assert result.code == 2 and "not a regular file" in result.err and "Traceback" not in result.err


def test_a_fifo_as_the_catalogue_is_refused(run_cli, tmp_path):
    fifo = tmp_path / "catalog.toml"
    os.mkfifo(fifo)
    result = run_cli("catalog", "--catalog", str(fifo))
    assert result.code == 2 and "not a regular file" in result.err


def test_an_oversized_catalogue_is_refused_by_what_is_read(run_cli, tmp_path):
    big = tmp_path / "catalog.toml"
    big.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = run_cli("catalog", "--catalog", str(big))
    assert result.code == 2 and "larger than" in result.err
