"""Render the agenda's blocks as a Word document with real headings and tables.

A4 portrait, the protective marking in the header and footer of every page, header rows
repeated across pages, pictures embedded. Document properties name graphintel as author
and carry no person's name; dates are the analysis run's, and the zip entries carry the
same fixed time, so the same agenda gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from graphintel.agenda.layout import Block, Bullets, Fields, Heading, Image, Para, Table

RED = RGBColor(0xB0, 0x00, 0x20)


def _marking(paragraph: Paragraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.color.rgb = RED
    run.font.size = Pt(10)


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False) -> None:
    parts = text.split("\n") if text else [""]
    paragraphs = [cell.paragraphs[0]]
    for _ in parts[1:]:
        paragraphs.append(cell.add_paragraph())
    for p, line in zip(paragraphs, parts, strict=True):
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(8.5)


def _table(doc: DocxDocument, t: Table) -> None:
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, t.columns, strict=True):
        _cell_text(cell, name, bold=True)
    _repeat_header(table)
    for row in t.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, text)
    doc.add_paragraph()


def _block(d: DocxDocument, b: Block) -> None:
    if isinstance(b, Heading):
        d.add_heading(b.text, level=b.level)
    elif isinstance(b, Para):
        p = d.add_paragraph()
        if b.style == "marking":
            _marking(p, b.text)
        else:
            run = p.add_run(b.text)
            run.italic = b.style in {"note", "generated"}
    elif isinstance(b, Fields):
        for key, value in b.items:
            p = d.add_paragraph()
            p.add_run(f"{key}: ").bold = True
            p.add_run(value)
    elif isinstance(b, Table):
        _table(d, b)
    elif isinstance(b, Bullets):
        for item in b.items:
            d.add_paragraph(item, style="List Bullet")
    elif isinstance(b, Image):
        d.add_picture(io.BytesIO(b.picture.png), width=Cm(17))
        caption = d.add_paragraph()
        caption.add_run(b.picture.alt).italic = True
    else:
        raise TypeError(f"unknown block {b!r}")


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same package with every entry stamped ``when`` (python-docx stamps 'now')."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(blocks: list[Block], *, title: str, marking: str, created: datetime,
                comments: str) -> bytes:
    """The ``.docx`` bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    _marking(section.header.paragraphs[0], marking)
    _marking(section.footer.paragraphs[0], marking)
    for b in blocks:
        _block(doc, b)
    props = doc.core_properties
    props.author = "graphintel"
    props.last_modified_by = "graphintel"
    props.title = title
    props.subject = marking
    props.keywords = f"{marking}; CSE network meeting"
    props.category = marking
    props.comments = comments
    props.created = props.modified = created
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue(), created)
