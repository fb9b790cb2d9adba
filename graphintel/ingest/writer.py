"""Write batches of :class:`Unit` to Neo4j: one transaction per batch, all MERGE.

A batch is all or nothing, and every statement is idempotent (keys are MERGEd, lists of
refs and times only grow by values not already there), so re-running a file, or a run
killed half way, ends in the same graph as one clean run.

People are found by their identity keys (:func:`graphintel.ingest.person_keys.person_keys`):
the batch first locks every key it names (``lock_person_keys``), so loads running at the
same time that name the same person take turns and make one person, as loads one after the
other do. When a mention shows two people to be one, the second is merged into the first
in the same transaction (:func:`graphintel.resolve.merge.apply_merge`).

Entities, mentions and links are combined per batch before they are sent: one row per
entity, per (report, entity) and per (from, to, type), with the values of every input row
that names it, in input order. Each is then written once per batch, and the graph ends as
if the rows had been written one by one (lists keep their first-seen order, first and
last seen are the earliest and latest, the reported count the highest;
``tests/test_ingest_speed.py`` compares whole graphs). Rows are sent as lists, not maps,
with their trailing nulls left off: encoding the parameters is a large part of a load's
Python time, and it grows with the number of values sent.
"""

from __future__ import annotations

from typing import Any

from graphintel import derived, model
from graphintel.clean.names import name_rank
from graphintel.ingest.narrative_ages import child_ages
from graphintel.ingest.narrative_child_signs import named_signs
from graphintel.ingest.records import Unit
from graphintel.ingest.suggest import NameIndex
from graphintel.memory import collector_paused
from graphintel.store import Store, Tx, WriteCounts

#: When one place is given several kinds (a home address in one report, a hotspot in
#: another), the one it is shown as: the first of these it has (all kept in ``kinds``).
LOCATION_KIND_ORDER = ("hotspot", "venue", "home_address", "camera", "address")

#: People given their identity keys per transaction by :func:`bind_existing_person_keys`.
BIND_CHUNK = 5000


def _clean_props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and v != []}


def _add_new(acc: list[Any], values: Any) -> None:
    """Append each of ``values`` not already in ``acc`` (keeps first-seen order)."""
    for v in values:
        if v not in acc:
            acc.append(v)


def _trimmed(values: list[Any]) -> list[Any]:
    """``values`` without its trailing nulls (a list index past the end reads as null)."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


_PERSON_ROW_PROPS = frozenset({"name", "name_key", "dob", "age", "name_dob", "nominal_ref",
                               "gender", "aliases"})


#: The fields of a person row, in the order resolve_persons reads them (the ones most
#: often null last, so that they are left off).
PERSON_ROW_FIELDS = ("mention", "uid", "key", "own_key", "name", "name_key", "roles", "dob",
                     "name_dob", "gender", "ref_key", "nominal_ref", "age", "age_on",
                     "aliases", "flags", "attrs", "name_rank")


def _person_row(mention: str, ent: Any, report_date: str | None) -> list[Any]:
    p = ent.props
    ref_key = next((k for k in ent.keys if k.startswith("ref:")), None)
    own_key = next((k for k in ent.keys if not k.startswith("ref:")), None)
    attrs = {k: v for k, v in p.items() if k not in _PERSON_ROW_PROPS and v is not None}
    age = p.get("age")
    return _trimmed([
        mention, ent.uid, ent.key, own_key, p["name"], p["name_key"], ent.roles or None,
        p.get("dob"), p.get("name_dob"), p.get("gender"), ref_key, p.get("nominal_ref"),
        age, str(report_date)[:10] if report_date and age is not None else None,
        p.get("aliases") or None, ent.flags or None, attrs or None, name_rank(p["name"])])


def _entity_rows(units: list[Unit]) -> list[list[Any]]:
    """One ``[uid, key, label, props, kinds, flags, variants, create, extracted]`` per
    entity (not a person) of the batch, in first-mention order.

    ``props``: what its asserted (not only extracted) mentions give, later over earlier;
    ``kinds``, ``flags``, ``variants``: each value once; ``create``: the first mention's
    props, when that one is extracted only (a new node starts from it); ``extracted``:
    every mention extracted.
    """
    by_uid: dict[str, list[Any]] = {}
    for unit in units:
        for e in unit.entities:
            if e.label == model.PERSON or e.ref_key:
                continue
            props = _clean_props(e.props)
            row = by_uid.get(e.uid)
            if row is None:
                row = by_uid[e.uid] = [e.uid, e.key, e.label, None, [], [], [],
                                       props if e.extracted else None, True]
            if not e.extracted:
                row[3] = props if row[3] is None else {**row[3], **props}
                row[8] = False
            kind = props.get("kind")
            if kind is not None and kind not in row[4]:
                row[4].append(kind)
            _add_new(row[5], e.flags)
            if e.variant is not None and e.variant not in row[6]:
                row[6].append(e.variant)
    return [_trimmed([uid, key, label, props, kinds or None, flags or None,
                      variants or None, create, extracted or None])
            for uid, key, label, props, kinds, flags, variants, create, extracted
            in by_uid.values()]


def _mention_rows(units: list[Unit], uids: list[dict[str, str]]) -> list[list[Any]]:
    """Per report ``[ref, mentions]``, one mention ``[uid, roles, keys, extracted]`` per
    entity it names: roles and keys each once, extracted when every mention of it is."""
    by_ref: dict[str, dict[str, list[Any]]] = {}
    for unit, uid_of in zip(units, uids, strict=True):
        mentions = by_ref.setdefault(unit.report.ref, {})
        for e in unit.entities:
            uid = uid_of[e.local_id]
            m = mentions.get(uid)
            if m is None:
                mentions[uid] = [uid, list(dict.fromkeys(e.roles)),
                                 list(dict.fromkeys(sorted(e.keys))), e.extracted]
            else:
                _add_new(m[1], e.roles)
                _add_new(m[2], sorted(e.keys))
                m[3] = m[3] and e.extracted
    return [[ref, [_trimmed([uid, roles or None, keys or None, extracted or None])
                   for uid, roles, keys, extracted in mentions.values()]]
            for ref, mentions in by_ref.items()]


def _link_rows(units: list[Unit], uids: list[dict[str, str]]) -> list[list[Any]]:
    """One row per (from, to, type) of the batch, with what its links give a relationship:
    ``[from, to, type, refs, first_seen, last_seen, reported_count, times, notes, rows,
    kinds, roles]`` (last_seen null when it is first_seen)."""
    by_pair: dict[tuple[str, str, str], list[Any]] = {}
    for unit, uid_of in zip(units, uids, strict=True):
        ref, row_ref = unit.report.ref, unit.row_ref
        date = unit.report.props.get("date")
        for lk in unit.links:
            a, b = uid_of[lk.from_id], uid_of[lk.to_id]
            if a == b:
                # Rows whose link joins an entity to itself are quarantined before this
                # (row_keys.reject_self_links). Two mentions the row gave as two people
                # can still resolve to one person here, through what the graph already
                # knows (a nominal ref that earlier reports tied to this name and dob):
                # the row is loaded, both mentions on the one person, without a self-loop.
                continue
            seen = lk.at or date
            acc = by_pair.get((a, b, lk.type))
            if acc is None:
                by_pair[(a, b, lk.type)] = [
                    a, b, lk.type, [ref], seen, seen, lk.count,
                    *([] if v is None else [v] for v in (lk.at, lk.note, row_ref, lk.kind,
                                                         lk.role))]
                continue
            if ref not in acc[3]:
                acc[3].append(ref)
            if seen is not None:
                acc[4] = seen if acc[4] is None or seen < acc[4] else acc[4]
                acc[5] = seen if acc[5] is None or seen > acc[5] else acc[5]
            if lk.count is not None and (acc[6] is None or lk.count > acc[6]):
                acc[6] = lk.count
            for i, v in enumerate((lk.at, lk.note, row_ref, lk.kind, lk.role), start=7):
                if v is not None and v not in acc[i]:
                    acc[i].append(v)
    rows = []
    for row in by_pair.values():
        if row[5] == row[4]:
            row[5] = None
        rows.append(_trimmed([v if v != [] else None for v in row]))
    return rows


def _suggest(units: list[Unit], resolved: dict[str, str],
             names: NameIndex) -> list[dict[str, Any]]:
    """Find known names in each narrative, then add that row's people to the name index;
    returns what the narratives call the known people they name (a child, a looked-after
    child, a victim: :func:`~graphintel.ingest.narrative_child_signs.named_signs`), as the
    ages they give are kept on each unit.

    Row by row, so a report is only ever matched against people named in earlier rows:
    the result does not depend on the batch size or on where an interrupted load resumed.
    A report's own people are those of every row of its version (a table's rows with one
    reference are one report: :mod:`graphintel.ingest.report_rows`).
    """
    signs: list[dict[str, Any]] = []
    own_of: dict[tuple[str, str], set[str]] = {}
    keys_of: dict[tuple[str, str], set[str]] = {}
    for i, unit in enumerate(units):
        own_of.setdefault(_version(unit), set()).update(
            resolved[f"{i}/{e.local_id}"] for e in unit.entities
            if f"{i}/{e.local_id}" in resolved)
        keys_of.setdefault(_version(unit), set()).update(
            str(e.props.get("name_key") or "") for e in unit.entities
            if e.label == model.PERSON)
    for i, unit in enumerate(units):
        own, own_keys = own_of[_version(unit)], keys_of[_version(unit)]
        # a name the report gives one of its own people is theirs, not a namesake's
        named = {uid: key for uid, key in
                 names.named(unit.report.props.get("narrative"), own, own_keys).items()
                 if key not in own_keys}
        unit.suggested = sorted(named)
        unit.suggested_ages = child_ages(unit.report.props.get("narrative"), named,
                                         unit.report.props.get("date"))
        signs += [dict(sign, ref=unit.report.ref)
                  for sign in named_signs(unit.report.props.get("narrative"), named)]
        for e in unit.entities:
            uid = resolved.get(f"{i}/{e.local_id}")
            if uid:
                names.add(e.props.get("name_key"), uid)
    return signs


def _version(unit: Unit) -> tuple[str, str]:
    """The version of a report a row belongs to: its reference and content hash."""
    return unit.report.ref, unit.content_hash


def _suggestion_rows(units: list[Unit]) -> list[dict[str, Any]]:
    """Per version of a report with suggestions: ``{ref, uids}``, its rows' people once."""
    by_version: dict[tuple[str, str], list[str]] = {}
    for unit in units:
        if unit.suggested:
            _add_new(by_version.setdefault(_version(unit), []), unit.suggested)
    return [{"ref": ref, "uids": uids} for (ref, _), uids in by_version.items()]


def _resolve_people(tx: Tx, units: list[Unit], names: NameIndex) -> dict[str, str]:
    """Person uid by mention (``row/local id``), after merging the people found to be one."""
    person_rows = [
        _person_row(f"{i}/{e.local_id}", e, unit.report.props.get("date"))
        for i, unit in enumerate(units) for e in unit.entities
        if e.label == model.PERSON and not e.ref_key
    ]
    people = tx.run("resolve_persons", rows=person_rows)[0]["people"]
    into: dict[str, str] = {}
    entity = {f"{i}/{e.local_id}": (unit, e) for i, unit in enumerate(units)
              for e in unit.entities}
    for mention, uid, absorbed, clashed, dobs in people:
        if dobs:
            unit, e = entity[mention]
            unit.notes.append(dob_conflict_note(unit, e.props, dobs))
        if clashed:
            unit, e = entity[mention]
            unit.notes.append(
                f"{unit.source}:{unit.line}: {unit.report.ref}: nominal reference {clashed} "
                f"belongs to someone else (no name in common with {e.props.get('name')!r}, "
                "or a date of birth years apart): loaded as a person of their own, flagged "
                "nominal_ref_conflict; correct the reference, or merge the two if they are "
                "one person (graphintel resolve)")
        if absorbed:
            from graphintel.ingest.nominal_joins import join  # rare: not loaded up front

            join(tx, absorbed, uid)
            into[absorbed] = uid
            names.replace(absorbed, uid)

    def final(uid: str) -> str:
        while uid in into:
            uid = into[uid]
        return uid

    return {mention: final(uid) for mention, uid, *_ in people}


def dob_conflict_note(unit: Unit, props: dict[str, Any], dobs: dict[str, Any]) -> str:
    """The load warning for a mention that gave its person another date of birth.

    ``dobs`` is what ``resolve_persons`` returned for it: the person's dates until then
    (``before``) and the one now kept as ``dob`` (the youngest). Said so an analyst can find
    the report and line, see both dates and know the person is safeguarded meanwhile.
    """
    before = ", ".join(str(d) for d in dobs.get("before") or [])
    nominal = f" ({props['nominal_ref']})" if props.get("nominal_ref") else ""
    return (f"{unit.source}:{unit.line}: {unit.report.ref}: {props.get('name')!r}{nominal} is "
            f"given date of birth {props.get('dob')}, the person already has {before}: "
            f"every date kept (dob {dobs.get('dob')}, the youngest; the others in "
            "other_dobs), flagged dob_conflict; safeguarded as a child while any of them "
            "makes them under 18; check which is right and keep it with 'graphintel "
            "resolve dob PERSON DATE --reason ...' (or correct the nominal reference in "
            "the source, if these are two people)")


def _write(tx: Tx, units: list[Unit], names: NameIndex) -> dict[str, str]:
    for unit in units:  # a retried transaction starts again
        unit.notes.clear()
    keys = sorted({k for unit in units for e in unit.entities if e.label == model.PERSON
                   for k in e.keys})
    if keys:  # first, and in one order: see cypher/ingest/lock_person_keys.cypher
        tx.run("lock_person_keys", keys=keys)
    reports: dict[str, dict[str, Any]] = {}
    for unit in units:
        props = dict(unit.report.props)
        if not unit.per_row_report:
            props.pop("content_hash", None)  # set by complete_report once the file is done
        row = reports.setdefault(unit.report.ref, {"ref": unit.report.ref})
        row["props"] = _clean_props(props)
        if unit.supersedes:  # a new version: the ones it replaces are kept on the report
            row.setdefault("earlier", []).extend(line for _, line in unit.supersedes)
            row.setdefault("earlier_hashes", []).extend(h for h, _ in unit.supersedes)
    tx.run("merge_reports", rows=list(reports.values()))

    resolved = _resolve_people(tx, units, names)
    signs = _suggest(units, resolved, names)

    tx.run("merge_entities", rows=_entity_rows(units), kind_order=list(LOCATION_KIND_ORDER))
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

    uids = [{e.local_id: resolved.get(f"{i}/{e.local_id}", e.uid) for e in unit.entities}
            for i, unit in enumerate(units)]
    tx.run("merge_mentions", rows=_mention_rows(units, uids))
    links = _link_rows(units, uids)
    if links:
        tx.run("merge_links", rows=links)
    suggestions = _suggestion_rows(units)
    if suggestions:
        tx.run("set_suggestions", rows=suggestions)
    aged = [row for unit in units for row in unit.suggested_ages]
    if aged:
        tx.run("narrative_child_ages", rows=aged)
    touched = derived.Touched.of_links({uid for row in uids for uid in row.values()}, links)
    touched.people.update(row["uid"] for row in aged)
    if signs:
        touched.people.update(r["uid"] for r in tx.run("narrative_child_signs", rows=signs))
    versions = sorted({u.report.ref for u in units if u.supersedes})
    if versions:
        withdrawn = [r["uid"] for r in tx.run("withdraw_versions",
                                               rows=_newest_versions(units, uids, versions))]
        touched.people.update(withdrawn)
        touched.sources.update(withdrawn)
        touched.sources.update(r["uid"] for r in tx.run("version_links", refs=versions))
    derived.queue(tx, touched)
    return resolved


def _newest_versions(units: list[Unit], uids: list[dict[str, str]],
                     refs: list[str]) -> list[dict[str, Any]]:
    """Per report of ``refs``: the mentions ([uid, roles]) and links ([from, to, type]) of
    its newest version in the batch (versions of one report load in order, the last one
    current; a version is every row with its reference and content hash, as the rows of a
    table that make one report), for ``withdraw_versions``."""
    wanted = set(refs)
    newest: dict[str, list[tuple[Unit, dict[str, str]]]] = {}
    for unit, uid_of in zip(units, uids, strict=True):
        if unit.report.ref in wanted:
            rows = newest.setdefault(unit.report.ref, [])
            if rows and rows[-1][0].content_hash != unit.content_hash:
                rows.clear()  # a later version
            rows.append((unit, uid_of))
    out = []
    for ref in refs:
        roles: dict[str, list[str]] = {}
        links: set[tuple[str, str, str]] = set()
        for unit, uid_of in newest[ref]:
            for e in unit.entities:
                if not e.extracted or uid_of[e.local_id] not in roles:
                    _add_new(roles.setdefault(uid_of[e.local_id], []),
                             [] if e.extracted else list(e.roles))
            links.update((uid_of[lk.from_id], uid_of[lk.to_id], lk.type) for lk in unit.links)
        out.append({"ref": ref, "mentions": [[u, r] for u, r in roles.items()],
                    "links": [list(x) for x in sorted(links)]})
    return out


def write_units(store: Store, units: list[Unit],
                names: NameIndex) -> tuple[dict[str, str], WriteCounts]:
    """Write one batch in one transaction; returns person uids by mention and the counters.

    ``names`` (known people) gains the batch's people and is used to record, on each
    report, the known people its narrative names (suggested, not linked). A retried
    transaction starts again from the index as it was, which changes only once it commits.

    Python's cycle collector is paused while the batch is written: the rows and parameters
    made for it are freed as soon as they are sent, and a collection in the middle would
    only walk the batch's input again and again.
    """
    if not units:
        return {}, WriteCounts()

    def work(tx: Tx) -> tuple[dict[str, str], NameIndex]:
        trial = names.copy()
        return _write(tx, units, trial), trial

    with collector_paused():
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


def held_file_report(store: Store, ref: str, path: str,
                      file_hash: str) -> tuple[bool, str | None]:
    """Whether the file-wide report ``ref`` is already in the graph with this content (the
    file is a duplicate), and the warning line when another file holds it.

    Its reference comes from the mapping and the file's name (``call_data:calls.csv``), so
    two exports of one name in two folders are one report: the second one's rows join the
    first's and its ``source_file`` replaces the first's. Said, naming both files, so the
    analyst can rename one; the same file changed (a new export over the old one) is not.
    """
    rows = store.read("existing_report_hashes", refs=[ref])
    if not rows:
        return False, None
    held, source = rows[0]["hash"], rows[0]["source_file"]
    if held == file_hash:
        return True, None
    if source in (None, path):
        return False, None
    return False, (f"{path}: its rows are loaded into report {ref}, which {source} was "
                   "loaded as (other content): a file-wide report's reference is the mapping "
                   "and the file name, so the two files are now one report whose source_file "
                   "is this file; if they are different exports give them different names "
                   "(e.g. calls-2025-02.csv) before loading")


def complete_file_report(store: Store, ref: str, file_hash: str) -> WriteCounts:
    """Record that every row of a per-file report has been written."""
    return store.write("complete_report", ref=ref, hash=file_hash)
