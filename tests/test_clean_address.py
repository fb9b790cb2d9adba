"""Addresses: the building's address and the flat, the same however one home is written
(graphintel.clean.address), which SAME_ADDRESS looks up with or without a postcode."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import address
from graphintel.clean.address import STREET_TYPES, AddressParts, address_key, address_parts
from graphintel.redact_forms import ABBREVIATIONS
from graphintel.resources import cypher_dir


@pytest.mark.parametrize(
    ("raw", "key", "unit"),
    [
        ("5 Elm Road", "5 elm road", None),
        ("5 ELM RD", "5 elm road", None),
        ("5 Elm Rd.", "5 elm road", None),
        ("  5,  elm   road ", "5 elm road", None),
        ("5 Elm-Road", "5 elm road", None),
        ("Flat 1, 5 Elm Road", "5 elm road", "1"),
        ("Flat 1 5 Elm Rd", "5 elm road", "1"),
        ("5 Elm Road, Flat 1", "5 elm road", "1"),
        ("5 Elm Rd Flat 2A", "5 elm road", "2a"),
        ("Apt B, 5 Elm Road", "5 elm road", "b"),
        ("Apartment 12, 5 Elm Road", "5 elm road", "12"),
        ("Unit 4, 5 Elm Road", "5 elm road", "4"),
        ("Room 3, 5 Elm Road", "5 elm road", "3"),
        ("Ground floor flat, 5 Elm Road", "5 elm road", None),
        ("First Floor, 5 Elm Road", "5 elm road", None),
        ("Top flat 5 Elm Rd", "5 elm road", None),
        ("5 Elm Road (basement flat)", "5 elm road", None),
        ("5 Elm Road, first floor flat", "5 elm road", None),
        ("5 Elm Road, ZZ1 1AA", "5 elm road", None),  # a postcode written in the address
        ("5 Elm Road zz11aa", "5 elm road", None),
        ("Flat 1, 5 Elm Road, BS3 1AA", "5 elm road", "1"),
        ("5 Elm Road, Flat 1, BS3 1AA", "5 elm road", "1"),
        ("12 Acacia Ave", "12 acacia avenue", None),
        ("3 Oak Cl", "3 oak close", None),
        ("9 Mill Gdns", "9 mill gardens", None),
        ("Zoë Court, Flat 3", "zoe court", "3"),
        # a town or district after a numbered street: one record writes it, another not
        ("14 Beech Road, Bristol", "14 beech road", None),
        ("14 Beech Rd, Knowle, Bristol, BS3 3LG", "14 beech road", None),
        ("5 Willow Way, Knowle", "5 willow way", None),
        ("Flat 1, 14 Beech Road, Bristol", "14 beech road", "1"),
        ("32 Elm Grove Road, Bath", "32 elm grove road", None),
        ("5 Elm Road North", "5 elm road north", None),  # another street
        ("10 Church Lane, Flat 2, Bristol", "10 church lane flat 2 bristol", None),
        # not a numbered street, or more than a town after it: kept
        ("Beech Road Stores, Bristol", "beech road stores bristol", None),
        ("5 Elm Road Industrial Estate Unit Nine Bristol",
         "5 elm road industrial estate unit nine bristol", None),
        # what is not a flat stays part of the address
        ("15 Elm Road", "15 elm road", None),
        ("5 First Avenue", "5 first avenue", None),
        ("12 Flat Lane", "12 flat lane", None),
        ("Kebab House, 1 High St", "kebab house 1 high street", None),
        ("Rear of 5 Elm Road", "rear of 5 elm road", None),
        # nothing but a flat, or a postcode: kept whole
        ("Flat 1", "flat 1", None),
        ("BS3 1AA", "bs3 1aa", None),
        # nothing to key
        ("", None, None),
        ("  ,.- ", None, None),
        (None, None, None),
        (float("nan"), None, None),
    ],
)
def test_address_parts(raw: object, key: str | None, unit: str | None) -> None:
    assert address_parts(raw) == AddressParts(key, unit)
    assert address_key(raw) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5 Elm Road", "5 ELM RD."),
        ("5 Elm Road", "Flat 1, 5 Elm Rd"),
        ("5 Elm Road", "5 Elm Rd, Flat 1"),
        ("Flat 1, 5 Elm Road", "5 ELM RD FLAT 1"),
        ("5 Elm Road, ZZ1 1AA", "5 elm rd"),
    ],
)
def test_one_building_however_written(a: str, b: str) -> None:
    assert address_key(a) == address_key(b) is not None


@pytest.mark.parametrize(("a", "b"), [("5 Elm Road", "15 Elm Road"),
                                      ("5 Elm Road", "7 Elm Road"),
                                      ("5 Elm Road", "5 Elm Street"),
                                      ("5 Elm Road", "5A Elm Road")])
def test_other_buildings_are_other_keys(a: str, b: str) -> None:
    assert address_key(a) != address_key(b)


def test_two_flats_of_one_building_keep_their_numbers() -> None:
    one, two = address_parts("Flat 1, 5 Elm Road"), address_parts("Flat 2, 5 Elm Road")
    assert one.key == two.key and one.unit != two.unit


def test_a_value_whose_text_fails_gives_no_key() -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no text")

    assert address_parts(Broken()) == AddressParts(None, None)


def test_a_long_address_keeps_an_indexable_key() -> None:
    key = address_key("st " * 2000)
    assert key is not None and len(key.encode()) <= address.MAX_KEY_BYTES
    assert key != address_key("st " * 1999)


@given(st.one_of(st.text(), st.none(), st.integers(), st.floats(), st.binary()))
def test_never_raises(raw: object) -> None:
    parts = address_parts(raw)
    assert parts.key is None or (parts.key and parts.key == parts.key.strip())
    assert parts.unit is None or parts.key is not None


def test_one_street_type_map_everywhere() -> None:
    """The cleaner's map is the scrub's and the one protected_entities.cypher writes out
    (``tests/test_redact_scrub_forms.py`` checks the Cypher's against the scrub's)."""
    assert ABBREVIATIONS is STREET_TYPES
    text = (cypher_dir() / "redact" / "protected_entities.cypher").read_text()
    block = re.search(r"\{(rd: 'road'.*?)\} AS street_types", text, re.S)
    assert block and dict(re.findall(r"(\w+): '(\w+)'", block.group(1))) == STREET_TYPES


def test_module_examples() -> None:
    result = doctest.testmod(address)
    assert result.attempted > 0 and result.failed == 0
