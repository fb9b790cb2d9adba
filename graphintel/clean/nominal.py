"""Nominal references (a records system's person ID, or a PNC ID) as identity keys.

A Person is merged on ``ref:<nominal reference>``, so ``N0012345``, ``n0012345``,
``N 0012345`` and ``N0012345.`` (the end of a sentence) must meet: the key is the reference
in upper case, without spaces and without the punctuation around it. A separator inside it
(``/``, ``-``, ``.``) is kept: ``12/345678A`` is not ``12345678A`` of another system. A PNC ID
(year, ``/``, serial number, check letter) is written with a two-digit year and its serial
without leading zeros, the way the PNC prints it: ``2012/0345678A`` is ``12/345678A``.
"""

from __future__ import annotations

import re

from graphintel.clean.result import Cleaned, as_text, raw_of

_SPACES = re.compile(r"\s+")
_AROUND = re.compile(r"^[\W_]+|[\W_]+$")
_PNC = re.compile(r"(?:19|20)?(\d{2})/0*(\d{1,7})([A-Z])")


def clean_nominal_ref(raw: object) -> Cleaned:
    """A nominal reference as its key: upper case, no spaces, no punctuation around it.

    Never fails on text: a reference of any shape is a reference of some system; ``value``
    is None (error ``empty``) only when nothing but spaces and punctuation was given.

    >>> [clean_nominal_ref(r).value for r in ("n0012345", "N 0012345", "N0012345.")]
    ['N0012345', 'N0012345', 'N0012345']
    >>> clean_nominal_ref("12 / 0345678 a").value, clean_nominal_ref("2012/345678A").value
    ('12/345678A', '12/345678A')
    >>> clean_nominal_ref(" - ").error
    'empty'
    """
    given = raw_of(raw)
    ref = _AROUND.sub("", _SPACES.sub("", as_text(raw)).upper())
    if not ref:
        return Cleaned(None, given, (), "empty")
    pnc = _PNC.fullmatch(ref)
    if pnc:
        ref = f"{pnc.group(1)}/{pnc.group(2)}{pnc.group(3)}"
    return Cleaned(ref, given)


def nominal_key(raw: object) -> str | None:
    """The key form of a stored nominal reference, None when there is none: what two
    people's references are compared by, so that a person loaded before references were
    normalised (``n0012345``) is not told apart from one loaded after (``N0012345``).

    >>> nominal_key("n 0012345"), nominal_key(None)
    ('N0012345', None)
    """
    return clean_nominal_ref(raw).value
