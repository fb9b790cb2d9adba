"""Pure comparison helpers for entity resolution: names, dates of birth, phones, addresses.

No I/O here: :mod:`.candidates` reads the graph and uses these to build blocking keys and
to score the pairs the blocks produce.

>>> round(name_similarity("tia webb", "tia webbb"), 2)
0.96
>>> dob_relation("1990-02-11", "1990-11-02")
('near', 'day and month swapped')
>>> phone_digits("+44 (0)7700 900123"), phone_digits("07700-900-123")
('07700900123', '07700900123')
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from graphintel.clean import name_key

_CONSONANTS = "bfpvcgjkqsxzdtlmnr"
_SOUNDEX = str.maketrans(_CONSONANTS, "111122222222334556")
_ADDRESS_WORDS = {
    "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "ln": "lane",
    "dr": "drive", "cres": "crescent", "cl": "close", "ct": "court", "pl": "place",
    "sq": "square", "terr": "terrace", "ter": "terrace", "gdns": "gardens", "gr": "grove",
    "pk": "park", "hse": "house", "flt": "flat", "apt": "flat", "apartment": "flat",
    "nr": "near", "opp": "opposite", "bldg": "building",
}
_TRANSPOSABLE = (2, 4, 6)  # first digit of the year's last two, of the month, of the day
_HOUSE_NUMBER = re.compile(r"^\d+[a-z]?$")
_DIGITISH = re.compile(r"(?<![A-Za-z])[0-9OoIl]+(?![A-Za-z])")
_LOOKALIKE_DIGITS = str.maketrans({"o": "0", "O": "0", "i": "1", "I": "1", "l": "1"})


def soundex(word: str) -> str:
    """American Soundex of one word (``"smith"`` -> ``"S530"``); empty for no letters.

    >>> soundex("smith"), soundex("smyth"), soundex("robert"), soundex("rupert")
    ('S530', 'S530', 'R163', 'R163')
    """
    letters = [c for c in word.lower() if "a" <= c <= "z"]
    if not letters:
        return ""
    first = letters[0]
    out = [first.upper()]
    last = first.translate(_SOUNDEX) if first in "bfpvcgjkqsxzdtlmnr" else ""
    for c in letters[1:]:
        code = c.translate(_SOUNDEX) if c in "bfpvcgjkqsxzdtlmnr" else ""
        if code and code != last:
            out.append(code)
        if c not in "hw":
            last = code
    return ("".join(out) + "000")[:4]


def sound(word: str) -> str:
    """A word's Soundex with its first letter by sound class (``kieran`` and ``ciaran``
    both ``2650``).

    >>> sound("khloe"), sound("chloe")
    ('2400', '2400')
    """
    code = soundex(word)
    first = code[:1].lower()
    return (first.translate(_SOUNDEX) if first in _CONSONANTS else "0") + code[1:]


def sounds_alike(a: str, b: str) -> bool:
    """True when two name keys have as many words and each pair sounds the same: equal
    Soundex, the first letter compared by its sound class (``kieran`` ~ ``ciaran``,
    ``zara`` ~ ``sara``).

    >>> sounds_alike("kieran marsh", "ciaran marsh"), sounds_alike("amira x", "hamza x")
    (True, False)
    """
    wa, wb = a.split(), b.split()
    if not wa or len(wa) != len(wb):
        return False
    return all(sound(x) == sound(y) for x, y in zip(wa, wb, strict=True))


_ABJADS = ("ARABIC", "HEBREW", "SYRIAC", "THAANA")
_VOWELS = frozenset("aeiou")


def written_in_abjad(name: str | None) -> bool:
    """Whether a name is written in a script that leaves short vowels out (Arabic, Hebrew,
    Syriac, Thaana): read in Latin letters it is a consonant skeleton (``mhmd``), not the
    spelling a register would give (``Mohammed``).

    >>> written_in_abjad("محمد علي"), written_in_abjad("Mohammed ALI"), written_in_abjad(None)
    (True, False, False)
    """
    text = str(name or "")
    return not text.isascii() and any(
        unicodedata.name(ch, "").startswith(_ABJADS) for ch in text if ch.isalpha())


def _voweled(word: str) -> str:
    """A consonant skeleton read from an abjad with a short vowel put back between every two
    consonants, and an initial alif or ayin (``'``, ````` in Latin letters) read as one,
    so that Soundex, which ignores vowels but not where they separate letters, codes it as
    it codes the register's spelling (``mhmd`` -> ``mahamad``, like ``mohammed``: M530)."""
    word = re.sub(r"^['`]+", "a", word).replace("'", "").replace("`", "")
    out: list[str] = []
    for i, ch in enumerate(word):
        if i and ch not in _VOWELS and word[i - 1] not in _VOWELS:
            out.append("a")
        out.append(ch)
    return "".join(out)


_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "master", "dr", "sir", "dame", "lady"})
_NICKNAME = re.compile(r"\(([^()]*)\)|[\"\u201c\u201d]([^\"\u201c\u201d]*)[\"\u201c\u201d]")


def name_forms(name: str | None) -> tuple[str, list[str]]:
    """The name key to match on, and the nicknames written inside the name.

    A record may write one person's name as the register does (``Chloe WARD``), in
    another script (read in Latin letters; from Arabic or Hebrew script with the short
    vowels it leaves out put back, :func:`written_in_abjad`), surname first with a comma
    (``WARD, Chloe``), with a title (``Miss Chloe Ward``) or with a nickname in brackets or
    quotes (``Chloe "Coco" Ward``). The key puts the forename
    first, drops the title and takes the nickname out (returned apart, to be matched as an
    alias), so that every form meets the others.

    >>> name_forms("WARD, Chloe"), name_forms("Miss Chloe WARD (Coco)")
    (('chloe ward', []), ('chloe ward', ['coco']))
    >>> name_forms('Chloe "Coco" Ward'), name_forms("Mr"), name_forms(None)
    (('chloe ward', ['coco']), ('mr', []), ('', []))
    >>> name_forms("Мария ИВАНОВА"), name_forms("Zoë O'Brien")
    (('mariya ivanova', []), ('zoe o brien', []))
    >>> name_forms("محمد علي")  # short vowels put back (written_in_abjad)
    ('mahamad alay', [])
    """
    text = str(name or "")
    if written_in_abjad(text):
        text = " ".join(_voweled(w) for w in anyascii(text).lower().split())
    elif not text.isascii():  # another script written in Latin letters, as police records do
        text = anyascii(text)
    nicknames = [name_key(a or b) for a, b in _NICKNAME.findall(text)]
    text = _NICKNAME.sub(" ", text)
    if text.count(",") == 1:
        surname, forenames = text.split(",")
        if surname.strip() and forenames.strip():
            text = f"{forenames} {surname}"
    words = name_key(text).split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words), [n for n in nicknames if n]


def sorted_words(key: str) -> str:
    """The words of a key in alphabetical order."""
    return " ".join(sorted(key.split()))


def name_blocks(key: str) -> set[str]:
    """Blocking keys of a name key: the Soundex of each word of two letters or more."""
    return {soundex(t) for t in key.split() if len(t) > 1} - {""}


def name_similarity(a: str, b: str, sa: str | None = None, sb: str | None = None) -> float:
    """Similarity of two name keys in [0, 1]: mean of an edit ratio and Jaro-Winkler.

    Each is the better of the names as written and with their words sorted, so word
    order does not matter (``smith jordan`` = ``jordan smith``) and neither does a word
    whose first letter changed moving in the sort (``wayne price`` ~ ``dwayne price``).
    The edit (Indel) ratio counts the letters to change; Jaro-Winkler rewards a shared
    start and forgives a slip. ``sa``/``sb`` are the keys' :func:`sorted_words`, when the
    caller already has them.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sa = sa if sa is not None else sorted_words(a)
    sb = sb if sb is not None else sorted_words(b)
    jw = max(JaroWinkler.normalized_similarity(a, b), JaroWinkler.normalized_similarity(sa, sb))
    indel = max(fuzz.ratio(a, b), fuzz.ratio(sa, sb)) / 100.0
    return (indel + jw) / 2.0


def parse_date(day: str | None) -> date | None:
    """An ISO date (the first ten characters), or None."""
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10])
    except ValueError:
        return None


def ymd(day: date) -> str:
    """``19900211``: the date's eight digits."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def dob_relation(a: str | None, b: str | None) -> tuple[str, str]:
    """How two dates of birth relate: ``same``, ``near`` (with how), ``missing`` or ``differ``.

    Near means what a slip of the pen gives: day and month swapped, one day apart, one
    digit different, or two adjacent digits of the year's last two, the month or the
    day transposed.
    """
    return date_relation(parse_date(a), parse_date(b))


def date_relation(da: date | None, db: date | None) -> tuple[str, str]:
    """:func:`dob_relation` of dates already parsed."""
    if da is None or db is None:
        return "missing", "no date of birth on one or both"
    if da == db:
        return "same", f"same date of birth {da.isoformat()}"
    if da.year == db.year and da.month == db.day and da.day == db.month:
        return "near", "day and month swapped"
    if abs((da - db).days) == 1:
        return "near", "one day apart"
    sa, sb = ymd(da), ymd(db)
    diff = [i for i in range(8) if sa[i] != sb[i]]
    if len(diff) == 1:
        return "near", "one digit different"
    if len(diff) == 2 and diff[0] in _TRANSPOSABLE and diff[1] == diff[0] + 1 \
            and sa[diff[0]] == sb[diff[1]] and sa[diff[1]] == sb[diff[0]]:
        return "near", "two digits transposed"
    return "differ", f"dates of birth differ ({da.isoformat()} / {db.isoformat()})"


def dob_block_keys(day: date) -> list[int]:
    """Keys (integers, for speed) that two near dates of birth have in common.

    See :func:`dob_relation`: one key per digit masked in turn from the decade on (one
    digit different), one per transposable pair of digits sorted, day and month sorted
    (swapped), and the day itself and the next day (one day apart). Equal dates share
    all of them; the low five bits say which kind of key it is.
    """
    n = day.year * 10000 + day.month * 100 + day.day
    keys = []
    for i in range(2, 8):
        w = 10 ** (7 - i)
        keys.append((n - (n // w) % 10 * w) * 32 + i)
    for t, i in enumerate(_TRANSPOSABLE):
        w1, w2 = 10 ** (7 - i), 10 ** (6 - i)
        d1, d2 = (n // w1) % 10, (n // w2) % 10
        keys.append((n + (min(d1, d2) - d1) * w1 + (max(d1, d2) - d2) * w2) * 32 + 8 + t)
    low, high = sorted((day.month, day.day))
    keys.append((day.year * 10000 + low * 100 + high) * 32 + 11)
    keys.append(day.toordinal() * 32 + 12)
    keys.append((day.toordinal() + 1) * 32 + 12)
    return keys


def phone_digits(text: str) -> str:
    """The digits of a number as a UK national number would be dialled (leading 0).

    Letters that look like digits (O, I, l) become digits; ``+44``, ``0044`` and a
    bracketed ``(0)`` after the country code are folded; a ten-digit number without its
    trunk 0 gets it back. Foreign numbers keep ``00`` + country code.
    """
    # An O or l among digits ("9OO123") is a slip; in a word ("mobile") it is not.
    fixed = _DIGITISH.sub(lambda m: m.group(0).translate(_LOOKALIKE_DIGITS)
                          if any(c.isdigit() for c in m.group(0)) else m.group(0), text)
    digits = re.sub(r"\D", "", fixed)
    if text.strip().startswith("+"):
        digits = "00" + digits
    if digits.startswith("0044"):
        rest = digits[4:]
        return "0" + rest[1:] if rest.startswith("0") else "0" + rest
    if digits.startswith("44") and len(digits) in (12, 13):
        rest = digits[2:]
        return "0" + rest[1:] if rest.startswith("0") else "0" + rest
    if len(digits) == 10 and not digits.startswith("0"):
        return "0" + digits
    return digits


def address_key(address: str | None) -> str:
    """An address name key with common abbreviations written out (``st`` -> ``street``)."""
    return " ".join(_ADDRESS_WORDS.get(t, t) for t in name_key(address).split())


def house_numbers(key: str) -> frozenset[str]:
    """The house/flat numbers in an address key (``12``, ``12a``)."""
    return frozenset(t for t in key.split() if _HOUSE_NUMBER.match(t))


def address_similarity(a: str, b: str) -> float:
    """Similarity of two address keys in [0, 1]: the better of token sort and a discounted
    token set ratio (one address naming the venue, the other only the street)."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b)) / 100.0
