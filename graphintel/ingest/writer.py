"""Write batches of :class:`Unit` to Neo4j: one transaction per batch, all MERGE.

A batch is all or nothing, and every statement is idempotent (keys are MERGEd, lists of
refs and times only grow by values not already there), so re-running a file, or a run
killed half way, ends in the same graph as one clean run.

People are found by their identity keys (:func:`graphintel.ingest.normalise.person_keys`):
the batch first locks every key it names (``lock_person_keys``), so loads running at the
same time that name the same person take turns and make one person, as loads one after the
other do. When a mention shows two people to be one, the second is merged into the first
in the same transaction (:func:`graphintel.resolve.merge.apply_merge`).
"""

from __future__ import annotations

from typing import Any

from graphintel import model
from graphintel.ingest.records import Unit
from graphintel.ingest.suggest import NameIndex
from graphintel.resolve.merge import apply_merge
from graphintel.store import Store, Tx, WriteCounts

#: When one place is given several kinds (a home address in one report, a hotspot in
#: another), the one it is shown as: the first of these it has (all kept in ``kinds``).
LOCATION_KIND_ORDER = ("hotspot", "venue", "home_address", "camera", "address")

#: People given their identity keys per transaction by :func:`bind_existing_person_keys`.
BIND_CHUNK = 5000


def _clean_props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and v != []}


_PERSON_ROW_PROPS = frozenset({"name", "name_key", "dob", "age", "name_dob", "nominal_ref",
                               "gender", "aliases"})


def _person_row(mention: str, ent: Any, report_date: str | None) -> dict[str, Any]:
    p = ent.props
    ref_key = next((k for k in ent.keys if k.startswith("ref:")), None)
    own_key = next((k for k in ent.keys if not k.startswith("ref:")), None)
    return {
        "mention": mention, "uid": ent.uid, "key": ent.key, "ref_key": ref_key,
        "own_key": own_key, "keys": sorted(ent.keys), "name": p["name"],
        "name_key": p["name_key"], "dob": p.get("dob"), "name_dob": p.get("name_dob"),
        "age": p.get("age"),
        "age_on": str(report_date)[:10] if report_date and p.get("age") is not None else None,
        "nominal_ref": p.get("nominal_ref"), "gender": p.get("gender"),
        "aliases": p.get("aliases", []), "roles": ent.roles, "flags": ent.flags,
        "variant": ent.variant,
        "attrs": {k: v for k, v in p.items() if k not in _PERSON_ROW_PROPS and v is not None},
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


def _resolve_people(tx: Tx, units: list[Unit], names: NameIndex) -> dict[str, str]:
    """Person uid by mention (``row/local id``), after merging the people found to be one."""
    person_rows = [
        _person_row(f"{i}/{e.local_id}", e, unit.report.props.get("date"))
        for i, unit in enumerate(units) for e in unit.entities
        if e.label == model.PERSON and not e.ref_key
    ]
    rows = tx.run("resolve_persons", rows=person_rows)
    into: dict[str, str] = {}
    for row in rows:
        if row["absorbed"]:
            apply_merge(tx, row["absorbed"], row["uid"])
            into[row["absorbed"]] = row["uid"]
            names.replace(row["absorbed"], row["uid"])

    def final(uid: str) -> str:
        while uid in into:
            uid = into[uid]
        return uid

    return {r["mention"]: final(r["uid"]) for r in rows}


def _write(tx: Tx, units: list[Unit], names: NameIndex) -> dict[str, str]:
    keys = sorted({k for unit in units for e in unit.entities if e.label == model.PERSON
                   for k in e.keys})
    if keys:  # first, and in one order: see cypher/ingest/lock_person_keys.cypher
        tx.run("lock_person_keys", keys=keys)
    reports: dict[str, dict[str, Any]] = {}
    for unit in units:
        props = dict(unit.report.props)
        if not unit.per_row_report:
            props.pop("content_hash", None)  # set by complete_report once the file is done
        reports[unit.report.ref] = {"ref": unit.report.ref, "props": _clean_props(props)}
    tx.run("merge_reports", rows=list(reports.values()))

    resolved = _resolve_people(tx, units, names)
    _suggest(units, resolved, names)

    entity_rows = [
        {"uid": e.uid, "key": e.key, "label": e.label, "props": _clean_props(e.props),
         "flags": e.flags, "variant": e.variant, "extracted": e.extracted}
        for unit in units for e in unit.entities if e.label != model.PERSON and not e.ref_key
    ]
    tx.run("merge_entities", rows=entity_rows, kind_order=list(LOCATION_KIND_ORDER))
    roles = [{"uid": e.uid, "roles": e.roles} for unit in units for e in unit.entities
             if e.ref_key and e.label == model.PERSON and e.roles]
    if roles:
        tx.run("add_person_roles", rows=roles)
    source_ids = [
        {"key": e.source_key, "uid": resolved.get(f"{i}/{e.local_id}", e.uid),
         "label": e.label, "source": e.source_key.split("/", 1)[0]}
        for i, unit in enumerate(units) for e in unit.entities if e.source_key
    ]
    if source_ids:
        tx.run("record_source_ids", rows=source_ids)

    mentions: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for i, unit in enumerate(units):
        uid_of = {e.local_id: resolved.get(f"{i}/{e.local_id}", e.uid) for e in unit.entities}
        for e in unit.entities:
            mentions.append({"ref": unit.report.ref, "uid": uid_of[e.local_id],
                             "roles": e.roles, "keys": sorted(e.keys),
                             "extracted": e.extracted})
        for lk in unit.links:
            a, b = uid_of[lk.from_id], uid_of[lk.to_id]
            if a == b:
                # Rows whose link joins an entity to itself are quarantined before this
                # (normalise.reject_self_links). Two mentions the row gave as two people
                # can still resolve to one person here, through what the graph already
                # knows (a nominal ref that earlier reports tied to this name and dob):
                # the row is loaded, both mentions on the one person, without a self-loop.
                continue
            links.append({"from": a, "to": b, "type": lk.type, "ref": unit.report.ref,
                          "seen": lk.at or unit.report.props.get("date"), "at": lk.at,
                          "count": lk.count, "note": lk.note, "row": unit.row_ref,
                          "kind": lk.kind, "role": lk.role})
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
    report, the known people its narrative names (suggested, not linked). A retried
    transaction starts again from the index as it was, which changes only once it commits.
    """
    if not units:
        return {}, WriteCounts()

    def work(tx: Tx) -> tuple[dict[str, str], NameIndex]:
        trial = names.copy()
        return _write(tx, units, trial), trial

    (resolved, trial), counts = store.write_tx(work)
    names.adopt(trial)
    return resolved, counts


def bind_existing_person_keys(store: Store) -> WriteCounts:
    """Give people who have no identity key nodes yet (loaded by an older graphintel, or
    made outside ingest) their keys; a no-op once every person has them."""
    total = WriteCounts()
    while True:
        done, counts = store.write_tx(
            lambda tx: int(tx.run("bind_person_keys", limit=BIND_CHUNK)[0]["people"]))
        for name in vars(counts):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
        if done < BIND_CHUNK:
            return total


def existing_hashes(store: Store, refs: list[str]) -> dict[str, str | None]:
    """Content hash of each given report already in the graph."""
    if not refs:
        return {}
    return {r["ref"]: r["hash"] for r in store.read("existing_report_hashes", refs=refs)}


def complete_file_report(store: Store, ref: str, file_hash: str) -> WriteCounts:
    """Record that every row of a per-file report has been written."""
    return store.write("complete_report", ref=ref, hash=file_hash)
