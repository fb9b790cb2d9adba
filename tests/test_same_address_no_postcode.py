"""Against Neo4j: a child's home recorded again without a postcode (or with one, when the
home has none) is still her home: withheld from partner outputs, never a place for
closure, tenancy enforcement or patrols (SAME_ADDRESS in
``cypher/redact/protected_entities.cypher``, by the places' address keys,
``graphintel.clean.address``). Two places with different postcodes stay two places, as do
two flats of one building; a graph loaded before places had address keys gets them when
the schema is applied."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graphintel import derived
from graphintel.agenda import build_agenda, write_agenda
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.queries import query_plan
from graphintel.redact import born_after
from graphintel.schema import apply_schema, schema_state
from graphintel.store import Store
from tests.graph_helpers import analyse, person, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings

AS_OF = "2025-06-30"
#: Tactics against a place that must never be proposed where a child lives.
ENFORCEMENT = ("Closure", "Tenancy", "patrols", "Community protection notice")


def _place(pid: str, address: str, postcode: str | None = None,
           kind: str = "home_address") -> dict[str, Any]:
    out = {"id": pid, "type": "Location", "address": address, "kind": kind}
    if postcode:
        out["postcode"] = postcode
    return out


def _child_and_adult(n: int, child_home: dict[str, Any],
                     adult_home: dict[str, Any]) -> list[dict[str, Any]]:
    """Two reports: a girl and her home; then an adult suspect, his home and his
    exploitation of her (the adult's home written in another report, another way)."""
    girl = person("c", f"Girl{n} CHILD", "2012-01-0" + str(n % 9 + 1), "victim")
    man = person("a", f"Man{n} ADULT", "1980-02-0" + str(n % 9 + 1), "suspect")
    return [report(f"IR/C/{n}", [girl, {**child_home, "id": "h"}],
                   [{"from": "c", "to": "h", "type": "LIVES_AT"}], date="2025-03-01"),
            report(f"IR/A/{n}", [man, girl, {**adult_home, "id": "p"}],
                   [{"from": "a", "to": "p", "type": "LIVES_AT"},
                    {"from": "a", "to": "c", "type": "EXPLOITS"}], date="2025-03-02",
                   grading="1AP")]


#: (case, the child's home, the adult's home, whether they are one home)
PAIRS: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("adult-no-postcode", _place("h", "5 Elm Road", "ZZ1 1AA"), _place("p", "5 Elm Rd"), True),
    ("child-no-postcode", _place("h", "7 Oak Rd"), _place("p", "7 Oak Road", "ZZ2 2BB"), True),
    ("neither-postcode", _place("h", "9 Ash Cl"), _place("p", "9 ASH CLOSE."), True),
    ("flat-no-postcode", _place("h", "11 Birch Road", "ZZ4 4DD"),
     _place("p", "Flat 1, 11 Birch Rd"), True),
    ("child-flat-no-postcode", _place("h", "Flat 3, 13 Birch Rd"),
     _place("p", "13 Birch Road", "ZZ4 4DD"), True),
    ("postcode-in-address", _place("h", "21 Yew Road, ZZ7 7GG"),
     _place("p", "21 Yew Rd", "ZZ7 7GG"), True),
    ("other-postcode", _place("h", "15 Pine Road", "ZZ5 5EE"),
     _place("p", "15 Pine Road", "ZZ9 9ZZ"), False),
    ("other-flat", _place("h", "Flat 1, 17 Pine Rd"), _place("p", "Flat 2, 17 Pine Road"), False),
    ("neighbour", _place("h", "5 Larch Road", "ZZ8 8HH"), _place("p", "25 Larch Rd"), False),
    ("other-street", _place("h", "5 Holly Road", "ZZ8 8JJ"), _place("p", "5 Holly Street"),
     False),
    # a town written by one record and not the other
    ("town-on-child", _place("h", "14 Beech Road, Bristol", "ZZ3 3LG"),
     _place("p", "14 Beech Road"), True),
    ("town-on-adult", _place("h", "31 Rowan Close"), _place("p", "31 Rowan Cl, Knowle"), True),
    # an apostrophe written by one record and not the other
    ("apostrophe", _place("h", "14 St Mary's Road", "ZZ1 2AB"),
     _place("p", "14 St Marys Rd", "ZZ1 2AB"), True),
]


def _load(store: Store, settings: Settings, folder: Path,
          reports: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    summary = ingest([write_jsonl(folder / "r.jsonl", reports)], settings=settings,
                     store=store)
    assert summary.ok, summary.as_dict()


def _places(store: Store) -> dict[str, str]:
    """uid of each place by its address as recorded."""
    return {r["address"]: r["uid"] for r in store.read_text(
        "MATCH (l:Location) RETURN l.address AS address, l.uid AS uid", {})}


def _reasons(store: Store, uids: list[str]) -> dict[str, list[str]]:
    return {r["uid"]: r["reasons"] for r in store.read(
        "protected_entities", uids=sorted(uids), born_after=born_after(AS_OF))}


def test_same_address_with_or_without_a_postcode(store: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    """Every pair in one graph: only the adult's records of a child's home are
    SAME_ADDRESS, by one index seek per place."""
    reports = [r for n, (_, home, adults, _) in enumerate(PAIRS)
               for r in _child_and_adult(n, home, adults)]
    # a place a child went missing from, recorded without a postcode; an adult's home
    # with one at the same address
    reports.append(report("ME/1", [
        person("c", "Girl99 CHILD", "2011-05-05", "victim"),
        {"id": "e", "type": "Event", "kind": "missing_episode", "start": "2025-03-03T18:00"},
        _place("m", "19 Cedar Rd")], [{"from": "c", "to": "e", "type": "SUBJECT_OF"},
                                      {"from": "e", "to": "m", "type": "MISSING_FROM"}]))
    reports.append(report("IR/A/99", [person("a", "Ned ADULT", "1979-01-01", "suspect"),
                                      _place("p", "19 Cedar Road", "ZZ6 6FF")],
                          [{"from": "a", "to": "p", "type": "LIVES_AT"}]))
    _load(store, settings, tmp_path, reports)
    uid = _places(store)
    adults = {case: uid[adult["address"]] for case, _, adult, _ in PAIRS}
    adults["missing-from"] = uid["19 Cedar Road"]
    rows = _reasons(store, list(adults.values()))
    same = {case for case, u in adults.items() if "SAME_ADDRESS" in rows.get(u, [])}
    assert same == {case for case, _, _, one in PAIRS if one} | {"missing-from"}
    # nothing else about the adults' homes is withheld
    assert {case for case, u in adults.items() if u in rows} == same
    # and the children's own homes are theirs, not SAME_ADDRESS of one another
    homes = _reasons(store, [uid[home["address"]] for _, home, _, _ in PAIRS])
    assert all(r == ["LIVES_AT", "ONLY_AT_RISK"] for r in homes.values()), homes
    # index-backed: each place's other records are one seek of location_address_key, no
    # place is scanned (planned on this graph's statistics, not a plan cached from a larger
    # graph an earlier test loaded)
    store.run_schema(["CALL db.prepareForReplanning()"])
    steps = query_plan(store, store.query("protected_entities").text,
                       {"uids": sorted(adults.values()), "born_after": born_after(AS_OF),
                        "safeguarded": []},
                       profile=True)
    assert any(s.operator.startswith("NodeIndexSeek") and "address_key" in s.details
               for s in steps), [(s.operator, s.details) for s in steps]
    assert not [s for s in steps if "Scan" in s.operator and "Location" in s.details
                and (s.db_hits or s.rows)], [(s.operator, s.details) for s in steps]


@pytest.mark.parametrize(("case", "home", "adult", "one"), PAIRS[:4] + PAIRS[6:7],
                         ids=[p[0] for p in PAIRS[:4] + PAIRS[6:7]])
def test_the_agenda_never_acts_against_the_childs_home(
        store: Store, settings: Settings, tmp_path: Path, case: str, home: dict[str, Any],
        adult: dict[str, Any], one: bool) -> None:
    """The adult's record of the child's home: no closure, tenancy enforcement or patrols
    in any agenda, and not named to partners; at another postcode it is the suspect's
    home like any other (the control)."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    _load(store, settings, tmp_path / "data", _child_and_adult(1, home, adult))
    run = analyse(store).id
    street = adult["address"].split(",")[-1].split()[1].lower()  # elm, oak, ash...
    internal = build_agenda(store, keyed, run_id=run, date="2025-04-01")
    places = [p for n in internal.networks for p in n.places if street in p.address.lower()]
    assert len(places) == 1, [p.address for n in internal.networks for p in n.places]
    options = places[0].options
    if one:
        assert places[0].child_home and "where a child or victim lives" in places[0].kind
        assert not [o for o in options if any(w in o for w in ENFORCEMENT)], options
        assert not [a.action for a in internal.actions if street in a.action.lower()]
    else:  # the control: the suspect's home at another postcode is his
        assert not places[0].child_home
        assert "Closure notice and order" in options and "Tenancy enforcement" in options
        return
    paths = write_agenda(store, keyed, run_id=run, profile="partner", date="2025-04-01",
                         formats=("md", "html"), out_dir=tmp_path / "partner")
    assert {p.suffix for p in paths} >= {".md", ".html"}
    for path in paths:
        if path.suffix in (".md", ".html"):
            text = path.read_text(encoding="utf-8").lower()
            assert not re.search(rf"\b{street}\b", text), (path.name, case)
            if path.suffix == ".md":
                assert "home address (withheld)" in text
                rows = [line for line in text.splitlines() if "(withheld)" in line]
                assert not [r for r in rows if any(w.lower() in r for w in ENFORCEMENT)]


def test_a_graph_loaded_before_address_keys_gets_them(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    """As an older graphintel left it: no address keys and no index on them. Applying the
    schema writes them (then makes the index), and SAME_ADDRESS finds the child's home
    recorded without a postcode again."""
    _load(store, settings, tmp_path, _child_and_adult(1, *PAIRS[0][1:3])
          + _child_and_adult(2, *PAIRS[3][1:3]))
    keys = "MATCH (l:Location) RETURN l.uid AS uid, l.address_key AS k, l.address_unit AS u"
    wanted = {r["uid"]: (r["k"], r["u"]) for r in store.read_text(keys, {})}
    assert ("5 elm road", None) in wanted.values() and ("11 birch road", "1") in wanted.values()
    uid = _places(store)
    adults = [uid["5 Elm Rd"], uid["Flat 1, 11 Birch Rd"]]
    assert set(_reasons(store, adults)) == set(adults)
    with store._session("WRITE") as session:
        session.run("MATCH (l:Location) REMOVE l.address_key, l.address_unit").consume()
    store.run_schema([f"DROP INDEX {derived.ADDRESS_KEY_INDEX} IF EXISTS"])
    assert derived.ADDRESS_KEY_INDEX in schema_state(store).missing
    assert _reasons(store, adults) == {}  # the gap an older graph has
    assert apply_schema(store).applied
    assert {r["uid"]: (r["k"], r["u"]) for r in store.read_text(keys, {})} == wanted
    assert set(_reasons(store, adults)) == set(adults)
    assert derived.backfill_address_keys(store) == 0  # nothing left to write


def test_a_merge_and_its_undo_keep_the_address_keys(store: Store, settings: Settings,
                                                    tmp_path: Path) -> None:
    """A merge writes the kept place from a snapshot, without markers: its address keys
    are recomputed, and the undo puts both places' back."""
    from graphintel.resolve import merge, undo

    _load(store, settings, tmp_path, [report("IR/M/1", [
        _place("a", "PO Box 1"), _place("b", "Flat 2, 5 Elm Rd", "ZZ1 1AA")])])
    uid = _places(store)
    keys = "MATCH (l:Location) RETURN l.uid AS uid, l.address_key AS k, l.address_unit AS u"
    before = {r["uid"]: (r["k"], r["u"]) for r in store.read_text(keys, {})}
    done = merge(store, uid["PO Box 1"], uid["Flat 2, 5 Elm Rd"], reason="one place", user="t")
    after = {r["uid"]: (r["k"], r["u"]) for r in store.read_text(keys, {})}
    assert after == {uid["Flat 2, 5 Elm Rd"]: ("5 elm road", "2")}
    undo(store, done.id, user="t", reason="two places")
    assert {r["uid"]: (r["k"], r["u"]) for r in store.read_text(keys, {})} == before


def test_keys_written_before_apostrophes_joined_are_written_again(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A graph whose address keys were written before an apostrophe joined the letters
    either side of it ("14 street mary s road") and indexed under the old index's name:
    applying the schema writes them again and replaces the index, so the adult's record
    of the child's home meets hers again."""
    _load(store, settings, tmp_path, _child_and_adult(1, *PAIRS[-1][1:3]))
    uid = _places(store)
    child, adult = uid["14 St Mary's Road"], uid["14 St Marys Rd"]
    assert set(_reasons(store, [adult])) == {adult}
    with store._session("WRITE") as session:
        session.run("MATCH (l:Location {uid: $uid}) SET l.address_key = "
                    "'14 street mary s road'", uid=child).consume()
    store.run_schema([f"DROP INDEX {derived.ADDRESS_KEY_INDEX} IF EXISTS",
                      "CREATE INDEX location_address_key IF NOT EXISTS "
                      "FOR (n:Location) ON (n.address_key)"])
    assert _reasons(store, [adult]) == {}  # the gap such a graph has
    assert apply_schema(store).applied
    names = {r["name"] for r in store.read("show_indexes")}
    assert "location_address_key" not in names and derived.ADDRESS_KEY_INDEX in names
    assert set(_reasons(store, [adult])) == {adult}
