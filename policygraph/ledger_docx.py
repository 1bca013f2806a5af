"""The supervision ledger as a Word table (python-docx): what offices attach to a 通知.

A4 landscape, the title in 黑体 and the table in 仿宋 (Word falls back to a font it has when
these are missing), the header row repeated on every page.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from .ledger import HEADERS, Ledger, clean

# Column widths in millimetres on a landscape A4 page with 20 mm margins (257 mm of text).
WIDTHS_MM = (12, 95, 30, 36, 24, 30, 16, 14)


def _font(run: Run, name: str, size: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)  # Chinese text takes the East Asian font, not font.name


def write_docx(ledger: Ledger, path: str | Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    title = ledger.title + (f"（{ledger.department}）" if ledger.department else "")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(clean(title)), "黑体", 16, bold=True)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, HEADERS, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), "黑体", 11, bold=True)
    for row in ledger.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row.cells()[: len(HEADERS)], strict=True):
            _font(cell.paragraphs[0].add_run(clean(str(value))), "仿宋", 11)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)
    doc.save(str(path))
