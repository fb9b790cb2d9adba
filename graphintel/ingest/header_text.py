"""How a table's header is shown in a message, and what to say when its bytes show that the
file is not in the encoding it was read in.

A header read from a cp1252 file as UTF-8 holds lone surrogates (``Call\\udce9e``), and one
from a UTF-16 file without a byte-order mark holds a NUL between letters. Shown as they
are, the first cannot be printed or logged and the second prints as ``C a l l e r``; and a
mapping whose columns are "missing" from such a header is right, the encoding is not. So
the header is shown escaped (``Call\\xe9e``, as :func:`graphintel.safe_text.escaped`
writes bytes everywhere; a NUL as ``\\0``), and the fix names the encoding.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphintel.safe_text import escaped, has_bad_bytes

__all__ = ["UTF16_BOMS", "encoding_fix", "shown_columns"]

#: Byte-order marks that start a UTF-16 file (little-, big-endian). No UTF-8 or cp1252
#: table starts with them, so a file that does is read as UTF-16 whatever its mapping says.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def shown_columns(header: Sequence[str]) -> str:
    """The column names as a message shows them: undecodable bytes as ``\\xNN``, NUL as ``\\0``.

    >>> shown_columns(["Caller", "Call\\udce9e"]), shown_columns(["C\\x00a\\x00l\\x00l\\x00"])
    ('Caller, Call\\\\xe9e', 'C\\\\0a\\\\0l\\\\0l\\\\0')
    """
    return ", ".join(escaped(c).replace("\x00", "\\0") for c in header)


def encoding_fix(header: Sequence[str], encoding: str) -> str | None:
    """What to do when the header's bytes say the file is not ``encoding``; None when they
    do not. NULs come first: in UTF-16 read as UTF-8 any letter past ASCII is a bad byte too.

    >>> encoding_fix(["Call\\udce9e"], "utf-8")  # doctest: +ELLIPSIS
    "the header is not valid utf-8 (\\\\xe9): declare the file's encoding in the mapping ..."
    >>> encoding_fix(["C\\x00a\\x00"], "utf-8")  # doctest: +ELLIPSIS
    'the header holds NUL bytes (\\\\0): the file looks like UTF-16 without ...'
    >>> encoding_fix(["Caller"], "utf-8") is None
    True
    """
    if any("\x00" in h for h in header):
        return ("the header holds NUL bytes (\\0): the file looks like UTF-16 "
                "without a byte-order mark, which is not read: save it as UTF-8 (or as "
                "UTF-16 with a byte-order mark)")
    bad = next((c for h in header for c in h if has_bad_bytes(c)), None)
    if bad is not None:
        return (f"the header is not valid {encoding} ({escaped(bad)}): declare the file's "
                "encoding in the mapping (file: {encoding: cp1252} for a Windows export), or "
                "save the file as UTF-8")
    return None
