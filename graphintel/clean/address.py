"""Addresses: the key two records of one home share, however each was written.

A place's identity key (``graphintel.ingest.normalise.location``) holds its postcode and
its address as :func:`~graphintel.clean.names.name_key` writes it, so "5 Elm Road", BS3 1AA
and "5 ELM RD", no postcode, are two places. :func:`address_parts` gives what such records
share: the address with its street types written out (:data:`STREET_TYPES`), without a
postcode written at its end and without a flat or unit written before or after it (the
building), and without the town or district written after a numbered street, and apart
from it the flat's number or letter when one is written. Stored on
every place (``address_key``, ``address_unit``: :mod:`graphintel.derived`) and indexed, it
lets ``cypher/redact/protected_entities.cypher`` find another record of a child's home by
one index seek, with or without a postcode.

Pure and total: any input gives a result, never an exception.

>>> address_parts("Flat 1, 5 Elm Rd.")
AddressParts(key='5 elm road', unit='1')
>>> address_parts("5 ELM ROAD, bs3 1aa").key, address_parts(None)
('5 elm road', AddressParts(key=None, unit=None))
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from graphintel.clean.names import name_key
from graphintel.clean.result import as_text

#: Street types written short in addresses, and what they stand for (also
#: ``graphintel.redact_forms.ABBREVIATIONS`` and ``cypher/redact/protected_entities.cypher``,
#: where a test checks they agree).
STREET_TYPES: dict[str, str] = {
    "rd": "road", "st": "street", "ave": "avenue", "av": "avenue", "ln": "lane",
    "cl": "close", "dr": "drive", "cres": "crescent", "gdns": "gardens", "ct": "court",
    "pl": "place", "sq": "square", "terr": "terrace", "tce": "terrace"}
#: An apostrophe, however typed: "St Mary's Road" and "St Marys Road" are one street.
_APOSTROPHE = re.compile(r"['\u2019\u2018`\u00b4]")
#: Words that name one dwelling inside a building (``Flat 1``, ``Apt 4B``, ``Room 12``).
UNIT_WORDS = frozenset({"flat", "apartment", "apt", "unit", "room", "maisonette", "studio",
                        "suite", "bedsit"})
#: Words that say which part of a building (``Ground floor flat``, ``Top flat``).
FLOOR_WORDS = frozenset({"ground", "first", "second", "third", "fourth", "fifth", "1st", "2nd",
                         "3rd", "4th", "5th", "top", "upper", "lower", "basement", "garden",
                         "attic", "rear", "front"})
#: Words that end a street's name (``5 Elm Road``): what follows them in a numbered address
#: is the town or district (``5 Elm Road, Knowle, Bristol``), which one record writes and
#: another leaves out.
STREET_ENDS = frozenset({*STREET_TYPES.values(), "way", "grove", "mews", "row", "walk",
                         "rise", "parade", "boulevard", "vale"})
#: Words after a street type that are part of the street's name ("Elm Road North").
_STREET_PART = frozenset({"north", "south", "east", "west", "upper", "lower", "end", "central",
                          "extension", "n", "s", "e", "w"})
#: A house number: ``14``, ``14a``.
_HOUSE = re.compile(r"\d{1,4}[a-z]?")
#: A flat's number or letter: ``1``, ``12b``, ``a``, ``b3``.
_UNIT_ID = re.compile(r"\d{1,4}[a-z]?|[a-z]\d{0,3}")
#: A UK postcode as name_key leaves it: two words (``bs3 1aa``) or one (``bs31aa``).
_OUTWARD = re.compile(r"[a-z]{1,2}\d[a-z\d]?")
_INWARD = re.compile(r"\d[a-z]{2}")
_WHOLE_POSTCODE = re.compile(r"[a-z]{1,2}\d[a-z\d]?\d[a-z]{2}")
#: UTF-8 bytes of a key at most (the range index holds about 8,000; see
#: ``graphintel.ingest.text_checks.MAX_INDEX_BYTES``).
MAX_KEY_BYTES = 4000


class AddressParts(NamedTuple):
    """``key``: the building's address, written out (None when there is no address);
    ``unit``: the flat's number or letter, when one is written."""

    key: str | None
    unit: str | None


def _floor_at(seq: list[str]) -> int:
    """How many of the first words of ``seq`` say which part of a building: ``ground
    floor``, ``ground floor flat``, ``top flat`` (0 when they do not)."""
    if not seq or seq[0] not in FLOOR_WORDS or len(seq) < 2:
        return 0
    if seq[1] == "floor":
        return 3 if len(seq) > 2 and seq[2] in UNIT_WORDS else 2
    return 2 if seq[1] in UNIT_WORDS else 0


def _unit_at(words: list[str], start: bool) -> tuple[int, str | None]:
    """How many words at the start (or end) of ``words`` name a flat or a floor, and the
    flat's number or letter among them; ``(0, None)`` when none do."""
    if start:
        if len(words) > 1 and words[0] in UNIT_WORDS and _UNIT_ID.fullmatch(words[1]):
            return 2, words[1]  # Flat 1, ...
        return _floor_at(words), None  # Ground floor flat, ...
    if len(words) > 1 and words[-2] in UNIT_WORDS and _UNIT_ID.fullmatch(words[-1]):
        return 2, words[-1]  # ..., Flat 1
    for size in (3, 2):  # ..., first floor (flat); ..., basement flat
        if len(words) >= size and _floor_at(words[-size:]) == size:
            return size, None
    return 0, None


def _postcode_at_end(words: list[str]) -> int:
    """How many words at the end of ``words`` are a postcode (0, 1 or 2)."""
    if len(words) >= 2 and _OUTWARD.fullmatch(words[-2]) and _INWARD.fullmatch(words[-1]):
        return 2
    return 1 if words and _WHOLE_POSTCODE.fullmatch(words[-1]) else 0


def _bounded(key: str) -> str:
    data = key.encode("utf-8", "surrogatepass")
    if len(data) <= MAX_KEY_BYTES:
        return key
    return f"{data[:200].decode('utf-8', 'ignore')}~{hashlib.sha256(data).hexdigest()[:16]}"


def address_parts(raw: object) -> AddressParts:
    """The building's address and the flat's number or letter, the same however one
    home is written.

    Case, accents, punctuation and spacing are put aside (:func:`name_key`; an apostrophe
    joins the letters either side of it, as writing it or not does), street types
    written out (``Rd`` is ``road``), a postcode written at the end dropped, and a flat,
    unit or floor written before or after the address taken off (its number or letter is
    ``unit``), and a town after a numbered street (``14 Beech Road, Bristol``) dropped. An
    address that is nothing but a flat keeps it (``Flat 1`` is its own key).

    >>> address_parts("5 Elm Road, Flat 2A")
    AddressParts(key='5 elm road', unit='2a')
    >>> address_parts("Ground floor flat, 5 Elm Rd, BS3 1AA")
    AddressParts(key='5 elm road', unit=None)
    >>> address_parts("14 Beech Rd, Knowle, Bristol BS3 3LG").key
    '14 beech road'
    >>> address_parts("14 St Mary's Road") == address_parts("14 St Marys Rd")
    True
    >>> address_parts("Flat 1"), address_parts("  ,. ")
    (AddressParts(key='flat 1', unit=None), AddressParts(key=None, unit=None))
    """
    try:
        text = name_key(_APOSTROPHE.sub("", as_text(raw)))
    except Exception:  # a value whose str() fails: no address to key, never an error
        return AddressParts(None, None)
    words = [STREET_TYPES.get(w, w) for w in text.split()]
    if not words:
        return AddressParts(None, None)
    rest, unit = list(words), None
    while rest:
        drop = _postcode_at_end(rest)
        if drop and len(rest) > drop:
            rest = rest[:-drop]
            continue
        lead, lead_unit = _unit_at(rest, start=True)
        trail, trail_unit = _unit_at(rest, start=False)
        if lead and len(rest) > lead:
            rest, unit = rest[lead:], unit or lead_unit
        elif trail and len(rest) > trail:
            rest, unit = rest[:-trail], unit or trail_unit
        else:
            break
    rest = _without_town(rest)
    if rest == words or not rest:
        return AddressParts(_bounded(" ".join(words)), unit if rest else None)
    return AddressParts(_bounded(" ".join(rest)), unit)


def _without_town(words: list[str]) -> list[str]:
    """A numbered street address without the town or district written after it: ``14 beech
    road bristol`` is ``14 beech road`` (at most three words dropped, after the first
    word that ends a street's name).

    >>> _without_town("14 beech road knowle bristol".split())
    ['14', 'beech', 'road']
    >>> _without_town("oak house childrens home 5 oak lane".split())
    ['oak', 'house', 'childrens', 'home', '5', 'oak', 'lane']
    >>> [" ".join(_without_town(a.split())) for a in ("5 elm road north",
    ...                                                 "32 elm grove road bath")]
    ['5 elm road north', '32 elm grove road']
    """
    if len(words) < 4 or not _HOUSE.fullmatch(words[0]):
        return words
    # the last word that ends a street's name ("32 elm grove road": road, not grove)
    end = max((i for i, w in enumerate(words) if i >= 2 and w in STREET_ENDS), default=None)
    if end is None or not 1 <= len(words) - end - 1 <= 3:
        return words
    tail = words[end + 1:]
    if tail[0] in _STREET_PART or any(w in UNIT_WORDS or any(c.isdigit() for c in w)
                                      for w in tail):
        return words  # "5 elm road north" is another street; a flat or number is no town
    return words[:end + 1]


def address_key(raw: object) -> str | None:
    """The building's address of :func:`address_parts`.

    >>> address_key("5 ELM RD."), address_key("Flat 2, 5 Elm Road"), address_key("")
    ('5 elm road', '5 elm road', None)
    """
    return address_parts(raw).key
