"""Write batches of :class:`Unit` to Neo4j: one transaction per batch, all MERGE.

A batch is all or nothing, and every statement is idempotent (keys are MERGEd, lists of
refs and times only grow by values not already there), so re-running a file, or a run
killed half way, ends in the same graph as one clean run.
"""

from __future__ import annotations

from typing import Any

from graphintel import model
from graphintel.ingest.records import Unit
from graphintel.ingest.suggest import NameIndex
from graphintel.store import Store, Tx, WriteCounts


def _clean_props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and v != []}


def _person_row(mention: str, ent: Any) -> dict[str, Any]:
    p = ent.props
    return {
        "mention": mention, "uid": ent.uid, "key": ent.key, "name": p["name"],
        "name_key": p["name_key"], "dob": p.get("dob"), "name_dob": p.get("name_dob"),
        "nominal_ref": p.get("nominal_ref"), "gender": p.get("gender"),
        "aliases": p.get("aliases", []), "roles": ent.roles, "flags": ent.flags,
        "variant": ent.variant,
    }


def _suggest(units: list[Unit], resolved: dict[str, str], names: NameIndex) -> None:
    """Find known names in each narrative, then add that row's people to the name index.

    Row by row, so a report is only ever matched against people named in earlier rows:
    the result does not depend on the batch size or on where an interrupted load resumed.
    """
    for i, unit in enumerate(units):
        own = {resolved[f"{i}/{e.local_id}"] for e in unit.entities
               if f"{i}/{e.local_id}" in resolved}
        unit.suggested = names.find(unit.report.props.get("narrative"), own)
        for e in unit.entities:
            uid = resolved.get(f"{i}/{e.local_id}")
            if uid:
                names.add(e.props.get("name_key"), uid)


def _write(tx: Tx, units: list[Unit], names: NameIndex) -> dict[str, str]:
    reports: dict[str, dict[str, Any]] = {}
    for unit in units:
        props = dict(unit.report.props)
        if not unit.per_row_report:
            props.pop("content_hash", None)  # set by complete_report once the file is done
        reports[unit.report.ref] = {"ref": unit.report.ref, "props": _clean_props(props)}
    tx.run("merge_reports", rows=list(reports.values()))

    person_rows = [
        _person_row(f"{i}/{e.local_id}", e)
        for i, unit in enumerate(units) for e in unit.entities if e.label == model.PERSON
    ]
    resolved = {r["mention"]: r["uid"] for r in tx.run("resolve_persons", rows=person_rows)}
    _suggest(units, resolved, names)

    entity_rows = [
        {"uid": e.uid, "key": e.key, "label": e.label, "props": _clean_props(e.props),
         "flags": e.flags, "variant": e.variant, "extracted": e.extracted}
        for unit in units for e in unit.entities if e.label != model.PERSON
    ]
    tx.run("merge_entities", rows=entity_rows)

    mentions: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for i, unit in enumerate(units):
        uid_of = {e.local_id: resolved.get(f"{i}/{e.local_id}", e.uid) for e in unit.entities}
        for e in unit.entities:
            mentions.append({"ref": unit.report.ref, "uid": uid_of[e.local_id],
                             "roles": e.roles, "extracted": e.extracted})
        for lk in unit.links:
            a, b = uid_of[lk.from_id], uid_of[lk.to_id]
            if a == b:
                continue
            links.append({"from": a, "to": b, "type": lk.type, "ref": unit.report.ref,
                          "seen": lk.at or unit.report.props.get("date"), "at": lk.at,
                          "count": lk.count, "note": lk.note})
    tx.run("merge_mentions", rows=mentions)
    tx.run("merge_links", rows=links)
    suggestions = [{"ref": u.report.ref, "uids": u.suggested} for u in units if u.suggested]
    if suggestions:
        tx.run("set_suggestions", rows=suggestions)
    return resolved


def write_units(store: Store, units: list[Unit],
                names: NameIndex) -> tuple[dict[str, str], WriteCounts]:
    """Write one batch in one transaction; returns person uids by mention and the counters.

    ``names`` (known people) gains the batch's people and is used to record, on each
    report, the known people its narrative names (suggested, not linked).
    """
    if not units:
        return {}, WriteCounts()
    return store.write_tx(lambda tx: _write(tx, units, names))


def existing_hashes(store: Store, refs: list[str]) -> dict[str, str | None]:
    """Content hash of each given report already in the graph."""
    if not refs:
        return {}
    return {r["ref"]: r["hash"] for r in store.read("existing_report_hashes", refs=refs)}


def complete_file_report(store: Store, ref: str, file_hash: str) -> WriteCounts:
    """Record that every row of a per-file report has been written."""
    return store.write("complete_report", ref=ref, hash=file_hash)
