"""Render the agenda's blocks as one self-contained HTML file.

No script, no external font, stylesheet or image: pictures are ``data:`` URIs and a
Content-Security-Policy forbids anything else. A print stylesheet lays it out on A4 with
the protective marking at the top and bottom of every page.
"""

from __future__ import annotations

import base64
from html import escape

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

CSS = """
:root { color-scheme: light; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 11pt;
  line-height: 1.4; color: #111; background: #fff; max-width: 1100px; margin: 0 auto;
  padding: 0 1.5rem 2rem; }
h1 { font-size: 1.7em; margin: 0.4em 0; }
h2 { font-size: 1.35em; margin: 1.6em 0 0.4em; padding-bottom: 0.15em;
  border-bottom: 2px solid #333; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
.marking { font-weight: 700; color: #b00020; text-align: center; letter-spacing: 0.08em;
  border: 2px solid #b00020; padding: 0.2em; margin: 0.8em 0; }
.generated { color: #555; font-size: 0.9em; }
.note { font-style: italic; background: #fff6e0; border-left: 4px solid #d08c00;
  padding: 0.3em 0.6em; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em;
  margin: 0.5em 0; }
dl.fields dt { font-weight: 700; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; font-size: 0.92em; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th { background: #e8e8e8; }
table.actions td:nth-child(n+4), table.carried td:nth-child(n+4) { min-width: 6em; }
nav.contents ol { columns: 2; font-size: 0.9em; margin: 0.2em 0 0.6em; }
nav.contents a { display: inline-block; padding: 0.3em 0; min-height: 24px;
  box-sizing: border-box; }
figure { margin: 0.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 0.85em; color: #444; }
@page { size: A4; margin: 20mm 14mm 18mm 14mm;
  @top-center { content: "OFFICIAL-SENSITIVE"; font: 700 10pt Arial, sans-serif;
    color: #b00020; }
  @bottom-center { content: "OFFICIAL-SENSITIVE"; font: 700 10pt Arial, sans-serif;
    color: #b00020; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 8pt Arial, sans-serif; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  .marking { display: none; }
  .page-break { break-before: page; }
  nav.contents a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; }
  tr, figure, dl.fields, .note { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #e8e8e8 !important; print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


#: Tables whose first cell of each row names the row ("Networks of concern" in the
#: summary), so it is a row header and a screen reader reads it with each cell.
ROW_HEADED = frozenset({"summary"})


def _row(t: Table, row: tuple[str, ...]) -> str:
    if t.name in ROW_HEADED and row:
        first, rest = f'<th scope="row">{_text(row[0])}</th>', row[1:]
    else:
        first, rest = "", row
    return "<tr>" + first + "".join(f"<td>{_text(c)}</td>" for c in rest) + "</tr>"


def _table(t: Table) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in t.columns)
    body = "\n".join(_row(t, row) for row in t.rows)
    cls = f' class="{escape(t.name)}"' if t.name else ""
    return f"<table{cls}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _block(b: Block) -> str:
    if isinstance(b, Heading):
        return f'<h{b.level} id="{escape(b.anchor)}">{escape(b.text)}</h{b.level}>'
    if isinstance(b, Para):
        cls = f' class="{b.style}"' if b.style != "text" else ""
        return f"<p{cls}>{escape(b.text)}</p>"
    if isinstance(b, Fields):
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in b.items)
        return f'<dl class="fields">{items}</dl>'
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, Image):
        data = base64.b64encode(b.picture.png).decode("ascii")
        name, description = picture_name(b.picture.alt)
        # the picture's name as its alt, the full description once, in the caption (an
        # alt the same as the caption is read out twice)
        caption = (f"<figcaption>{escape(description)}</figcaption>" if description
                   else f'<figcaption aria-hidden="true">{escape(name)}</figcaption>')
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{escape(name)}">'
                f"{caption}</figure>")
    if isinstance(b, Break):
        return '<div class="page-break"></div>'
    if isinstance(b, Contents):
        items = "".join(f'<li><a href="#{escape(anchor)}">{escape(text)}</a></li>'
                        for text, anchor in b.entries)
        return f'<nav class="contents"><p><strong>Contents</strong></p><ol>{items}</ol></nav>'
    raise TypeError(f"unknown block {b!r}")


def picture_name(alt: str) -> tuple[str, str]:
    """A picture's short name and its full description, from its alt text ("Picture of
    network 3: 9 people, ..." gives "Picture of network 3" and the whole text); an alt
    text with no name before a colon is the name alone, with no description."""
    name, colon, rest = alt.partition(": ")
    if colon and name.strip() and rest.strip():
        return name.strip(), alt
    return alt, ""


def _section_class(b: Heading) -> str:
    if b.anchor.startswith("network-"):
        return "network"
    return b.anchor


def render_html(blocks: list[Block], title: str) -> str:
    """The whole page. Each level-2 heading opens a ``<section>``; everything is inside
    ``<main>``, the page's one landmark, so nothing is outside a landmark."""
    body: list[str] = []
    open_section = False
    for b in blocks:
        if isinstance(b, Heading) and b.level == 2:
            if open_section:
                body.append("</section>")
            body.append(f'<section class="{escape(_section_class(b))}">')
            open_section = True
        elif isinstance(b, Para) and b.style == "marking" and open_section:
            body.append("</section>")
            open_section = False
        body.append(_block(b))
    if open_section:
        body.append("</section>")
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")
