"""Helpers the tests share: write canonical reports, fingerprint the whole graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphintel.store import Store


def report(ref: str, entities: list[dict[str, Any]], links: list[dict[str, Any]] | None = None,
           *, date: str = "2025-03-01", grading: Any = "2BP",
           narrative: str = "") -> dict[str, Any]:
    """A canonical report (FORMATS.md §1)."""
    return {"ref": ref, "date": date, "grading": grading, "author": "PC 1",
            "source_system": "test", "narrative": narrative, "entities": entities,
            "links": links or []}


def write_jsonl(path: Path, reports: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


VOLATILE = {"loaded_at", "version_at", "replaced_at"}


def fingerprint(store: Store, *, sort_lists: bool = False, history: bool = True,
                ignore: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every node and relationship with all its properties but load times, in a stable order.

    With ``sort_lists`` list properties are compared as sets (for loads whose order varies).
    Without ``history`` the uids a person was known by before a load joined their records
    (``merged_uids``) are left out too: a record known first by name and date of birth is
    joined to its nominal's person when the nominal arrives, so whether there was such a
    record to join depends on the order the reports arrived in, while the person does not.
    Properties named in ``ignore`` are left out as well.
    """
    volatile = (VOLATILE if history else VOLATILE | {"merged_uids"}) | ignore
    nodes = store.read_text(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", {})
    rels = store.read_text(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.uid, a.ref, a.id) AS a, type(r) AS type, "
        "coalesce(b.uid, b.ref, b.id) AS b, properties(r) AS props", {})

    def norm(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: norm(v) for k, v in sorted(obj.items()) if k not in volatile}
        if isinstance(obj, list):
            items = [norm(v) for v in obj]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, default=str)) \
                if sort_lists else items
        return obj

    return {
        "nodes": sorted(json.dumps(norm(n), sort_keys=True, default=str) for n in nodes),
        "rels": sorted(json.dumps(norm(r), sort_keys=True, default=str) for r in rels),
    }


def latest_report_date(store: Store) -> str:
    """The latest report date in the graph (ISO day): the fixtures' fixed analysis date, so
    that ages and recency in the tests do not move with the calendar."""
    rows = store.read_text("MATCH (r:Report) RETURN max(r.date) AS d", {})
    return str(rows[0]["d"])[:10]


def analyse(store: Store, **projection: Any) -> Any:
    """``run_analysis`` as of the latest report date (see :func:`latest_report_date`)."""
    from graphintel.analysis.projection import ProjectionParams
    from graphintel.analysis.run import AnalysisParams, run_analysis
    params = AnalysisParams(projection=ProjectionParams(
        as_of=latest_report_date(store), **projection))
    return run_analysis(store, params)


def cypher_child_tests(store: Store, suspect: str, day: str) -> tuple[set[str], set[str],
                                                                      set[str], int]:
    """The Cypher child tests on ``day`` beside the Python rule (``child_on``):
    ``(near, expected, withheld, phones)``: the people ``children_near_suspect`` finds one
    link from ``suspect``, those the rule expects there, the phones ``protected_entities``
    withholds (asserted equal to the rule's), and how many phones were asked about."""
    from graphintel.analysis.safeguarding import child_on
    from graphintel.redact import born_after

    near = {r["child_uid"] for r in store.read("children_near_suspect", suspect=suspect,
                                               max_links=1, as_of=day)}
    people = store.read_text(
        "MATCH (:Person {uid: $s})-[]-(p:Person) RETURN DISTINCT p {.uid, .dob, .age, "
        ".age_on, .roles} AS p", {"s": suspect})
    expected = {p["p"]["uid"] for p in people
                if "victim" in (p["p"]["roles"] or []) or child_on(p["p"], day)}
    phones = store.read_text("MATCH (p:Person)-[:USES]->(ph:Phone) RETURN p {.uid, .dob, .age, "
                             ".age_on, .roles} AS p, ph.uid AS phone", {})
    withheld = {r["uid"] for r in store.read("protected_entities",
                                             uids=[r["phone"] for r in phones],
                                             born_after=born_after(day))}
    assert withheld == {r["phone"] for r in phones if child_on(r["p"], day)}
    return near, expected, withheld, len(phones)


def person(eid: str, name: str, dob: str | None = None, role: str = "associate",
           **extra: Any) -> dict[str, Any]:
    """A person entity of a canonical report (FORMATS.md §1), its date of birth when given."""
    out = {"id": eid, "type": "Person", "name": name, "role": role, **extra}
    if dob:
        out["dob"] = dob
    return out


def links_at(store: Store, uid: str) -> set[tuple[str, str, str, tuple[str, ...]]]:
    """Every link at an entity as (type, in/out, other end's uid or report ref, its refs)."""
    rows = store.read_text(
        "MATCH (p:Entity {uid: $uid})-[r]-(o) RETURN type(r) AS t, "
        "CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END AS d, "
        "coalesce(o.uid, o.ref) AS o, r.refs AS refs", {"uid": uid})
    return {(r["t"], r["d"], r["o"], tuple(sorted(r["refs"] or []))) for r in rows}
