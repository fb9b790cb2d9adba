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
    r"|(?P<road>[A-Z][0-9]{1,3}) (?P<after>[A-Z]{3})|[A-Z][0-9]{1,3}[A-Z]{3}"  # prefix
    r"|(?P<before>[A-Z]{3}) (?P<amount>[0-9]{1,3}[A-Z])|[A-Z]{3}[0-9]{1,3}[A-Z])\b",  # suffix
    re.IGNORECASE,
)
_ROAD = re.compile(r"[ABM][0-9]{1,4}", re.IGNORECASE)
#: Words that say a vehicle mark follows (``reg a123 bcd``, ``VRM: abc 123d``, ``index
#: A38 VIA``, ``plate JS 7``): after one, a shape :func:`_prose` would call a road or an
#: amount is a mark, and so is a dateless mark (``_CUED``).
_CUE_WORDS = (r"\b(?:reg(?:istration)?|vrm|(?:number\s+)?plates?|index)"
              r"(?:\s*(?:no|number|mark)\b)?[\s.:#-]*")
_CUE = re.compile(_CUE_WORDS + "$", re.IGNORECASE)
_CUED = re.compile(_CUE_WORDS + r"(?P<mark>[A-Z]{1,3} ?[0-9]{1,4}|[0-9]{1,4} ?[A-Z]{1,3})\b",
                   re.IGNORECASE)
#: Three-letter words of ordinary prose. Written apart from a road number ("the A38 via
#: Bedminster", "on the M5 and") or from an amount ("missing for 3h", "got 2k", "was 5m")
#: they make the shape of a prefix or suffix mark, and are no vehicle.
WORDS = frozenset("""
    ACT ADD AGE AGO AID AIM AIR ALL AND ANY APP ARE ARM ART ASK ATE BAD BAG BAR BED
    BIG BIT BOX BOY BUS BUT BUY CAB CAN CAR CUT DAD DAY DID DIE DOG DUE EAR EAT EGG
    END ERA EYE FAR FAT FED FEE FEW FIT FLY FOR FOX FUN GAP GAS GAY GET GOT GUN GUY HAD HAS
    HAT HER HID HIM HIS HIT HOT HOW ICE ILL ITS JOB KEY KID LAD LAW LAY LED LEG LET LIE LOT
    LOW MAD MAN MAP MAY MEN MET MID MIX MUM NAN NEW NIL NOR NOT NOW NUT ODD OFF OIL OLD ONE
    OUR OUT OWE OWN PAD PAY PEN PER PET PIN POT PUB PUT RAN RAW RED RID ROW RUN SAD SAT SAW
    SAY SEA SEE SET SEX SHE SIT SIX SON SUM SUN TAX TEA TEN THE TIE TOO TOP TOY TRY TWO USE
    VAN VIA WAR WAS WAY WET WHO WHY WIN WON YES YET YOU
""".split())
#: Units written after a number in prose: hours, minutes or miles, seconds, thousands,
#: days, weeks, years, grams, pence, times.
_UNITS = frozenset("hmskdwygpx")


def _prose(match: re.Match[str]) -> bool:
    """Whether a mark found written apart (``A38 VIA``, ``FOR 3H``) is a road or an amount
    beside a word: a road number (A, B or M and its number) beside a word, or a word before
    a number and its unit. A word is one of :data:`WORDS`, or three letters written in
    lower or mixed case next to a road number or a lower-case unit (``Mia 3h``); a mark
    is written in capitals."""
    if match.group("road") is not None:
        after = match.group("after")
        return after.upper() in WORDS or (
            _ROAD.fullmatch(match.group("road")) is not None and not after.isupper())
    if match.group("before") is not None:
        before, amount = match.group("before"), match.group("amount")
        unit = amount[-1]
        return before.upper() in WORDS or (
            unit.lower() in _UNITS and unit.islower() and not before.isupper())
    return False


#: Words of one or two letters, and months, that a number is written apart from in prose
#: ("INDEX 1 OF 3", "first registration 12 MAY 2015"): no dateless mark after a cue word.
_SHORT_WORDS = frozenset("""
    A I AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE
    JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC
""".split())


def _apart_prose(mark: str) -> bool:
    """Whether a dateless mark found after a cue word, written apart, is prose: its letters
    not in capitals ("index 12 on"), or a word or a month ("INDEX 1 OF 3", "12 MAY")."""
    if " " not in mark:
        return False
    letters = "".join(c for c in mark if c.isalpha())
    return not letters.isupper() or letters in _SHORT_WORDS or letters in WORDS


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
    digits in a fixed shape); dateless marks look too much like ordinary words and
    numbers, unless a word just before says a mark follows (``reg``, ``registration``,
    ``VRM``, ``plate``, ``index``: ``plate JS 7``; written apart, in capitals and no word
    or month: ``index 12 on`` and ``registration 12 MAY`` are no marks).
    Case-insensitive; one space is allowed at the usual split (``AB12 CDE``, ``A123
    BCD``, ``ABC 123D``), but a prefix or suffix shape written apart that is a road and a
    word (``M5 and``, ``A38 via``) or a word and an amount (``for 3h``, ``got 2k``) is
    prose (:func:`_prose`), as is a prefix or suffix mark written apart in lower case
    (``a123 bcd`` reads as road A123 and a word), unless such a word comes just before it.

    >>> find_vrms("silver Fiesta ab12 cde, later AB12CDE and A123 BCD")
    ['AB12CDE', 'A123BCD']
    >>> find_vrms("missing for 3h, seen on the M5 and the A38 via Bedminster")
    []
    >>> find_vrms("old Escort reg a123 bcd, Mini VRM: abc 123d, Range Rover plate JS 7")
    ['A123BCD', 'ABC123D', 'JS7']
    """
    text = as_text(text)
    marks: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for match in _IN_TEXT.finditer(text):
        if not _prose(match) or _CUE.search(text, 0, match.start()) is not None:
            marks.append((match.start(), match.group(0)))
            spans.append(match.span())
    marks += [(m.start("mark"), m.group("mark")) for m in _CUED.finditer(text)
              if not any(a <= m.start("mark") < b for a, b in spans)  # not a longer mark's
              and not _apart_prose(m.group("mark"))]
    found: list[str] = []
    for _, mark in sorted(marks):
        vrm = mark.replace(" ", "").upper()
        if vrm not in found:
            found.append(vrm)
    return found
