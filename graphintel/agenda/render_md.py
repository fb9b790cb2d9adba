"""Render the agenda's blocks as Markdown (GitHub-flavoured tables). Every piece of data is
escaped, so a name such as ``<script>`` or ``a | b`` stays text."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_LIST_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def escape(text: str, *, line_start: bool = True) -> str:
    """Backslash-escape Markdown punctuation, and (at a line start) what would begin a list."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LIST_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else
                                m.group(3) + "\\" + m.group(4)), text)


def _cell(text: str) -> str:
    return "<br>".join(escape(line, line_start=False) for line in text.split("\n")) \
        if text else " "


def _table(t: Table) -> list[str]:
    out = ["| " + " | ".join(_cell(c) for c in t.columns) + " |",
           "| " + " | ".join("---" for _ in t.columns) + " |"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    return out


def _block(b: Block) -> list[str]:
    if isinstance(b, Heading):
        return ["#" * b.level + " " + escape(b.text)]
    if isinstance(b, Para):
        if b.style == "marking":
            return [f"**{escape(b.text)}**"]
        if b.style == "note":
            return [f"_{escape(b.text)}_"]
        return [escape(b.text)]
    if isinstance(b, Fields):
        return [f"- **{escape(k)}:** {escape(v)}" for k, v in b.items]
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Bullets):
        return [f"- {escape(item)}" for item in b.items]
    if isinstance(b, Image):
        return [f"![{escape(b.picture.alt)}]({b.picture.file_name})"]
    if isinstance(b, Break):
        return []
    if isinstance(b, Contents):
        return ["**Contents**", ""] + [f"- [{escape(text, line_start=False)}](#{anchor})"
                                       for text, anchor in b.entries]
    raise TypeError(f"unknown block {b!r}")


def render_markdown(blocks: list[Block]) -> str:
    """The whole document; blocks are separated by one blank line."""
    return "\n\n".join("\n".join(lines) for b in blocks if (lines := _block(b))) + "\n"
