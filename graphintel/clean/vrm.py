"""Vehicle registration marks (VRMs): upper case, no spaces, checked against GB formats.

A Vehicle node is merged on this key, so ``ab12 cde`` and ``AB12-CDE`` must meet. A mark that
fits no GB format (foreign, trade plate, typo) is kept in the same normalised form with the
flag ``unrecognised_vrm``: it may still be the only handle on a vehicle.
"""

from __future__ import annotations

import re

from graphintel.clean.result import Cleaned, as_text, raw_of

_SEPARATORS = re.compile(r"[\s\-.]+")

#: GB formats by name, each matched against the whole normalised mark. Northern Ireland
#: marks are also dateless-shaped; they are listed first so :func:`vrm_format` names them.
FORMATS: dict[str, re.Pattern[str]] = {
    "current": re.compile(r"[A-Z]{2}[0-9]{2}[A-Z]{3}"),  # AB12CDE (2001 on)
    "prefix": re.compile(r"[A-Z][0-9]{1,3}[A-Z]{3}"),  # A123BCD (1983-2001)
    "suffix": re.compile(r"[A-Z]{3}[0-9]{1,3}[A-Z]"),  # ABC123D (1963-1983)
    "northern_ireland": re.compile(r"(?=[A-Z]{0,2}[IZ])[A-Z]{2,3}[0-9]{1,4}"),  # ABZ1234, AZ1234
    "dateless": re.compile(r"[A-Z]{1,3}[0-9]{1,4}|[0-9]{1,4}[A-Z]{1,3}"),  # ABC1234, 1234ABC
}

# Free text: only formats with a fixed letter-digit-letter shape (few false positives on
# ordinary words), optional single space at the usual split.
_IN_TEXT = re.compile(
    r"\b(?:[A-Z]{2}[0-9]{2} ?[A-Z]{3}"  # current
    r"|[A-Z][0-9]{1,3} ?[A-Z]{3}"  # prefix
    r"|[A-Z]{3} ?[0-9]{1,3}[A-Z])\b",  # suffix
    re.IGNORECASE,
)


def vrm_format(vrm: str) -> str | None:
    """The name of the first GB format a normalised mark fits, or None.

    >>> vrm_format("AB12CDE"), vrm_format("ABZ1234"), vrm_format("AB-12")
    ('current', 'northern_ireland', None)
    """
    for name, pattern in FORMATS.items():
        if pattern.fullmatch(vrm):
            return name
    return None


def clean_vrm(raw: object) -> Cleaned:
    """Normalise a VRM: upper case with spaces, hyphens and dots removed.

    >>> clean_vrm("ab12 cde").value
    'AB12CDE'
    >>> c = clean_vrm("ab-12 cd x1")
    >>> c.value, c.flags
    ('AB12CDX1', ('unrecognised_vrm',))
    """
    text, given = as_text(raw), raw_of(raw)
    vrm = _SEPARATORS.sub("", text).upper()
    if not vrm:
        return Cleaned(None, given, ("unrecognised_vrm",), "empty")
    if vrm_format(vrm) is None:
        return Cleaned(vrm, given, ("unrecognised_vrm",), "not a recognised GB registration format")
    return Cleaned(vrm, given)


def find_vrms(text: str) -> list[str]:
    """Normalised VRMs found in free text, deduplicated, in order of first appearance.

    Only the current, prefix and suffix formats are looked for (each needs letters and
    digits in a fixed shape); dateless marks look too much like ordinary words and numbers.
    Case-insensitive; one space is allowed at the usual split (``AB12 CDE``, ``A123 BCD``,
    ``ABC 123D``).

    >>> find_vrms("silver Fiesta ab12 cde, later AB12CDE and A123 BCD")
    ['AB12CDE', 'A123BCD']
    """
    found: list[str] = []
    for match in _IN_TEXT.finditer(as_text(text)):
        vrm = match.group(0).replace(" ", "").upper()
        if vrm not in found:
            found.append(vrm)
    return found
