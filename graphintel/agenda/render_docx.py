"""Render the agenda's blocks as a Word document that prints.

A4, portrait for page 1 and landscape from the first wide table on (each
:class:`~graphintel.agenda.layout.Break` starts a new section); the protective marking in
the header and footer of every page, with "Page N of M"; a table of contents (a TOC field,
filled in with the headings so it reads before Word updates it); tables with column widths
set from their content and header rows repeated across pages; pictures embedded.
Document properties name graphintel as author and carry no person's name; dates are the
analysis run's, and the zip entries carry the same fixed time, so the same agenda gives the
same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from graphintel.agenda.layout import (
    Block,
    Break,
    Bullets,
    Contents,
    Fields,
    Heading,
    Image,
    Para,
    Table,
)
from graphintel.agenda.model import Timeline
from graphintel.agenda.render_html import picture_name
from graphintel.clean import safe_text

RED = RGBColor(0xB0, 0x00, 0x20)
MARGIN_MM = 14
CELL_PT = 8
#: The fewest characters any column gets.
NARROWEST = 2
#: Columns laid out at least this many characters wide, by table name and column: the
#: "Who" of Appendix A fits a date of birth with the age and most names on one line each, so
#: a candidate target's identity takes four lines rather than seven.
WIDEST_WORDS = {"targets": {1: 19}, "other-targets": {1: 19}}
#: Columns whose longest line counts as at most this many characters, by table name and
#: column: Appendix A's reasons give way to the children linked (a row is as tall as its
#: tallest cell, and the children's citations are what make a row tall).
LONGEST_LINE = {"targets": {3: 220}, "other-targets": {4: 220}}


def _marking(paragraph: Paragraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.color.rgb = RED
    run.font.size = Pt(10)


def _field(paragraph: Paragraph, instruction: str, shown: str, size: float = 8) -> None:
    """A Word field (PAGE, NUMPAGES, TOC...) showing ``shown`` until Word updates it."""
    def fld(kind: str) -> None:
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run(shown).font.size = Pt(size)
    fld("end")


def _page_numbers(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ").font.size = Pt(8)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ").font.size = Pt(8)
    _field(paragraph, "NUMPAGES", "1")


def _orient(section: Section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin, section.bottom_margin = Mm(16), Mm(15)
    section.header_distance = section.footer_distance = Mm(7)


def _usable(section: Section) -> int:
    return int(section.page_width or 0) - int(section.left_margin or 0) \
        - int(section.right_margin or 0)


@dataclass
class _Sheet:
    """The document being written, with what each block would otherwise look up again in
    it: a style's id by its name (python-docx searches the styles part for every
    paragraph or table given a style) and the last section's usable width (it finds the
    sections by searching the whole body, which grows with every table)."""

    doc: DocxDocument
    usable: int
    style_ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = field(default_factory=dict)
    #: The next drawing's id: python-docx finds it by searching every attribute of the
    #: document, and only the pictures add ids here.
    shape_id: int = 0

    def __post_init__(self) -> None:
        self.shape_id = self.doc.part.next_id

    def style_id(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        """What python-docx sets for a style given by name (None for the default)."""
        if (name, kind) not in self.style_ids:
            self.style_ids[name, kind] = self.doc.styles.get_style_id(name, kind)
        return self.style_ids[name, kind]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new paragraph at the end, as ``doc.add_paragraph(text, style)`` makes it."""
        p = self.doc.add_paragraph(text)
        if style is not None:
            p._p.style = self.style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return p

    def picture(self, png: bytes, width: Length, alt: str = "") -> None:
        """A paragraph holding the picture, as ``doc.add_picture(png, width=width)``
        makes it, with ``alt`` as its alternative text (Word's "Alt Text", what screen
        readers read): the picture's short name, as the HTML agenda's alt, since the
        caption under it gives the full description, as the HTML agenda's does."""
        run = self.doc.add_paragraph().add_run()
        r_id, image = run.part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width, None)
        inline = CT_Inline.new_pic_inline(self.shape_id, r_id, image.filename, cx, cy)
        if alt:
            name = picture_name(alt)[0]
            inline.docPr.set("title", name)
            inline.docPr.set("descr", name)
        run._r.add_drawing(inline)
        self.shape_id += 1


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
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(0)
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(CELL_PT)


def column_extents(t: Table) -> list[tuple[int, int]]:
    """Each column's narrowest (its longest word) and widest (its longest line) extent, in
    characters, header included."""
    out = []
    for i, name in enumerate(t.columns):
        texts = [name, *(row[i] for row in t.rows)]
        lines_ = [line for text in texts for line in text.split("\n")]
        words = [len(w) for line in lines_ for w in line.split()]
        out.append((max(words + [NARROWEST]), max([len(x) for x in lines_] + [NARROWEST])))
    return out


def _widths(t: Table, usable: int) -> list[int]:
    """Column widths by content, as a browser lays out an automatic table: every column
    at least as wide as its longest word; the room left shared in proportion to how much
    more each column's longest line wants."""
    char, pad = Pt(CELL_PT * 0.65), Mm(5.5)
    floor, cap = WIDEST_WORDS.get(t.name, {}), LONGEST_LINE.get(t.name, {})
    extents = [(max(a, min(b, floor.get(i, 0))), min(b, cap.get(i, b)))
               for i, (a, b) in enumerate(column_extents(t))]
    extents = [(a, max(a, b)) for a, b in extents]
    lo = [int(a * char + pad) for a, _ in extents]
    hi = [int(min(b, 400) * char + pad) for _, b in extents]
    if sum(hi) <= usable:
        spare = usable - sum(hi)
        return [h + spare * h // sum(hi) for h in hi]
    if sum(lo) >= usable:
        return [usable * x // sum(lo) for x in lo]
    room = usable - sum(lo)
    want = sum(h - x for h, x in zip(hi, lo, strict=True)) or 1
    return [x + room * (h - x) // want for h, x in zip(hi, lo, strict=True)]


def _cell_paragraph(bold: bool) -> BaseOxmlElement:
    """A table cell's paragraph as :func:`_cell_text` makes it (no spacing before or after,
    one run of ``CELL_PT`` points), without its text."""
    p = OxmlElement("w:p")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:before"), "0")
    p_pr = OxmlElement("w:pPr")
    p_pr.append(spacing)
    p.append(p_pr)
    r_pr = OxmlElement("w:rPr")
    b = OxmlElement("w:b")
    if not bold:
        b.set(qn("w:val"), "0")
    r_pr.append(b)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(round(CELL_PT * 2)))  # half-points, as Pt(CELL_PT) gives
    r_pr.append(sz)
    r = OxmlElement("w:r")
    r.append(r_pr)
    p.append(r)
    return p


def _xml(element: BaseOxmlElement) -> str:
    """An element as XML text without its namespace declaration, to be repeated inside a
    fragment that declares it once."""
    return etree.tostring(element, encoding="unicode").replace(f" {nsdecls('w')}", "")


def _run_xml(line: str) -> str:
    """A run's content for one line as python-docx writes a run's text: text in ``w:t``
    (spaces kept when it starts or ends with one), a tab as ``w:tab``, a carriage return
    as ``w:br``."""
    if "\t" not in line and "\r" not in line:  # most lines: one text element
        if not line:
            return ""
        keep = ' xml:space="preserve"' if line[0].isspace() or line[-1].isspace() else ""
        return f"<w:t{keep}>{escape(line)}</w:t>"
    out: list[str] = []
    for i, part in enumerate(re.split(r"([\t\r])", line)):
        if i % 2:
            out.append("<w:tab/>" if part == "\t" else "<w:br/>")
        elif part:
            keep = ' xml:space="preserve"' if len(part.strip()) < len(part) else ""
            out.append(f"<w:t{keep}>{escape(part)}</w:t>")
    return "".join(out)


def _table(sheet: _Sheet, t: Table) -> None:
    """The table: its header row through python-docx, its data rows as XML text made from
    one template cell per column and one template paragraph, parsed once (the same XML
    that :func:`_cell_text` makes, without building each element in Python: the
    appendices of a large graph have tens of thousands of cells)."""
    doc = sheet.doc
    table = doc.add_table(rows=1, cols=len(t.columns))
    table._tbl.tblStyle_val = sheet.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    table.autofit = False
    widths = _widths(t, sheet.usable)
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    twips = [str(int(Emu(width).twips)) for width in widths]
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), width)
    for cell, name in zip(table.rows[0].cells, t.columns, strict=True):
        _cell_text(cell, name, bold=True)
    _repeat_header(table)
    for cell, width_ in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Emu(width_)
    columns = []
    for width in twips:
        tc_w = OxmlElement("w:tcW")
        tc_w.set(qn("w:type"), "dxa")
        tc_w.set(qn("w:w"), width)
        tc_pr = OxmlElement("w:tcPr")
        tc_pr.append(tc_w)
        tc = OxmlElement("w:tc")
        tc.append(tc_pr)
        columns.append(_xml(tc).removesuffix("</w:tc>"))
    p_open = _xml(_cell_paragraph(bold=False)).removesuffix("</w:r></w:p>")
    body = "".join(
        "<w:tr>" + "".join(
            column + "".join(f"{p_open}{_run_xml(line)}</w:r></w:p>"
                             for line in (text.split("\n") if text else [""])) + "</w:tc>"
            for column, text in zip(columns, row, strict=True)) + "</w:tr>"
        for row in t.rows)
    if body:
        table._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")))
    _thin(doc.add_paragraph(), after=2)


def _thin(p: Paragraph, after: int = 0) -> None:
    """Make an empty paragraph (the one Word needs after a table, or that holds a section
    break) one point high: a table that fills its page then leaves no blank page."""
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)


def _contents(d: DocxDocument, b: Contents) -> None:
    title = d.add_paragraph()
    run = title.add_run("Contents")
    run.bold = True
    run.font.size = Pt(11)
    p = d.add_paragraph()
    # Until Word updates the field (it asks to on opening), the entries run on as one
    # paragraph, so the contents take three lines of page 1 rather than a dozen.
    _field(p, 'TOC \\o "2-2" \\h \\z \\u', "  ·  ".join(text for text, _ in b.entries),
           size=8)


def _block(sheet: _Sheet, b: Block) -> None:
    d = sheet.doc
    if isinstance(b, Heading):
        sheet.paragraph(b.text, "Title" if b.level == 0 else f"Heading {b.level}")
    elif isinstance(b, Para):
        if b.style == "marking":
            return  # the header and footer of every page carry the marking
        run = d.add_paragraph().add_run(b.text)
        run.italic = b.style in {"note", "generated"}
        if b.style in {"note", "generated"}:
            run.font.size = Pt(8.5)
    elif isinstance(b, Fields):
        for key, value in b.items:
            p = d.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.add_run(f"{key}: ").bold = True
            p.add_run(value)
    elif isinstance(b, Table):
        _table(sheet, b)
    elif isinstance(b, Bullets):
        for item in b.items:
            sheet.paragraph(item, "List Bullet")
    elif isinstance(b, Image):
        timeline = isinstance(b.picture, Timeline)
        sheet.picture(b.picture.png, Cm(20 if timeline else 12.5), b.picture.alt)
        caption = d.add_paragraph()
        caption.add_run(b.picture.alt).italic = True
    elif isinstance(b, Break):
        section = d.add_section(WD_SECTION.NEW_PAGE)
        _thin(d.paragraphs[-1])  # the paragraph that now ends the section before
        _orient(section, b.landscape)
        sheet.usable = _usable(section)
    elif isinstance(b, Contents):
        _contents(d, b)
    else:
        raise TypeError(f"unknown block {b!r}")


def _safe(b: Block) -> Block:
    """``b`` with every text it shows as Word can hold it: without the control characters
    XML 1.0 forbids (one ``ESC`` in a name made the whole document fail), bidi overrides
    and invisible format characters (:func:`~graphintel.clean.safe_text`). Ingest removes
    them; this keeps a graph loaded before it did from breaking the agenda."""
    if isinstance(b, Heading | Para):
        return replace(b, text=safe_text(b.text))
    if isinstance(b, Fields):
        return replace(b, items=tuple((safe_text(k), safe_text(v)) for k, v in b.items))
    if isinstance(b, Table):
        return replace(b, columns=tuple(safe_text(c) for c in b.columns),
                       rows=tuple(tuple(safe_text(c) for c in row) for row in b.rows))
    if isinstance(b, Bullets):
        return replace(b, items=tuple(safe_text(i) for i in b.items))
    if isinstance(b, Image):
        return replace(b, picture=replace(b.picture, alt=safe_text(b.picture.alt)))
    if isinstance(b, Contents):
        return replace(b, entries=tuple((safe_text(t), a) for t, a in b.entries))
    return b


#: The document's language (python-docx's template says en-US): Word checks the spelling,
#: and screen readers pronounce the text, in the language the document declares.
LANGUAGE = "en-GB"


def _language(doc: DocxDocument) -> None:
    """Declare :data:`LANGUAGE` as the language of all text (the style defaults, the
    theme fonts and the document properties)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        doc.styles.element.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    for theme in doc.settings.element.findall(qn("w:themeFontLang")):
        theme.set(qn("w:val"), LANGUAGE)
    doc.core_properties.language = LANGUAGE


def _styles(doc: DocxDocument) -> None:
    _language(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(3)
    for level, size in ((1, 16), (2, 13), (3, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(8 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


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
    _styles(doc)
    section = doc.sections[0]
    _orient(section, False)
    _marking(section.header.paragraphs[0], marking)
    _marking(section.footer.paragraphs[0], marking)
    _page_numbers(section.footer.add_paragraph())
    sheet = _Sheet(doc, _usable(section))
    for b in blocks:
        _block(sheet, _safe(b))
    props = doc.core_properties
    props.author = "graphintel"
    props.last_modified_by = "graphintel"
    props.title = safe_text(title)
    props.subject = marking
    props.keywords = f"{marking}; CSE network meeting"
    props.category = marking
    props.comments = safe_text(comments)
    props.created = props.modified = created
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue(), created)
