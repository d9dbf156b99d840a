"""Issue 18.5: a CSV export never holds a cell a spreadsheet would run as a formula.

A catalogue's band colour is free text a physio types; a set with such a band is exported with
the cell escaped (a leading apostrophe), and trainer's own import reads it back unchanged.
"""

from __future__ import annotations

import csv
import io

from tests.conftest import CATALOG
from trainer.core.model import Load, Side
from trainer.exchange import FORMULA_STARTS, csv_safe


def test_cells_that_start_like_a_formula_are_escaped():
    for start in FORMULA_STARTS:
        assert csv_safe(f"{start}SUM(A1)").startswith("'")
    assert csv_safe("red-band") == "red-band" and csv_safe("") == ""


def test_an_exported_band_that_looks_like_a_formula_is_escaped_and_reads_back(run_cli, tmp_path, services):
    catalogue = tmp_path / "catalog.toml"
    text = CATALOG.read_text(encoding="utf-8")
    start = text.index("[bands]")
    end = text.index("\n", text.index("colours", start))
    catalogue.write_text(text[:start] + '[bands]\ncolours = ["=cmd|calc", "red"]' + text[end:], encoding="utf-8")
    from trainer.services import build_services

    own = build_services(str(services.store.path), str(catalogue), services.clock)
    try:
        own.log("clamshell", Side.LEFT, reps=[12], level=2, load=Load(band="=cmd|calc"), pain=0)
    finally:
        own.close()
    result = run_cli("export", "--format", "csv", "--catalog", str(catalogue))
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    loads = [row[rows[0].index("load")] for row in rows[1:]]
    assert loads == ["'=cmd|calc-band"]
    assert not any(cell[:1] in FORMULA_STARTS for row in rows for cell in row if cell)
