"""Free text and names: characters that hide, reorder or break what is shown, taken out.

A report's text goes to terminals, Word, XML chart files and web pages. Some characters
are invisible there yet change what a reader sees or break the file:

- C0 and C1 control characters (``ESC`` starts a terminal escape sequence, ``NUL`` and
  most others are not allowed in XML 1.0, so one of them in a name makes the Word agenda
  and the GEXF, ANX and GraphML charts unreadable);
- the Unicode bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069, plus the marks U+200E, U+200F and U+061C), which display
  ``Jo\\u202eeman`` as ``Jonamee``;
- invisible format characters that make two names look alike but differ (zero-width space
  and joiners U+200B-U+200D, word joiner and invisible operators U+2060-U+2064, deprecated
  format characters U+206A-U+206F, byte order mark U+FEFF, soft hyphen U+00AD, Mongolian
  vowel separator U+180E, interlinear annotations U+FFF9-U+FFFB, tag characters
  U+E0000-U+E007F, which can carry hidden text);
- lone surrogates and U+FFFE/U+FFFF, which no UTF-8 output or XML file can hold.

:func:`clean_text` removes them and says so with a flag, so nothing is changed silently.
"""

from __future__ import annotations

import re

from graphintel.clean.result import Cleaned, raw_of

#: The data-quality flag of a value that had characters removed or replaced.
TEXT_FLAG = "control_characters_removed"

# Line and paragraph breaks other than "\n" (what str.splitlines splits at): a line
# break in multi-line text, a space in a one-line value.
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Removed everywhere: controls other than tab, line feed and the breaks above, the
# bidi and invisible format characters, surrogates and the two non-characters XML forbids.
_DROP = ("\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
         "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff"
         "\ud800-\udfff\U000e0000-\U000e007f")
_DROP_RE = re.compile(f"[{_DROP}]+")
_BREAKS_RE = re.compile(f"\r\n|[{_BREAKS}]")
_ONE_LINE_RE = re.compile(f"[\t\n{_BREAKS}]")
# Anything at all to do, for the fast path (most values hold none of these).
_MULTI_ANY = re.compile(f"[{_DROP}{_BREAKS}]")
_ONE_LINE_ANY = re.compile(f"[{_DROP}{_BREAKS}\t\n]")


def clean_text(raw: object, *, multiline: bool = False) -> Cleaned:
    """``raw`` as text without control, bidi and invisible format characters.

    ``multiline`` (narratives, descriptions, notes): tab and line feed are kept and the
    other line breaks (CR, VT, FF, NEL, U+2028, U+2029; a CRLF pair) become a line feed.
    Otherwise (names, references, handles, addresses: values that are one line and may go
    into a key) every tab and line break becomes a space. Every other control character
    and every character listed in the module docstring is removed.

    The value is not stripped or otherwise changed (the cleaners of each field do that);
    ``flags`` is ``(TEXT_FLAG,)`` when anything but a CRLF line end was removed or
    replaced. ``None`` gives a value of ``None``. Never raises.

    >>> clean_text("Escy\\x1b[2J\\x07 Name").value
    'Escy[2J Name'
    >>> clean_text("Jo\\u202eeman\\u202c").flags
    ('control_characters_removed',)
    >>> clean_text("line 1\\r\\nline 2", multiline=True)
    Cleaned(value='line 1\\nline 2', raw='line 1\\r\\nline 2', flags=(), error=None)
    """
    if raw is None:
        return Cleaned(None, "")
    text = raw_of(raw)
    if not (_MULTI_ANY if multiline else _ONE_LINE_ANY).search(text):
        return Cleaned(text, text)
    if multiline:
        plain = text.replace("\r\n", "\n")
        out = _BREAKS_RE.sub("\n", _DROP_RE.sub("", plain))
    else:
        plain = text
        out = _ONE_LINE_RE.sub(" ", _DROP_RE.sub("", text))
    return Cleaned(out, text, (TEXT_FLAG,) if out != plain else ())


def safe_text(value: object) -> str:
    """``value`` as text an output can always hold: :func:`clean_text` multi-line, ``""``
    for ``None``. For outputs (Word, XML charts) fed from a graph that may predate the
    cleaning at ingest.

    >>> safe_text("Ann\\x00 \\u202eX\\ty"), safe_text(None)
    ('Ann X\\ty', '')
    """
    return clean_text(value, multiline=True).value or ""


def too_long(text: str, max_chars: int, max_bytes: int) -> str | None:
    """Why ``text`` is too long to be a key or an indexed value, or None when it is not.

    Counted in characters and in UTF-8 bytes (the graph's index limit is in bytes, and a
    character takes up to four).

    >>> too_long("abc", 2, 100)
    'is 3 characters long, over the limit of 2'
    >>> too_long("\\u00e9\\u00e9", 10, 3)
    'is 4 bytes in UTF-8, over the limit of 3 bytes'
    >>> too_long("ok", 2, 2) is None
    True
    """
    if len(text) > max_chars:
        return f"is {len(text)} characters long, over the limit of {max_chars}"
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return f"is {size} bytes in UTF-8, over the limit of {max_bytes} bytes"
    return None
