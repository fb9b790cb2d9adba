"""Person identity across reports: nominal reference, name + date of birth, name alone.

The same set of reports gives the same people whatever the order of the reports, the
files they come in, the batch size and whether the files are loaded one after the other
or at the same time (two loads with their own driver sessions).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve import find_candidates
from graphintel.store import Store
from tests.graph_helpers import fingerprint, report, write_jsonl

REPO = Path(__file__).resolve().parent.parent
DOB = "1990-02-11"
ND = f"nd:jordan smith|{DOB}"


def _p(eid: str, name: str, dob: str | None = None, nominal: str | None = None,
       role: str = "associate") -> dict[str, Any]:
    out: dict[str, Any] = {"id": eid, "type": "Person", "name": name, "role": role}
    if dob:
        out["dob"] = dob
    if nominal:
        out["nominal_ref"] = nominal
    return out


def _load(store: Store, settings: Settings, tmp_path: Path, reports: list[dict[str, Any]],
          *, split: bool, batch_size: int) -> None:
    """Load ``reports`` into an empty graph: one file or a file each, at ``batch_size``."""
    store.wipe()
    folder = tmp_path / f"load{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    if split:
        files = [write_jsonl(folder / f"{i}.jsonl", [r]) for i, r in enumerate(reports)]
    else:
        files = [write_jsonl(folder / "all.jsonl", reports)]
    summary = ingest(files, settings=replace(settings, batch_size=batch_size), store=store)
    assert summary.ok


def _people(store: Store) -> list[dict[str, Any]]:
    return store.read_text(
        "MATCH (p:Person) "
        "OPTIONAL MATCH (r:Report)-[m:MENTIONS]->(p) "
        "WITH p, r, m ORDER BY r.ref "
        "RETURN p.uid AS uid, p.nominal_ref AS nominal_ref, p.name_dob AS name_dob, "
        "p.keys AS keys, collect([r.ref, m.keys]) AS mentions ORDER BY uid", {})


def _arrangements(reports: list[dict[str, Any]], *, files: bool = True
                  ) -> list[tuple[list[dict[str, Any]], bool, int]]:
    """Every order of the reports, each as one file in one batch, one file in batches of
    one, and (with ``files``) a file per report."""
    out = []
    for order in itertools.permutations(reports):
        out += [(list(order), False, 1000), (list(order), False, 1)]
        if files:
            out.append((list(order), True, 1000))
    return out


def _why(order: list[dict[str, Any]], split: bool, size: int) -> str:
    return f"order {[r['ref'] for r in order]}, {'a file each' if split else 'one file'}, " \
           f"batch size {size}"


# -- the cases that split before: each loads the same reports in every arrangement ---------

BRIDGE = [  # nominal alone, name + dob alone, then a report that gives both
    report("NOM", [_p("a", "J. SMITH", nominal="N1", role="suspect")]),
    report("ND", [_p("a", "Jordan SMITH", DOB)]),
    report("BOTH", [_p("a", "Jordan Smith", DOB, "N1", role="suspect")]),
]


def test_nominal_and_name_dob_bridged_by_a_third_report_are_one_person(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    for order, split, size in _arrangements(BRIDGE):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = _people(store)
        assert len(people) == 1, (_why(order, split, size), people)
        p = people[0]
        assert p["nominal_ref"] == "N1" and p["name_dob"] == f"jordan smith|{DOB}"
        assert sorted(p["keys"]) == [ND, "ref:N1"]
        assert p["uid"] == "Person:ref:N1", _why(order, split, size)  # the nominal's
        # the better-written name shown, the others aliases (graphintel.clean.names.name_rank)
        shown = store.read_text("MATCH (p:Person) RETURN p.name AS name, p.name_key AS key, "
                                "p.aliases AS aliases", {})
        assert [(x["name"], x["key"], sorted(x["aliases"])) for x in shown] == [
            ("Jordan SMITH", "jordan smith", ["J. SMITH", "Jordan Smith"])], \
            _why(order, split, size)
        # which report gave which key
        assert p["mentions"] == [["BOTH", [ND, "ref:N1"]], ["ND", [ND]], ["NOM", ["ref:N1"]]]
        assert not [c for c in find_candidates(store).candidates], _why(order, split, size)


def test_name_alone_stays_apart_in_every_order(store: Store, settings: Settings,
                                               tmp_path: Path) -> None:
    reports = [report("NAME", [_p("a", "Jordan Smith")]), *BRIDGE]
    for order, split, size in _arrangements(reports, files=False):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = _people(store)
        assert sorted(p["uid"] for p in people if p["nominal_ref"] is None) == \
            ["Person:n:jordan smith"], _why(order, split, size)
        assert len(people) == 2, (_why(order, split, size), people)


def test_a_second_name_and_dob_given_with_the_nominal_identifies_it_too(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    reports = [
        report("A", [_p("a", "Jordan Smith", DOB, "N1")]),
        report("B", [_p("a", "Jordan Smyth", "1990-11-02", "N1")]),  # a second name + dob
        report("C", [_p("a", "Jordan Smyth", "1990-11-02")]),
    ]
    for order, split, size in _arrangements(reports):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = _people(store)
        assert len(people) == 1, (_why(order, split, size), people)
        assert sorted(people[0]["keys"]) == [ND, "nd:jordan smyth|1990-11-02", "ref:N1"]


def test_two_mentions_in_one_report_joined_by_another(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    reports = [
        report("TWO", [_p("a", "J. SMITH", nominal="N1"), _p("b", "Jordan SMITH", DOB),
                       {"id": "ph", "type": "Phone", "number": "07700 900123"}],
               [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"},
                {"from": "b", "to": "ph", "type": "USES"}]),
        report("BOTH", [_p("a", "Jordan Smith", DOB, "N1"), _p("b", "Jordan Smith", DOB)]),
    ]
    for order, split, size in _arrangements(reports):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = _people(store)
        assert len(people) == 1, (_why(order, split, size), people)
        links = store.read_text("MATCH (:Person)-[r]->(o) RETURN type(r) AS t, o.uid AS o, "
                                "r.refs AS refs", {})
        assert links == [{"t": "USES", "o": "Phone:+447700900123", "refs": ["TWO"]}]
        roles = store.read_text("MATCH (:Report {ref: 'TWO'})-[m:MENTIONS]->(:Person) "
                                "RETURN m.keys AS keys", {})
        assert [sorted(r["keys"]) for r in roles] == [[ND, "ref:N1"]]


def test_conflicting_nominal_refs_are_two_people_proposed_for_review(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    reports = [
        report("N1", [_p("a", "Sam Lee", "1999-01-01", "N1")]),
        report("N2", [_p("a", "Sam Lee", "1999-01-01", "N2")]),
        report("ND", [_p("a", "Sam LEE", "1999-01-01")]),
    ]
    for order, split, size in _arrangements(reports):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = _people(store)
        assert sorted(p["nominal_ref"] for p in people) == ["N1", "N2"], \
            (_why(order, split, size), people)
        # the name + dob mention joins the person its key was first bound to
        first = next(r["ref"] for r in order if r["ref"] != "ND")
        holder = next(p for p in people if "nd:sam lee|1999-01-01" in p["keys"])
        assert holder["nominal_ref"] == first, _why(order, split, size)
        pairs = find_candidates(store).candidates
        assert len(pairs) == 1, _why(order, split, size)
        assert {pairs[0].a, pairs[0].b} == {p["uid"] for p in people}
        assert "different nominal references N1 / N2" in " ".join(pairs[0].evidence) or \
            "different nominal references N2 / N1" in " ".join(pairs[0].evidence)


def test_rerun_changes_nothing_and_new_reports_find_the_same_people(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    reports = [*BRIDGE, report("NAME", [_p("a", "Jordan Smith")])]
    _load(store, settings, tmp_path, reports, split=False, batch_size=2)
    before, counts = fingerprint(store), store.counts()
    again = ingest([write_jsonl(tmp_path / "again.jsonl", reports)], settings=settings,
                   store=store)
    assert again.as_dict()["duplicates"] == 4 and again.counts.nodes_created == 0
    assert fingerprint(store) == before and store.counts() == counts
    uids = [p["uid"] for p in _people(store)]
    later = [{**r, "ref": f"LATER/{r['ref']}"} for r in reports[::-1]]
    ingest([write_jsonl(tmp_path / "later.jsonl", later)], settings=settings, store=store)
    assert [p["uid"] for p in _people(store)] == uids
    assert uids == ["Person:n:jordan smith", "Person:ref:N1"]
    keys = store.read_text("MATCH (k:PersonKey) RETURN k.key AS key, k.uid AS uid "
                           "ORDER BY key", {})
    assert keys == [{"key": "n:jordan smith", "uid": "Person:n:jordan smith"},
                    {"key": ND, "uid": "Person:ref:N1"},
                    {"key": "ref:N1", "uid": "Person:ref:N1"}]
    merged = store.read_text("MATCH (p:Person {uid: 'Person:ref:N1'}) "
                             "RETURN p.merged_uids AS m, p.aliases AS aliases", {})[0]
    assert merged["m"] == [f"Person:{ND}"]
    assert sorted(merged["aliases"]) == ["J. SMITH", "Jordan Smith"]  # "Jordan SMITH" shown


# -- concurrent loads ------------------------------------------------------------------------

def _crowd(n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """n people: by nominal + name + dob, by name + dob, and by nominal alone."""
    both, nd, nominal = [], [], []
    for i in range(n):
        name, dob, ref = f"Person{i:04d} Testcase", f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}", \
            f"N{i:05d}"
        both.append(report(f"A/{i}", [_p("a", name, dob, ref, role="suspect")]))
        nd.append(report(f"B/{i}", [_p("a", name.upper(), dob)]))
        nominal.append(report(f"C/{i}", [_p("a", name, nominal=ref)]))
    return both, nd, nominal


def _at_once(settings: Settings, files: list[Path], batch_size: int) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(files))

    def load(path: Path) -> None:
        try:
            with Store.open(settings) as own:
                barrier.wait(timeout=60)
                summary = ingest([path], settings=replace(settings, batch_size=batch_size),
                                 store=own)
                assert summary.ok
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []


@pytest.mark.parametrize("batch_size", [1000, 25])
def test_concurrent_loads_give_the_people_of_sequential_ones(
        store: Store, settings: Settings, tmp_path: Path, batch_size: int) -> None:
    both, nd, _ = _crowd(400)
    files = [write_jsonl(tmp_path / "both.jsonl", both), write_jsonl(tmp_path / "nd.jsonl", nd)]
    _at_once(settings, files, batch_size)
    assert store.read_text("MATCH (p:Person) RETURN count(p) AS n", {}) == [{"n": 400}]
    keys = store.read_text("MATCH (p:Person) WHERE size(p.keys) = 2 AND p.nominal_ref "
                           "IS NOT NULL RETURN count(p) AS n", {})
    assert keys == [{"n": 400}]


def test_concurrent_bridging_loads(store: Store, settings: Settings, tmp_path: Path) -> None:
    both, nd, nominal = _crowd(150)
    files = [write_jsonl(tmp_path / "nominal.jsonl", nominal),
             write_jsonl(tmp_path / "nd.jsonl", nd), write_jsonl(tmp_path / "both.jsonl", both)]
    _at_once(settings, files, 10)
    assert store.read_text("MATCH (p:Person) RETURN count(p) AS n", {}) == [{"n": 150}]
    mentions = store.read_text("MATCH (:Report)-[m:MENTIONS]->(:Person) RETURN count(m) AS n",
                               {})
    assert mentions == [{"n": 450}]
    keys = store.read_text("MATCH (k:PersonKey) RETURN count(k) AS n, "
                           "count(k.uid) AS bound", {})
    assert keys == [{"n": 300, "bound": 300}]


def test_two_processes_at_once_give_the_people_of_one_after_the_other(
        store: Store, tmp_path: Path) -> None:
    both, nd, _ = _crowd(400)
    files = [write_jsonl(tmp_path / "both.jsonl", both), write_jsonl(tmp_path / "nd.jsonl", nd)]
    env = {**os.environ, "GRAPHINTEL_BATCH_SIZE": "50"}
    procs = [subprocess.Popen([sys.executable, str(REPO / "cli.py"), "ingest", str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env=env) for f in files]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert store.read_text("MATCH (p:Person) RETURN count(p) AS n", {}) == [{"n": 400}]


# -- people loaded before identity keys existed ------------------------------------------------

def test_people_without_key_nodes_are_given_them_before_a_load(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.resolve.bulk import load_people

    def old(key: str, name: str, dob: str | None = None,
            nominal: str | None = None) -> dict[str, Any]:
        props = {"uid": f"Person:{key}", "key": key, "name": name, "name_key": name.lower(),
                 "dob": dob, "nominal_ref": nominal,
                 "name_dob": f"{name.lower()}|{dob}" if dob else None}
        return {"props": {k: v for k, v in props.items() if v is not None}}

    # as an older graphintel left them: N1 with a name + dob, a split twin of it known by
    # that name + dob alone, and N2 with a name + dob nobody else has
    load_people(store, [old("ref:N1", "jordan smith", DOB, "N1"),
                        old(ND, "jordan smith", DOB),
                        old("ref:N2", "sam lee", "1999-01-01", "N2")])
    ingest([write_jsonl(tmp_path / "new.jsonl", [
        report("X", [_p("a", "Sam Lee", "1999-01-01")]),   # joins N2 by its name + dob
        report("Y", [_p("a", "Jordan Smith", DOB)]),       # the twin keeps its own key
    ])], settings=settings, store=store)
    people = {p["uid"]: p for p in _people(store)}
    assert sorted(people) == ["Person:nd:jordan smith|1990-02-11", "Person:ref:N1",
                              "Person:ref:N2"]
    assert sorted(people["Person:ref:N2"]["keys"]) == ["nd:sam lee|1999-01-01", "ref:N2"]
    assert people["Person:ref:N1"]["keys"] == ["ref:N1"]
    assert [m[0] for m in people[f"Person:{ND}"]["mentions"]] == ["Y"]
    # a report giving both joins the split pair
    ingest([write_jsonl(tmp_path / "both.jsonl", [
        report("Z", [_p("a", "Jordan Smith", DOB, "N1")])])], settings=settings, store=store)
    people = {p["uid"]: p for p in _people(store)}
    assert sorted(people) == ["Person:ref:N1", "Person:ref:N2"]
    assert [m[0] for m in people["Person:ref:N1"]["mentions"]] == ["Y", "Z"]


# -- the store retries a write batch that lost a deadlock ------------------------------------

def test_write_batches_that_deadlock_are_retried(store: Store, settings: Settings) -> None:
    from graphintel.store import Tx

    barrier = threading.Barrier(2)
    attempts = [0, 0]
    errors: list[BaseException] = []

    def batch(i: int, first: str, second: str) -> None:
        def work(tx: Tx) -> None:
            attempts[i] += 1
            tx.run("lock_person_keys", keys=[first])
            if attempts[i] == 1:
                barrier.wait(timeout=30)  # both hold their first key: a deadlock
            tx.run("lock_person_keys", keys=[second])

        try:
            with Store.open(settings) as own:
                own.write_tx(work)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=batch, args=(0, "n:a", "n:b")),
               threading.Thread(target=batch, args=(1, "n:b", "n:a"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(attempts)[0] == 1 and sorted(attempts)[1] >= 2
    assert store.read_text("MATCH (k:PersonKey) RETURN count(k) AS n", {}) == [{"n": 2}]


CLASH = [  # Dean's nominal, mistyped on a report about a child he exploits
    report("DEAN", [_p("a", "Dean WARD", nominal="N111", role="suspect"),
                    _p("b", "Amy CHILD", "2011-01-01", role="victim")],
           [{"from": "a", "to": "b", "type": "EXPLOITS"}]),
    report("AMY", [_p("b", "Amy CHILD", "2011-01-01", "N111", role="victim")]),
]


def test_a_nominal_given_with_someone_elses_name_or_age_joins_nobody(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A nominal reference whose person clashes with the mention (no name in common, or a
    date of birth years apart) is taken as mistyped: the child is not merged into the
    suspect, nor he made a victim; the mention keeps the nominal as a flagged conflict."""
    for order, split, size in _arrangements(CLASH, files=False):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = {r["name"]: r for r in store.read_text(
            "MATCH (p:Person) RETURN p.name AS name, p.roles AS roles, p.dob AS dob, "
            "p.flags AS flags, p.conflicting_nominal_refs AS clash", {})}
        assert sorted(people) == ["Amy CHILD", "Dean WARD"], (_why(order, split, size), people)
        assert people["Dean WARD"]["roles"] == ["suspect"], _why(order, split, size)
        assert people["Amy CHILD"]["dob"] == "2011-01-01"
        flagged = [n for n, p in people.items() if "nominal_ref_conflict" in (p["flags"] or [])]
        assert len(flagged) == 1, (_why(order, split, size), people)
    store.wipe()
    done = ingest([write_jsonl(tmp_path / "clash.jsonl", CLASH)], settings=settings, store=store)
    assert [w for f in done.files for w in f.warnings
            if "nominal reference N111 belongs to someone else" in w and "'Amy CHILD'" in w]
    # a suspect's nominal given with his own name and another year of birth: the same
    _load(store, settings, tmp_path, [
        report("D1", [_p("a", "Dean WARD", "1985-07-07", "N111")]),
        report("D2", [_p("a", "Dean WARD", "2009-07-07", "N111")])], split=False, batch_size=1)
    assert len(_people(store)) == 2


DOB_CHAIN = [  # one nominal given with three years of birth, each a year from the next
    report("Y2009", [_p("a", "Kai FROST", "2009-03-03", "N777", role="victim")]),
    report("Y2008", [_p("a", "Kai Frost", "2008-03-03", "N777", role="suspect")]),
    report("Y2007", [_p("a", "Kai FROST", "2007-03-03", "N777", role="suspect")]),
    report("Y2007b", [_p("a", "Kai FROST", "2007-03-03", "N777", role="suspect")]),
]
NAME_CHAIN = [  # one nominal given with three names, each sharing a word with the next
    report("KF", [_p("a", "Kai FROST", "1995-05-05", "N888", role="suspect")]),
    report("KR", [_p("a", "Kai FRASER", "1995-05-05", "N888", role="suspect")]),
    report("LF", [_p("a", "Lee FRASER", "1995-05-05", "N888", role="suspect")]),
]


@pytest.mark.parametrize(("reports", "dob", "others", "keys"), [
    (DOB_CHAIN, "2009-03-03", ["2007-03-03", "2008-03-03"],
     ["nd:kai frost|2007-03-03", "nd:kai frost|2008-03-03", "nd:kai frost|2009-03-03",
      "ref:N777"]),
    (NAME_CHAIN, "1995-05-05", None,
     ["nd:kai fraser|1995-05-05", "nd:kai frost|1995-05-05", "nd:lee fraser|1995-05-05",
      "ref:N888"]),
], ids=["dates-of-birth", "names"])
def test_a_chain_under_one_nominal_is_one_person_in_every_order(
        store: Store, settings: Settings, tmp_path: Path, reports: list[dict[str, Any]],
        dob: str, others: list[str] | None, keys: list[str]) -> None:
    """The middle report bridges the other two: loaded first or last, the three are one
    person with every date of birth kept and the youngest as dob (a child while any makes
    them one), never a flagged nominal conflict that depends on the order of the reports."""
    nominal = reports[0]["entities"][0]["nominal_ref"]
    for order, split, size in _arrangements(reports):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        people = store.read_text(
            "MATCH (p:Person) RETURN p.nominal_ref AS nominal, p.dob AS dob, "
            "p.other_dobs AS others, p.keys AS keys, p.flags AS flags, "
            "p.conflicting_nominal_refs AS clashes, p.name_dob AS name_dob", {})
        assert len(people) == 1, (_why(order, split, size), people)
        p = people[0]
        assert (p["nominal"], p["dob"], p["others"]) == (nominal, dob, others), \
            (_why(order, split, size), p)
        assert sorted(p["keys"]) == keys, (_why(order, split, size), p)
        assert p["clashes"] is None and "nominal_ref_conflict" not in (p["flags"] or []), \
            (_why(order, split, size), p)
        assert ("dob_conflict" in (p["flags"] or [])) == bool(others)
        # the first in text order of the names given with that date, in every order
        assert p["name_dob"] == min(k[3:] for k in keys
                                    if k.startswith("nd:") and k.endswith("|" + dob)), \
            (_why(order, split, size), p)
        assert store.read_text("MATCH (k:PersonKey) RETURN k.key AS key, k.uid AS uid "
                               "ORDER BY key", {}) == \
            [{"key": k, "uid": store.read_text("MATCH (p:Person) RETURN p.uid AS u", {})[0]["u"]}
             for k in keys]


def _groups(store: Store) -> list[list[str]]:
    """The reports each person is mentioned in, one sorted list per person, sorted."""
    rows = store.read_text("MATCH (r:Report)-[:MENTIONS]->(p:Person) "
                           "RETURN p.uid AS uid, collect(r.ref) AS refs", {})
    return sorted(sorted(r["refs"]) for r in rows)


def test_a_nominal_given_with_an_alias_of_its_person_is_no_clash(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """The mention's own aliases count: a report that gives Kai FROST, known as Lee FRASER,
    the nominal of the Lee FRASER already loaded names that person, in either order."""
    reports = [
        report("KAI", [{**_p("a", "Kai FROST", "1995-04-04", "N1"), "aliases": ["Lee FRASER"]}]),
        report("LEE", [_p("a", "Lee FRASER", "1995-04-04", "N1")]),
    ]
    for order, split, size in _arrangements(reports):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        assert _groups(store) == [["KAI", "LEE"]], _why(order, split, size)


def test_a_clashing_nominal_does_not_keep_a_mention_from_its_name_and_dob(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A nominal taken as mistyped leaves the mention its name + date of birth, and that
    names the person who has them even when he has a nominal of his own: after the holder
    of N2 is loaded, Kai FROST born 1994 given N2 (two years from its holder) is the Kai
    FROST born 1994 of N1, whichever of the two reports comes first."""
    holder = report("P", [_p("a", "K. FROST", "1996-04-04", "N2")])
    reports = [report("Q", [_p("a", "Kai FROST", "1994-04-04", "N2")]),
               report("R", [_p("a", "Kai FROST", "1994-04-04", "N1")])]
    for order in itertools.permutations(reports):
        store.wipe()
        files = [write_jsonl(tmp_path / f"{i}.jsonl", [r])
                 for i, r in enumerate([holder, *order])]
        for f in files:
            assert ingest([f], settings=settings, store=store).ok
        assert _groups(store) == [["P"], ["Q", "R"]], [r["ref"] for r in order]
        kai = store.read_text("MATCH (p:Person {nominal_ref: 'N1'}) RETURN p.flags AS flags, "
                              "p.conflicting_nominal_refs AS clashes", {})
        assert kai == [{"flags": ["nominal_ref_conflict"], "clashes": ["N2"]}]


def test_a_name_alone_never_joins_a_nominal_through_a_clash(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A nominal given with a name its person does not have, and no date of birth, is a
    record of its own for that nominal and name, never the name alone: a 14-year-old known
    only by the same name stays apart from the adult suspect whose nominal it was, in every
    order, while the nominal's own mentions are one person."""
    reports = [
        report("X", [_p("a", "Kai FROST", "1995-04-04", "N1", role="suspect")]),
        report("Y", [_p("a", "Lee FRASER", nominal="N1", role="suspect")]),
        report("Z", [_p("a", "Kai FRASER", "1995-04-04", "N1", role="suspect")]),
        report("W", [{**_p("a", "Lee FRASER", role="victim"), "age": 14}]),
    ]
    for order, split, size in _arrangements(reports, files=False):
        _load(store, settings, tmp_path, order, split=split, batch_size=size)
        assert _groups(store) == [["W"], ["X", "Y", "Z"]], _why(order, split, size)
        child = store.read_text("MATCH (p:Person) WHERE p.age IS NOT NULL RETURN p.dob AS dob, "
                                "p.nominal_ref AS nominal, p.keys AS keys", {})
        assert child == [{"dob": None, "nominal": None, "keys": ["n:lee fraser"]}], \
            _why(order, split, size)


def test_a_graph_loaded_before_name_ranks_keeps_its_names_until_a_better_one(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.clean.names import name_rank
    from graphintel.resolve.bulk import load_people
    from graphintel.schema import NAME_RANK_INDEX, apply_schema

    # as an older graphintel left him: shown as the first report wrote him, no rank kept
    load_people(store, [{"props": {"uid": "Person:ref:N3", "key": "ref:N3",
                                   "name": "KYLE TUCKER", "name_key": "kyle tucker",
                                   "nominal_ref": "N3"}}])
    store.run_schema([f"DROP INDEX {NAME_RANK_INDEX} IF EXISTS"])
    assert apply_schema(store).applied
    [shown] = store.read_text("MATCH (p:Person) RETURN p.name AS name, p.name_rank AS rank",
                              {})
    assert shown == {"name": "KYLE TUCKER", "rank": name_rank("KYLE TUCKER")}
    for i, written in enumerate(["kyle tucker", "Kyle TUCKER", "K. TUCKER"]):
        ingest([write_jsonl(tmp_path / f"{i}.jsonl", [report(f"T{i}", [
            _p("a", written, nominal="N3")])])], settings=settings, store=store)
        [p] = store.read_text("MATCH (p:Person) RETURN p.name AS name, p.aliases AS aliases",
                              {})
        assert p["name"] == ("KYLE TUCKER" if i == 0 else "Kyle TUCKER"), (written, p)
    assert sorted(p["aliases"]) == ["K. TUCKER", "KYLE TUCKER", "kyle tucker"]
