"""How a child's identifying values may be written: the forms the partner scrub finds.

:mod:`graphintel.redact_scrub` registers each value of a child once, as recorded; people
write it in many ways. This module says which ways count as the same value:

- words (names, addresses, handles) are compared by *keys*: each word lower-cased, its
  accents and apostrophes dropped (``Zoë O’Brien`` is ``zoe obrien``) and a street-type
  abbreviation expanded (``Rd`` is ``road``: :data:`ABBREVIATIONS`); the words of one value
  may be joined by spaces, commas, dots, underscores, slashes or any dash (:data:`GAP`), so
  ``O'Brien-Kelly`` and ``O'Brien Kelly`` are one surname;
- a name is also found in the forms people write it in (:func:`name_forms`): without the
  middle names, surname first (``SMITH, Jade``), with initials (``J. Smith``), possessive
  (``Jade's``, ``Jades``);
- dates (:data:`DATE`), phone numbers (:data:`PHONE`, :func:`phone_key`) and postcodes
  (:data:`POSTCODE`, :func:`postcode_key`) are found by shape and compared normalised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import phonenumbers

from graphintel.clean.address import STREET_TYPES

#: Street types written short in addresses, and what they stand for: the map the places'
#: address keys are written out with (:data:`graphintel.clean.address.STREET_TYPES`), also
#: in ``cypher/redact/protected_entities.cypher``, where a test checks they agree.
ABBREVIATIONS: dict[str, str] = STREET_TYPES
#: What replaces a weak form of a child's name (an initial and a surname, a first name and
#: an initial): it may as well be an adult's, so it is not given the child's pseudonym.
NAME_WITHHELD = "(name withheld)"
#: A name form's kind: ``name`` (replaced by the pseudonym), ``possessive`` (the
#: pseudonym + ``'s``), ``weak`` (:data:`NAME_WITHHELD`).
NAME, POSSESSIVE, WEAK = "name", "possessive", "weak"
#: Joined words (``JadeSmith``) are matched only this long, so that two short words
#: written together by chance are not taken for a name.
MIN_JOINED = 6

_APOSTROPHES = "'\u2019\u2018\u02bc"
_LETTER = r"(?:[^\W_]|[\u0300-\u036f])"
_TOKEN = re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")
#: What may stand between two words of one value.
GAP = re.compile(r"[\s,.:_/\-\u2010-\u2015]+")

#: A phone number's shape: ``+44 (0) 7700 900 111``, ``00447700900111``,
#: ``07700.900.111``; digits before or after end it (``_`` or letters do not).
PHONE = re.compile(r"(?<![\d+])\+?\d[\d \-().\/]{7,22}\d(?!\d)")
#: A UK postcode's shape, any case, with a space, a hyphen or nothing inside.
POSTCODE = re.compile(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]?[ \t\-]*\d[a-z]{2}(?![a-z0-9])", re.I)
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
_ORDINAL = r"(?:st|nd|rd|th)?"
#: A date's shape in figures: ``2010-05-03``, ``2010/05/03``, ``03/05/2010``, ``03-05-10``,
#: ``20100503``.
DATE = re.compile(
    r"(?<!\d)(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>\d{4}|\d{2})(?!\d)"
    r"|(?<![\d/.-])(?P<d6>\d{1,2}) (?P<m6>\d{1,2}) (?P<y6>\d{4})(?![\d/.-])"
    r"|(?<!\d)(?P<n3>\d{8})(?!\d)")
#: A date's shape in words: ``3 May 2010``, ``3rd of May, 2010``, ``May 3, 2010``; tried
#: only on a text naming a month (:data:`MONTH`).
WORD_DATE = re.compile(
    rf"(?<![a-z\d])(?P<d4>\d{{1,2}}){_ORDINAL}(?:\s+of)?[\s\-]+(?P<m4>{_MONTH})\.?,?"
    r"[\s\-]+(?P<y4>\d{4}|\d{2})(?!\d)"
    rf"|(?<![a-z])(?P<m5>{_MONTH})\.?[\s\-]+(?P<d5>\d{{1,2}}){_ORDINAL},?\s+"
    r"(?P<y5>\d{4})(?!\d)", re.I)
MONTH = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)


class Token(NamedTuple):
    """One word of a text: where it is, its key and, when it ends in ``'s``, the key and
    end without it (``SMITH's`` is ``smiths``, or ``smith`` followed by ``'s``)."""

    start: int
    end: int
    key: str
    base: str
    base_end: int


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word's key: lower case, no accents, apostrophes or marks, abbreviations expanded.

    >>> fold("Zoë"), fold("O’BRIEN"), fold("Rd"), fold("Jade's")
    ('zoe', 'obrien', 'road', 'jades')
    """
    if word.isascii() and word.isalnum():
        text = word.lower()
        return ABBREVIATIONS.get(text, text)
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(c for c in text if c.isalnum())
    return ABBREVIATIONS.get(text, text)


def may_hold(text: str, starts: set[str]) -> bool:
    """Whether a word of ``text`` (or a word without its ``'s``) is in ``starts``: a quick
    test before :func:`tokens`, since most texts hold no word any value starts with."""
    raws = _TOKEN.findall(text)
    if not starts.isdisjoint(map(fold, raws)):
        return True
    return any(fold(raw[:-2]) in starts for raw in raws
               if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES)


def tokens(text: str) -> list[Token]:
    """The words of ``text`` in order (see :class:`Token`)."""
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        key = fold(raw)
        if not key:
            continue
        end = m.end()
        if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES:
            out.append(Token(m.start(), end, key, fold(raw[:-2]), end - 2))
        else:
            out.append(Token(m.start(), end, key, "", end))
    return out


def keys(value: str | None) -> tuple[str, ...]:
    """The keys of a registered value's words.

    >>> keys("Zoë O'BRIEN-KELLY"), keys("12 Acacia Ave.")
    (('zoe', 'obrien', 'kelly'), ('12', 'acacia', 'avenue'))
    """
    return _keys(str(value or ""))


@lru_cache(maxsize=1 << 16)
def _keys(text: str) -> tuple[str, ...]:
    """:func:`keys` of a text, kept: a name's forms are keyed again and again (each form
    once for itself, once as a value and once as an adult's namesake)."""
    return tuple(t.key for t in tokens(text))


def joined(parts: tuple[str, ...]) -> str | None:
    """A value's words written together (``jadesmith``), when long enough to look for."""
    text = "".join(parts)
    return text if len(parts) > 1 and len(text) >= MIN_JOINED else None


def _split(name: str) -> tuple[list[str], list[str]]:
    """(given names, surname words) of a recorded name: ``SMITH, Jade``, ``SMITH Jade``
    (a leading surname in capitals) or ``Jade Louise SMITH`` (the last word)."""
    if "," in name:
        surname, _, given = name.partition(",")
        return given.split(), surname.split()
    words = name.split()
    caps = 0
    while caps < len(words) and words[caps].isupper() and len(fold(words[caps])) > 1:
        caps += 1
    if 0 < caps < len(words) and not any(w.isupper() for w in words[caps:]):
        return words[caps:], words[:caps]
    return words[:-1], words[-1:]


#: Words a record may put where a name goes ("Child A", "Victim 2", "Unknown male"): a
#: possessive or an initial of them is the outputs' own wording ("the child's home"), never
#: taken for the person's name.
GENERIC_WORDS = frozenset({"child", "victim", "person", "unknown", "male", "female", "boy",
                           "girl", "youth", "baby", "suspect", "witness", "young", "adult",
                           "man", "woman", "mother", "father", "subject", "nominal"})


def name_forms(name: str | None) -> list[tuple[str, str]]:
    """Every form of a person's name the scrub looks for, each with its kind
    (:data:`NAME`, :data:`POSSESSIVE` or :data:`WEAK`).

    A name is found as recorded; without its middle names; surname first (``SMITH, Jade``
    and ``SMITH Jade Louise``); and, through the keys and the joined form, in any case,
    accents, apostrophes, hyphens or spacing (``JadeSmith``, ``jade_smith``). The first
    name in the possessive (``Jade's nan's``, ``Jades fella``) names a child as surely.
    Weak forms, an initial with the surname (``J. Smith``, ``SMITH J``) or the first name
    with the surname's initial (``Jade S``), and the first name in the possessive, are
    withheld too but not given the child's pseudonym, since they fit many adults: a
    partner output errs towards withholding, and must not say a child was where an adult
    of that initial or first name was. A middle name may be written as its initial, an
    apostrophe in a surname as a space. A recorded name that is a placeholder ("Child A")
    is found only as recorded.

    >>> [f for f, k in name_forms("Jade Louise SMITH") if k == NAME]
    ['Jade Louise SMITH', 'Jade SMITH', 'SMITH Jade Louise', 'SMITH Jade', 'Jade l SMITH']
    >>> [f for f, k in name_forms("SMITH, Jade") if k != NAME]
    ['j SMITH', 'SMITH j', 'Jade s', "Jade's"]
    """
    text = " ".join(str(name or "").split())
    given, surname_words = _split(text)
    out = [(text, NAME)]
    if not given or not surname_words or fold(given[0]) in GENERIC_WORDS \
            or any(fold(w) in GENERIC_WORDS for w in surname_words):
        return out  # "Child A": only as recorded ("a child" is not her name)
    first, surname = given[0], " ".join(surname_words)
    if any(a in surname for a in _APOSTROPHES):  # O'Brien written O Brien
        spaced = re.sub(f"[{_APOSTROPHES}]", " ", surname)
        out += [(f"{' '.join(given)} {spaced}", NAME), (f"{first} {spaced}", NAME)]
    out += [(f"{first} {surname}", NAME), (f"{surname} {' '.join(given)}", NAME),
            (f"{surname} {first}", NAME)]
    initials = " ".join(fold(g)[:1] for g in given if fold(g))
    surname_key = "".join(keys(surname))
    if initials and len(surname_key) >= 2:
        out += [(f"{initials[0]} {surname}", WEAK), (f"{initials} {surname}", WEAK),
                (f"{surname} {initials[0]}", WEAK)]
    if len(given) > 1:  # a middle name written as its initial: Jade L SMITH, Jade L. Smith
        out.append((f"{first} {' '.join(fold(g)[:1] for g in given[1:])} {surname}", NAME))
    first_key = fold(first)
    if len(first_key) >= 3 and first_key.isalpha() and first_key not in GENERIC_WORDS:
        if surname_key:
            out.append((f"{first} {surname_key[0]}", WEAK))
        out.append((f"{first}'s", POSSESSIVE))
    seen: set[tuple[str, ...]] = set()
    unique = []
    for form, kind in out:
        if (k := keys(form)) and k not in seen:
            seen.add(k)
            unique.append((form, kind))
    return unique


@lru_cache(maxsize=1 << 16)
def phone_key(text: str) -> str | None:
    """The national number of a phone number as written, the same for every way of writing
    it: a UK number (``07700 900123``, ``+44 (0)7700 900123``, ``0044 7700.900.123``) by
    its digits, any other international number by ``phonenumbers``.

    >>> phone_key("+44 7700 900123"), phone_key("07700-900123"), phone_key("12")
    ('7700900123', '7700900123', None)
    >>> phone_key("+44 (0) 7700 900 123"), phone_key("0044 7700.900.123")
    ('7700900123', '7700900123')
    >>> phone_key("+33 6 12 34 56 78"), phone_key("0033612345678"), phone_key("06 12 34 56 78")
    ('612345678', '612345678', '612345678')
    """
    digits = re.sub(r"\D", "", text)
    if not 9 <= len(digits) <= 17:
        return None
    international = text.lstrip().startswith("+")
    if digits.startswith("00"):
        digits, international = digits[2:], True
    if digits.startswith("44") and (international or len(digits) >= 12):
        national = digits[2:].lstrip("0")  # +44 (0) 7700...: the trunk 0 written in
    elif international:
        try:
            national = str(phonenumbers.parse("+" + digits, None).national_number)
        except phonenumbers.NumberParseException:
            return None
    else:
        national = digits.lstrip("0")
    return national if 7 <= len(national) <= 13 else None


def postcode_key(text: str) -> str:
    """A postcode without spaces or hyphens, upper case: ``bs1-4xy`` is ``BS14XY``."""
    return re.sub(r"[\s\-]+", "", text).upper()


def _year(text: str) -> list[int]:
    year = int(text)
    return [year] if len(text) == 4 else [1900 + year, 2000 + year]


def dates_of(m: re.Match[str]) -> list[str]:
    """The ISO dates a :data:`DATE` or :data:`WORD_DATE` match may be (a two-digit year is
    either century; eight digits are ``yyyymmdd`` or ``ddmmyyyy``)."""
    g = {k: v for k, v in m.groupdict().items() if v}
    found: list[tuple[int, int, int]] = []
    if "y1" in g:
        found = [(int(g["y1"]), int(g["m1"]), int(g["d1"]))]
    elif "y2" in g:
        found = [(y, int(g["m2"]), int(g["d2"])) for y in _year(g["y2"])]
    elif "y6" in g:
        found = [(int(g["y6"]), int(g["m6"]), int(g["d6"]))]
    elif "n3" in g:
        n = g["n3"]
        found = [(int(n[:4]), int(n[4:6]), int(n[6:])), (int(n[4:]), int(n[2:4]), int(n[:2]))]
    elif "y4" in g:
        found = [(y, _MONTHS[g["m4"][:3].lower()], int(g["d4"])) for y in _year(g["y4"])]
    elif "y5" in g:
        found = [(int(g["y5"]), _MONTHS[g["m5"][:3].lower()], int(g["d5"]))]
    return [f"{y:04d}-{mo:02d}-{d:02d}" for y, mo, d in found]
