"""The Word renderer's table cells are written as XML text: each line must be what
python-docx itself writes for a run with that text."""

from __future__ import annotations

import importlib

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

render_docx = importlib.import_module("graphintel.agenda.render_docx")


@pytest.mark.parametrize("line", [
    "", "plain text", " leading space", "trailing space ", "  ", "a\tb", "\tafter a tab",
    "before a break\r", "a\rb\tc", "<b>&amp; \"quoted\" 'text'</b>", "\u00a0no-break space",
    "naïve café — 12 × 3",
])
def test_a_table_line_is_written_as_python_docx_writes_a_run(line: str) -> None:
    expected = Document().add_paragraph().add_run(line)._r
    ours = parse_xml(f"<w:r {nsdecls('w')}>{render_docx._run_xml(line)}</w:r>")
    assert [(c.tag, c.text, dict(c.attrib)) for c in ours] == \
        [(c.tag, c.text, dict(c.attrib)) for c in expected]
