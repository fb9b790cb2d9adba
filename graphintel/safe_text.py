"""Text that can always be written: undecodable bytes shown as ``\\xNN``.

Python reads a file name, or a file decoded with ``surrogateescape``, that is not valid
UTF-8 into a string holding lone surrogates (``'\\udce9'`` for the byte 0xE9). Such a
string cannot be encoded as UTF-8: written to Neo4j, the audit log, a JSON summary or the
terminal it raises ``UnicodeEncodeError``. :func:`escaped` gives the text every such place
is given instead, the same way everywhere (as ``ls -b`` shows a file name), so a name in a
message, the audit log and the summary reads the same.
"""

from __future__ import annotations

import re

__all__ = ["escaped", "has_bad_bytes"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"  # a lone surrogate of some other origin


def escaped(text: str) -> str:
    """``text`` with each undecodable byte as ``\\xNN`` (any other lone surrogate as
    ``\\uXXXX``); text without them is returned as it is.

    >>> escaped("r\\udce9ports.jsonl"), escaped("Callée")
    ('r\\\\xe9ports.jsonl', 'Callée')
    """
    return _SURROGATE.sub(_shown, text)


def has_bad_bytes(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (a byte that did not decode).

    >>> has_bad_bytes("r\\udce9ports.jsonl"), has_bad_bytes("réports.jsonl")
    (True, False)
    """
    return _SURROGATE.search(text) is not None
