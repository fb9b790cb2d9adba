"""Search as the user review found it wanting, on the bundled sample: phone numbers, VRMs and
postcodes find the reports that mention them in any written form (not the reports sharing
a word like ``07700``), exact names rank first, and Lucene operators typed are plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.queries import query_plan
from graphintel.search import SearchText, read_search_text, search, search_all
from graphintel.store import Store
from tests.test_query_plans import check_plan_shape

SAMPLE = Path(__file__).resolve().parent.parent / "sample"

# -- reading the text (no database) ----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("07700 900171", SearchText(phones=("+447700900171",))),
    ("(07700) 900 171", SearchText(phones=("+447700900171",))),
    ("+44 7700 900171", SearchText(phones=("+447700900171",))),
    ("07700900171", SearchText(phones=("+447700900171",))),
    ("CU51BOE", SearchText(vrms=("CU51BOE",))),
    ("cu51 boe", SearchText(vrms=("CU51BOE",))),
    ("BS47BY", SearchText(postcodes=("BS4 7BY",))),
    ("bs4 7by", SearchText(postcodes=("BS4 7BY",))),
    ("Tracey at bs4 7by, in cu51-boe; 07700 900120 knife",
     SearchText(phones=("+447700900120",), vrms=("CU51BOE",), postcodes=("BS4 7BY",),
                words=("tracey", "at", "in", "knife"))),
    # a number too short to be a phone number, an outward code alone: words
    ("07700", SearchText(words=("07700",))),
    ("bs4 kebab", SearchText(words=("bs4", "kebab"))),
    # a dateless mark typed alone is looked up and searched as words too
    ("ABC 123", SearchText(vrms=("ABC123",), words=("abc", "123"))),
])
def test_phones_vrms_and_postcodes_are_read_from_the_text(text: str,
                                                           expected: SearchText) -> None:
    assert read_search_text(text) == expected


def test_lucene_operators_and_special_characters_are_plain_words() -> None:
    assert read_search_text("Tracey AND NOT").words == ("tracey",)
    assert read_search_text("tracey && || ! campbell OR -x").words == ("tracey", "campbell", "x")
    assert read_search_text("name:jordan~2 (o'neil)^4 *:*").words == (
        "name", "jordan", "2", "o'neil", "4")
    assert read_search_text("NOT").words == ("not",)  # alone, still something to look for


# -- on the sample -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(session_store: Store, settings: Settings) -> Iterator[Store]:
    """The bundled sample, loaded as ``make demo`` loads it (search needs no analysis)."""
    from graphintel.cli.ingest_cmd import expand
    from graphintel.ingest import ingest

    session_store.wipe()
    assert ingest(expand([SAMPLE]), settings=settings, store=session_store).ok
    yield session_store


def refs(hits: list[dict[str, Any]]) -> list[str]:
    return [h["id"] for h in hits if h["kind"] == "report"]


def people(hits: list[dict[str, Any]]) -> list[str]:
    return [h["name"] for h in hits if h["kind"] == "person"]


def mentioning(store: Store, where: str, value: str) -> set[str]:
    """The refs of the reports linked to the phone, vehicle or postcode, read directly."""
    return {r["ref"] for r in store.read_text(
        f"MATCH (r:Report)-[:MENTIONS]->(e) WHERE {where} RETURN DISTINCT r.ref AS ref",
        {"v": value})}


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def narrative(store: Store, ref: str) -> str:
    return str(store.read_text("MATCH (r:Report {ref: $ref}) RETURN r.narrative AS n",
                               {"ref": ref})[0]["n"] or "")


def test_a_phone_number_finds_the_reports_that_mention_it_in_any_form(sample: Store) -> None:
    found = refs(search(sample, "07700 900171", 50))
    assert "IR/2024/000377" in found  # "(07700) 900 171"
    assert "IR/2023/000124" not in found  # only shares "07700" (it says 07700 900906)
    assert set(found) == mentioning(sample, "e:Phone AND e.key = $v", "+447700900171")
    for ref in found:
        text = narrative(sample, ref)
        assert not text or "7700900171" in digits(text), (ref, text)
    # written as the narrative of IR/2023/000115 writes it, or any other way: the same
    other = refs(search(sample, "07700 900120", 50))
    assert "IR/2023/000115" in other  # "+447700900120"
    assert set(other) == mentioning(sample, "e:Phone AND e.key = $v", "+447700900120")
    for typed in ("+447700900120", "+44 7700 900120", "(07700) 900120", "07700900120"):
        assert refs(search(sample, typed, 50)) == other, typed


def test_a_vrm_finds_the_reports_that_mention_it_however_spaced(sample: Store) -> None:
    found = refs(search(sample, "CU51BOE", 50))
    assert set(found) == mentioning(sample, "e:Vehicle AND e.key = $v", "CU51BOE")
    said = {r["ref"] for r in sample.read_text(
        "MATCH (r:Report) WHERE replace(toLower(r.narrative), ' ', '') CONTAINS 'cu51boe' "
        "RETURN r.ref AS ref", {})}
    assert len(said) >= 8 and said <= set(found), sorted(said - set(found))
    assert refs(search(sample, "cu51 boe", 50)) == found
    assert refs(search(sample, "CU51-BOE", 50)) == found


def test_a_postcode_finds_the_reports_that_mention_it_not_its_district(sample: Store) -> None:
    found = refs(search(sample, "BS47BY", 100))
    expected = mentioning(sample, "e:Location AND e.postcode = $v", "BS4 7BY")
    assert set(found) == expected and len(found) > 3
    for typed in ("bs4 7by", "bs47by", "BS4 7BY"):
        assert refs(search(sample, typed, 100)) == found, typed
    for ref in found:
        text = narrative(sample, ref).lower().replace(" ", "")
        assert not text or "bs47by" in text, (ref, text)
    # cut where the full listing would: a total order
    assert refs(search(sample, "bs4 7by", 5)) == found[:5]


def test_the_other_words_go_to_full_text_and_rank_the_reports_that_mention_it(
        sample: Store) -> None:
    hits = search(sample, "cu51 boe Tracey", 50)
    assert any(name.lower().startswith("tracey") for name in people(hits))
    reports = [h for h in hits if h["kind"] == "report"]
    car = mentioning(sample, "e:Vehicle AND e.key = $v", "CU51BOE")
    n = len(car)
    assert {h["id"] for h in reports[:n]} == car  # the reports naming the car first ...
    scored = [h["score"] for h in reports[:n]]
    # ... those also matching the words (IR/2024/000403 names Tracey MORGAN) first among them
    assert scored[0] is not None and "tracey" in narrative(sample, reports[0]["id"]).lower()
    assert scored == sorted(scored, key=lambda s: -(s if s is not None else -1.0))
    assert all(h["score"] is not None for h in reports[n:])  # then the words alone
    # a phone number alone: no people (no words), only the reports naming it
    assert {h["kind"] for h in search(sample, "07700 900171")} == {"report"}


@pytest.mark.parametrize(("text", "first"), [
    ("Tracey Campbell", "Tracey CAMPBELL"),
    ("tracey campbell", "Tracey CAMPBELL"),
    ("Campbell, Tracey", "Tracey CAMPBELL"),
    ("Tracey Tucker", "Tracey TUCKER"),
    ("Aaron Campbell", "Aaron CAMPBELL"),
])
def test_an_exact_name_ranks_first(sample: Store, text: str, first: str) -> None:
    found = people(search(sample, text))
    assert found[0] == first, found
    # everyone with every word comes before anyone with only some of them
    words = [w for w in re.split(r"\W+", text.lower()) if w]
    has_all = [all(w in name.lower().split() for w in words) for name in found]
    assert has_all == sorted(has_all, reverse=True), found


def test_typed_lucene_operators_match_no_other_names(sample: Store) -> None:
    found = people(search(sample, "Tracey AND NOT", 50))
    assert found and all(name.lower().startswith("tracey") for name in found), found
    assert people(search(sample, "Tracey AND NOT", 50)) == people(search(sample, "Tracey", 50))
    assert not [n for n in people(search(sample, "AND OR NOT", 50))
                if n.lower().startswith(("and", "or", "not"))]
    assert people(search(sample, "tracey && !campbell")) == people(
        search(sample, "tracey campbell"))


def test_search_is_deterministic_and_search_all_adds_the_entities(sample: Store) -> None:
    for text in ("bs4 7by", "Tracey Campbell", "07700 900120 cannabis"):
        assert search(sample, text) == search(sample, text)
    every = search_all(sample, "07700 900120")
    assert every[0]["id"] == "Phone:+447700900120"
    assert every[1:] == search(sample, "07700 900120")


@pytest.mark.parametrize("params", [
    {"phones": ["+447700900171"], "vrms": ["CU51BOE"], "postcodes": ["BS4 7BY"],
     "query": "(tracey OR tracey*)"},
    {"postcodes": ["BS4 7BY"]},
    {"phones": ["+447700900120"], "query": "cannabis"},
])
def test_the_report_lookup_starts_from_index_seeks(sample: Store,
                                                   params: dict[str, Any]) -> None:
    cf = sample.query("lookup_report_fulltext")
    bound = cf.bind(params)
    steps = query_plan(sample, cf.text, bound, profile=True)
    check_plan_shape("lookup_report_fulltext", steps, bound, frozenset())
    assert steps[0].rows
    seeks = {s.operator for s in steps if "Seek" in s.operator and s.rows}
    assert seeks, [(s.operator, s.details) for s in steps]
