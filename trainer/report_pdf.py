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
                col_widths=_column_widths(pdf, section.table),
            ) as table:
                for row in section.table:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.set_font("DejaVu", size=9)
        if index == 0 and charts:
            for chart in charts:
                pdf.ln(2)
                if chart.drawn:
                    pdf.image(io.BytesIO(png_of(chart)), w=pdf.epw)
                else:  # too little data: its title and why, as the HTML says it (no empty axes)
                    pdf.set_font("DejaVu", "B", 9)
                    pdf.multi_cell(0, 4.8, chart.title, new_x="LMARGIN", new_y="NEXT")
                    pdf.set_font("DejaVu", size=9)
                    pdf.multi_cell(0, 4.8, chart.message or "", new_x="LMARGIN", new_y="NEXT")
            pdf.add_page()  # the detail follows the first page
    return bytes(pdf.output())


def _column_widths(pdf: FPDF, table: list[list[str]]) -> tuple[float, ...]:
    """Column widths in mm, summing to the page's width: each column at least as wide as its
    longest word (the heading's in bold), so no word breaks in the middle; the room left goes to
    the columns whose text is long (a table of reasons gives the reasons the room, not the side)."""
    padding = 2.5  # the cell's own margins, both sides
    least, wanted = [], []
    for column in zip(*table, strict=True):
        widest = 0.0
        for row, cell in enumerate(column):
            pdf.set_font("DejaVu", "B" if row == 0 else "", 8)
            widest = max([widest, *(pdf.get_string_width(word) for word in cell.split())])
        pdf.set_font("DejaVu", "", 8)
        typical = sum(pdf.get_string_width(cell) for cell in column[1:]) / max(len(column) - 1, 1)
        least.append(widest + padding)
        wanted.append(max(widest, min(typical, 90.0)) + padding)
    room = pdf.epw - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    if room <= 0 or sum(extra) == 0:
        scale = pdf.epw / sum(least)
        return tuple(m * scale for m in least)
    share = min(1.0, room / sum(extra))
    widths = [m + e * share for m, e in zip(least, extra, strict=True)]
    return tuple(w * pdf.epw / sum(widths) for w in widths)
