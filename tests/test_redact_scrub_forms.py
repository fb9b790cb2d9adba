"""Every written form of a child's identifying values that partner outputs were found to
print, scrubbed (:mod:`graphintel.redact_forms`); the same text left alone internally, and
near misses (other people, other dates, other numbers) left alone for partners too."""

from __future__ import annotations

import re

import pytest

from graphintel.redact import CARE_HOME, HOME_WITHHELD, WITHHELD, Redactor
from graphintel.redact_forms import ABBREVIATIONS, NAME_WITHHELD, name_forms
from graphintel.resources import cypher_dir

AS_OF = "2025-06-30"
JADE = {"uid": "Person:jade", "name": "Jade Louise SMITH", "dob": "2010-05-03",
        "nominal_ref": "N2000002", "roles": ["victim"], "aliases": ["Jadey"]}
ZOE = {"uid": "Person:zoe", "name": "Zo\u00eb O'BRIEN-KELLY", "dob": "2011-01-02",
       "roles": ["victim"]}
PHONE = "child's phone number (withheld)"


def _partner() -> tuple[Redactor, str, str]:
    r = Redactor("partner", b"key", AS_OF)
    jade, zoe = r.name(JADE), r.name(ZOE)
    r.protect([{"uid": "Phone:1", "label": "Phone", "reasons": ["USES"],
                "number": "+447700900111", "key": "+447700900111"},
               {"uid": "Location:1", "label": "Location", "reasons": ["LIVES_AT"],
                "address": "12 Acacia Avenue", "postcode": "BS1 4XY"}])
    return r, jade, zoe


# (text as written, what a partner sees; {J} is Jade's pseudonym, {Z} Zoe's)
FORMS = [
    # names: surname first, no middle name, joined, possessive, accents and hyphens
    ("SMITH, Jade (3 May 2010)", "{J} ((date of birth withheld))"),
    ("Stop XY12ABC when Jade Smith is a passenger", "Stop XY12ABC when {J} is a passenger"),
    ("SMITH Jade Louise", "{J}"),
    ("Jade L SMITH nan's house", "{J} nan's house"),
    ("Jade L. Smith's boyfriend", "{J}'s boyfriend"),
    ("Zoe O Brien-Kelly", "{Z}"),
    ("JadeSmith", "{J}"),
    ("@jade_smith", "@{J}"),
    ("Jades fella", "(name withheld)'s fella"),
    ("Jade\u2019s fella", "(name withheld)'s fella"),
    ("Jade Louise SMITH's uncle", "{J}'s uncle"),
    ("Zoe O'Brien-Kelly", "{Z}"),
    ("Zo\u00eb O\u2019Brien-Kelly", "{Z}"),
    ("Zo\u00eb O'Brien Kelly", "{Z}"),
    ("ZOE OBRIEN-KELLY", "{Z}"),
    ("Zoe\u0308 O'Brien Kelly", "{Z}"),  # decomposed accent
    # weak forms: withheld, not given the child's pseudonym
    ("J. Smith", NAME_WITHHELD),
    ("J Smith", NAME_WITHHELD),
    ("SMITH, J.", f"{NAME_WITHHELD}."),
    ("seen with Jade S again", f"seen with {NAME_WITHHELD} again"),
    # phones
    ("+44 (0) 7700 900 111", PHONE),
    ("00447700900111", PHONE),
    ("wa_00447700900111", f"wa_{PHONE}"),
    ("07700.900.111", PHONE),
    ("07700900111_download.csv", f"{PHONE}_download.csv"),
    ("call_data:07700900111_download.csv#L2", f"call_data:{PHONE}_download.csv#L2"),
    # dates of birth
    ("3 May 2010", "(date of birth withheld)"),
    ("3rd May 2010", "(date of birth withheld)"),
    ("3rd of May, 2010", "(date of birth withheld)"),
    ("May 3, 2010", "(date of birth withheld)"),
    ("03-05-2010", "(date of birth withheld)"),
    ("2010/05/03", "(date of birth withheld)"),
    ("03/05/10", "(date of birth withheld)"),
    ("20100503", "(date of birth withheld)"),
    # postcodes and addresses
    ("BS1-4XY", "(postcode withheld)"),
    ("bs14xy", "(postcode withheld)"),
    ("12 Acacia Ave", HOME_WITHHELD),
    ("12 ACACIA AVE, BS1 4XY", f"{HOME_WITHHELD}, (postcode withheld)"),
    # nominal reference, punctuation-insensitive
    ("N/2000002", "(reference withheld)"),
    ("ref n-2000-002", "ref (reference withheld)"),
    # file names used as report references
    ("SMITH_Jade_cdr.csv", "{J}_cdr.csv"),
]

# near misses: not the child's, left as they are for partners
KEPT = ["Jade Street; Jadestone's yard", "Jade Brown", "J. Jones", "4 May 2010",
        "3 May 2011", "07700 900112", "BS1 4XZ", "12 Acacia Road", "N2000003",
        "Smithson, Jade", "jadesmithson", "Louise"]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_every_written_form_is_scrubbed(text: str, expected: str) -> None:
    r, jade, zoe = _partner()
    assert r.scrub(text) == expected.format(J=jade, Z=zoe)
    internal = Redactor("internal", b"key", AS_OF)
    internal.name(JADE)
    assert internal.scrub(text) == text


@pytest.mark.parametrize("text", KEPT)
def test_near_misses_are_kept(text: str) -> None:
    r, _, _ = _partner()
    assert r.scrub(text) == text


def test_an_adult_label_is_kept_only_when_exactly_a_childs_name() -> None:
    """An adult named exactly as a child is shown "(name withheld)" (a partner output never
    holds a child's name, whoever else has it), never the child's pseudonym; one whose name
    holds a child's has the child's part pseudonymised."""
    r, jade, _ = _partner()
    namesake = {"uid": "Person:a1", "name": "Jade Louise SMITH", "dob": "1980-01-01",
                "roles": ["suspect"]}
    uncle = {"uid": "Person:a2", "name": "Jade Louise SMITH's uncle", "dob": "1975-01-01",
             "roles": ["suspect"]}
    mother = {"uid": "Person:a3", "name": "Mother of Jade Louise SMITH", "dob": "1985-01-01",
              "roles": ["associate"]}
    assert r.scrub(r.name(uncle)) == f"{jade}'s uncle"
    assert r.scrub(r.name(mother)) == f"Mother of {jade}"
    assert r.scrub_all({"gi": {"name": "Mother of Jade Louise SMITH"}}) == {
        "gi": {"name": f"Mother of {jade}"}}
    # once an adult of exactly her name is met, her name in any other text may be his:
    # withheld, never her pseudonym (a father and son of one name)
    assert r.scrub(r.name(namesake)) == "(name withheld)"
    assert r.scrub("Agree a disruption plan for Jade Louise SMITH (rank 4)") == \
        "Agree a disruption plan for (name withheld) (rank 4)"
    assert r.scrub("Jade Louise SMITH's uncle") == "(name withheld)'s uncle"


def test_scrub_all_walks_dict_keys() -> None:
    r, jade, _ = _partner()
    reports = {"call_data:07700900111_download.csv": {"date": "2025-01-01"},
               "call_data:SMITH_Jade_cdr.csv": {"rows": ["SMITH_Jade_cdr.csv#L2"]}}
    assert r.scrub_all(reports) == {
        f"call_data:{PHONE}_download.csv": {"date": "2025-01-01"},
        f"call_data:{jade}_cdr.csv": {"rows": [f"{jade}_cdr.csv#L2"]}}


def test_a_childs_phones_and_accounts_from_protected_people_are_scrubbed() -> None:
    """``protected_people`` rows carry the child's phones and accounts, so a file named
    after the child's number is scrubbed even when the output does not show the phone."""
    r = Redactor("partner", b"key", AS_OF)
    r.register_people([{**JADE, "phones": ["+447700900222"],
                        "accounts": [{"platform": "snapchat", "handle": "jadey.x.10"}]}])
    assert r.scrub("07700900222_download.csv") == f"{PHONE}_download.csv"
    assert r.scrub("snap jadey.x.10") == f"snap {WITHHELD['HAS_ACCOUNT']}"


@pytest.mark.parametrize("name", [
    "Oakwood Children\u2019s Home, 1 Park Lane", "Oakwood Childrens Home",
    "oakwood children s home", "Elm House Children's Residential Unit",
    "Flat 3, semi-independent accommodation", "Semi independent living, 4 Oak Rd",
    "supported lodgings", "Supported accommodation (16-17)", "foster placement",
    "Secure children's home", "Hill View residential unit", "Care home"])
def test_childrens_homes_are_recognised_however_written(name: str) -> None:
    assert CARE_HOME.search(name), name
    r = Redactor("partner", b"key", AS_OF)
    assert r.withheld_entity("Location:x", "Location", {"address": name}) == HOME_WITHHELD


@pytest.mark.parametrize("name", ["12 Elm Road", "Residential address", "Homebase car park",
                                  "The Children's Centre"])
def test_other_places_are_not_childrens_homes(name: str) -> None:
    assert not CARE_HOME.search(name), name


def test_name_forms_of_a_hyphenated_surname() -> None:
    forms = [f for f, _ in name_forms("Zo\u00eb O'BRIEN-KELLY")]
    assert "O'BRIEN-KELLY Zo\u00eb" in forms and "z O'BRIEN-KELLY" in forms


def test_the_cypher_street_types_are_the_scrubs() -> None:
    text = (cypher_dir() / "redact" / "protected_entities.cypher").read_text()
    block = re.search(r"\{(rd: 'road'.*?)\} AS street_types", text, re.S)
    assert block
    pairs = dict(re.findall(r"(\w+): '(\w+)'", block.group(1)))
    assert pairs == ABBREVIATIONS


def test_the_forms_module_examples_hold() -> None:
    import doctest

    from graphintel import redact_forms, redact_scrub

    for module in (redact_forms, redact_scrub):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
