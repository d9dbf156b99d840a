"""Issue 16.6: a report a physiotherapist reads in a minute, with real vector charts and a PDF.

Through the real CLI on a real database (the `history` fixture of tests/test_report.py).
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.test_report import history  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


def _svgs(page: str) -> list[ET.Element]:
    found = []
    rest = page
    while "<svg" in rest:
        start = rest.index("<svg")
        end = rest.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(rest[start:end]))
        rest = rest[end:]
    return found


def test_the_summary_comes_first_and_says_only_what_changes(run_cli, history):  # noqa: F811
    text = run_cli("report").out
    first = text.split("\n## ", 2)[1]
    assert first.startswith("Summary")
    assert "Adherence:" in first and "Pain during exercise" in first
    assert "Left/right balance now" in first and "Clamshell" in first
    # A HOLD is not a change: only other decisions are listed, each with its reason.
    table = [line for line in first.splitlines() if line.startswith("| ") and "Exercise" not in line]
    assert all("| HOLD |" not in line for line in table)
    advice = json.loads(run_cli("suggest", "--date", "2026-11-26", "--json").out)
    changing = {
        (e["exercise"], s["side"]) for e in advice["exercises"] for s in e["sides"]
        if s["decision"] != "HOLD"
    }
    listed = {
        (cells[1].strip(), side)
        for cells in (line.split("|") for line in table)
        for side in (("left", "right") if cells[2].strip() == "both" else (cells[2].strip(),))
    }
    assert len(listed) == len(changing), (table, changing)


def test_html_charts_are_parseable_svg_readable_in_greyscale(run_cli, history):  # noqa: F811
    page = run_cli("report", "--format", "html").out
    svgs = _svgs(page)
    assert len(svgs) >= 3  # balance of the trained exercises, pain, sessions a week
    texts = [t.text or "" for svg in svgs for t in svg.iter(f"{SVG}text")]
    assert any("90 % = balanced" in t for t in texts)
    assert any("red, stop" in t for t in texts) and any("amber" in t for t in texts)
    # Left and right differ by dash, not only by colour: the right side's line is dashed.
    styles = [p.get("style", "") for svg in svgs for p in svg.iter(f"{SVG}path")]
    assert any("stroke-dasharray" in style for style in styles)


def test_pdf_report_to_a_private_file(run_cli, history, tmp_path):  # noqa: F811
    target = tmp_path / "report.pdf"
    result = run_cli("report", "--format", "pdf", "--output", str(target))
    assert result.code == 0, result.err
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Hip training report" in text and "Summary" in text


def test_a_pdf_needs_a_file_and_says_so(run_cli, history):  # noqa: F811
    result = run_cli("report", "--format", "pdf")
    assert result.code == 2 and "--output" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("argv, loads", [
    (["report"], False), (["suggest"], False), (["report", "--format", "html"], True),
])
def test_only_the_drawn_reports_load_matplotlib(tmp_path, argv, loads):
    code = (
        "import json, sys; from trainer.cli import main; "
        f"main({argv!r} + ['--db', {str(tmp_path / 'x.db')!r}]); "
        "print(json.dumps('matplotlib' in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == json.dumps(loads), result.stderr


def test_a_pdf_chart_with_too_little_data_says_why_instead_of_empty_axes(services, run_cli, tmp_path):
    """One day logged: the charts have nothing to draw. The PDF states each one's reason (as the
    HTML does) instead of empty axes dated 1970."""
    from datetime import date

    from trainer.core.model import Side

    services.log("clamshell", Side.LEFT, reps=[12], pain=1, on=date(2026, 11, 24))
    services.log("clamshell", Side.RIGHT, reps=[12], pain=0, on=date(2026, 11, 24))
    target = tmp_path / "report.pdf"
    assert run_cli("report", "--format", "pdf", "--output", str(target)).code == 0
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    from trainer.charts.data import report_specs

    undrawn = [spec for spec in report_specs(services) if not spec.drawn]
    assert undrawn
    flat = " ".join(text.split())
    for spec in undrawn:
        assert " ".join((spec.message or "").split())[:40] in flat
