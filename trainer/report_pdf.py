"""`trainer report --format pdf`: the report as a PDF for a clinical record (issue 16.6).

The same `Report` the Markdown and HTML carry, laid out with fpdf2 (a well-kept, pure-Python PDF
writer) in the DejaVu Sans font that matplotlib ships (it covers every character the report may
hold, where the PDF core fonts have Latin-1 only); the charts are matplotlib's, as PNG.
Imported only by the report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

if TYPE_CHECKING:
    from trainer.charts.spec import ChartSpec
    from trainer.report import Report

_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _ReportPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7)
        self.cell(0, 5, f"{self.title} - page {self.page_no()} of {{nb}}", align="C")


def pdf_bytes(report: Report, charts: Sequence[ChartSpec]) -> bytes:
    """The report as a PDF document; the charts follow the first page's summary."""
    from trainer.report_figures import png_of

    pdf = _ReportPDF(format="A4")
    pdf.set_title(report.title)
    pdf.set_author("trainer")
    pdf.set_creator("trainer")
    pdf.add_font("DejaVu", "", str(_FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(_FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, report.subtitle, new_x="LMARGIN", new_y="NEXT")
    for index, section in enumerate(report.sections):
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 4.8, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        if section.table:
            pdf.set_font("DejaVu", size=8)
            with pdf.table(
                text_align="LEFT", line_height=4.2, headings_style=FontFace(emphasis="BOLD"),
                borders_layout="HORIZONTAL_LINES", v_align="TOP",
                col_widths=_column_widths(section.table),
            ) as table:
                for row in section.table:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.set_font("DejaVu", size=9)
        if index == 0 and charts:
            for chart in charts:
                pdf.ln(2)
                pdf.image(io.BytesIO(png_of(chart)), w=pdf.epw)
            pdf.add_page()  # the detail follows the first page
    return bytes(pdf.output())


def _column_widths(table: list[list[str]]) -> tuple[float, ...]:
    """Each column as wide as its longest word and its typical text ask (a table of reasons
    gives the reasons the room, not the side)."""
    widths = []
    for column in zip(*table, strict=True):
        longest_word = max((len(word) for cell in column for word in cell.split()), default=1)
        typical = sum(len(cell) for cell in column) / len(column)
        # A short column must still hold its longest word on one line (capitals are wide).
        widths.append(max(longest_word * 1.6 + 3, min(typical, 55)))
    return tuple(widths)
