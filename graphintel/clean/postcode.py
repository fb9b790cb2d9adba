"""UK postcodes in canonical form: outward code, one space, inward code (``BA1 1AA``).

Locations are keyed on postcode + address, so ``ba11aa`` and ``BA1-1AA`` must meet.
Validation uses the standard UK postcode pattern (as in the GOV.UK data standards, with
``GIR 0AA``); it checks the shape, not that the postcode exists.
"""

from __future__ import annotations

import re

from graphintel.clean.result import Cleaned, as_text, raw_of

_OUTWARD = r"(?:[A-Z][A-HJ-Y][0-9][A-Z]|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][0-9]{1,2})"
_INWARD = r"[0-9][A-Z]{2}"
_COMPACT = re.compile(rf"(?:GIR0AA|{_OUTWARD}{_INWARD})")
_IN_TEXT = re.compile(rf"\b(?:GIR ?0AA|{_OUTWARD} ?{_INWARD})\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-]+")
#: Punctuation a postcode written at the end of a sentence or in brackets has around it.
_AROUND = re.compile(r"^[\s.,;:!?()\[\]{}\"'`]+|[\s.,;:!?()\[\]{}\"'`]+$")


def _canonical(compact: str) -> str:
    return f"{compact[:-3]} {compact[-3:]}"


def clean_postcode(raw: object) -> Cleaned:
    """Canonicalise a UK postcode; spaces, hyphens, case and punctuation around it
    (``BS1 4YQ.``, ``(BA1 1AA)``) in the input do not matter.

    A text that is not a UK postcode shape is kept stripped of the punctuation around it
    and upper-cased (inner whitespace collapsed) with flag ``unrecognised_postcode`` and an
    error.

    >>> clean_postcode(" ba1  1aa ").value, clean_postcode("BS1 4YQ.").value
    ('BA1 1AA', 'BS1 4YQ')
    >>> clean_postcode("BA1").error
    'not a UK postcode format'
    """
    text, given = _AROUND.sub("", as_text(raw)), raw_of(raw)
    compact = _SEPARATORS.sub("", text).upper()
    if not compact:
        return Cleaned(None, given, ("unrecognised_postcode",), "empty")
    if not _COMPACT.fullmatch(compact):
        kept = " ".join(text.upper().split())
        return Cleaned(kept, given, ("unrecognised_postcode",), "not a UK postcode format")
    return Cleaned(_canonical(compact), given)


def find_postcodes(text: str) -> list[str]:
    """Canonical postcodes found in free text, deduplicated, in order of first appearance.

    Only full postcodes count (outward and inward code, at most one space between, word
    boundaries on both sides), case-insensitive: an outward code alone (``BA1``) is not
    enough to place anything.

    >>> find_postcodes("seen at ba11aa then BA1 1AA, later near SW1A 2AA")
    ['BA1 1AA', 'SW1A 2AA']
    """
    found: list[str] = []
    for match in _IN_TEXT.finditer(as_text(text)):
        postcode = _canonical(match.group(0).replace(" ", "").upper())
        if postcode not in found:
            found.append(postcode)
    return found
