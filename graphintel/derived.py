"""Markers derived from the graph at write time, so whole-graph listings start from an index.

A listing such as "every phone used by two or more people" or "the places where children
were seen most" otherwise has to walk every phone or every victim's sightings (hundreds of
thousands of db hits at 100,000 reports). Every write path therefore recomputes the
markers of what it touched (:class:`Touched`): an entity merge and its undo in their own
transaction (:func:`refresh`); an ingest batch records what it touched in its transaction
(:func:`queue`) and the load settles the records once its last batch is written
(:func:`settle`), so an entity a load touches in many batches is recounted once per
group of records (:data:`SETTLE_GROUP` batches), not once per batch. A load
stopped part way leaves its records, and the next load settles them first. Nothing else
writes entities or links.

Markers (``cypher/derived/*.cypher``; absent rather than zero or false):

- ``Phone.users``: people who use the phone, when two or more;
- ``Location.residents``: people who live there (LIVES_AT), when two or more;
- ``Location.hotspot`` (dated sightings of victims there + missing episodes that ended
  there) with ``hot_sightings``, ``hot_victims``, ``hot_finds``, ``hot_children`` and
  ``hot_suspects`` (suspects seen at, frequenting or living at the place);
- ``SEEN_AT.victim_last_seen``, ``victim_previous_seen``, ``victim_first_seen`` and
  ``victim_sightings``: on a victim's sighting, its latest, second latest (or only) and
  first date and its number of dates; ``FOUND_AT.found_on``, ``found_child``,
  ``found_subjects`` and ``found_children``: on a missing episode's find, its date, the uid
  of its first missing person, their number and, when more than one, all their uids (the
  dated hotspots count most of them from their indexes alone);
- ``Entity.weak2`` / ``Entity.weak1``: one of the entity's outgoing links rests on a single
  weakly graded report (both reasons) / has exactly one of the two reasons;
- ``Person.hot_roles``: whether the person was a suspect and a victim when the markers
  around them were last counted (a change of standing recounts their places);
- ``Location.address_key`` / ``address_unit``: the building's address written out and the
  flat's number or letter (:func:`graphintel.clean.address.address_parts` of its
  ``address``), so that another record of a child's home, with or without a postcode, is
  one index seek away (``cypher/redact/protected_entities.cypher``). Ingest writes them
  with the place's other properties; a merge or an undo, which write a place's properties
  from a snapshot, has them recomputed here.

A link's ``strong`` (some report behind it is well graded) is not a marker but a fact about
the link, written with its refs by ingest and carried by merges.

A graph loaded before the markers existed is brought up to date once by :func:`rebuild`,
which :func:`graphintel.schema.apply_schema` runs before it creates their indexes; one
loaded before the places' address keys existed, by :func:`backfill_address_keys`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from graphintel.clean.address import address_parts
from graphintel.store import Store, Tx

#: Node properties that are markers: not part of an entity's own state (left out of merge
#: snapshots and their digests; recomputed after a merge or an undo).
NODE_MARKERS = frozenset({
    "users", "residents", "hotspot", "hot_sightings", "hot_victims",
    "hot_finds", "hot_children", "hot_suspects", "weak1", "weak2", "hot_roles",
    "address_key", "address_unit",
})
#: Link properties that are markers.
LINK_MARKERS = frozenset({"victim_last_seen", "victim_previous_seen", "victim_first_seen",
                          "victim_sightings", "found_on", "found_child", "found_subjects",
                          "found_children"})
#: The schema's indexes on markers: when one is missing, the graph predates them.
MARKER_INDEXES = frozenset({
    "phone_users", "location_residents", "location_hotspot",
    "entity_weak2", "entity_weak1", "link_victim_seen", "link_found",
})
#: The schema's index on the places' address keys: when it is missing, the graph predates
#: them and :func:`backfill_address_keys` writes them before the index is made.
ADDRESS_KEY_INDEX = "location_address_key_v2"
#: Entities per transaction when queued or all markers are recomputed.
CHUNK = 5000
#: Records of ingest batches settled together (:func:`settle`).
SETTLE_GROUP = 50


@dataclass
class Touched:
    """What writes touched, by the markers it can change (each a set of uids; a superset is
    safe: every step skips what is not of its kind).

    ``people``: people written (their standing as suspect or victim may have changed);
    ``sources``: entities whose outgoing links were written (weak-link flags); ``phones``:
    phones given a user; ``places``: places given a sighting, resident, visitor or find;
    ``sighted``: people whose sightings were written; ``events``: events written or given
    a subject or a find.
    """

    people: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sighted: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)

    @classmethod
    def everything(cls, uids: Iterable[str]) -> Touched:
        """Every marker of these entities and around them (a merge, an undo, a rebuild)."""
        every = set(uids)
        return cls(*(set(every) for _ in fields(cls)))

    @classmethod
    def of_links(cls, entities: Iterable[str], links: Iterable[Sequence[str]]) -> Touched:
        """What an ingest batch that wrote ``entities`` and ``links`` ([from, to, type, ...])
        touched."""
        out = cls(people=set(entities), events=set(entities))
        for link in links:
            a, b, kind = link[0], link[1], link[2]
            out.sources.add(a)
            if kind == "USES":
                out.phones.add(b)
            elif kind in ("SEEN_AT", "LIVES_AT", "FREQUENTS", "FOUND_AT"):
                out.places.add(b)
                if kind == "SEEN_AT":
                    out.sighted.add(a)
                elif kind == "FOUND_AT":
                    out.events.add(a)
            elif kind == "SUBJECT_OF":
                out.events.add(b)
        return out

    def update(self, other: Touched) -> None:
        for f in fields(self):
            getattr(self, f.name).update(getattr(other, f.name))

    def chunks(self, size: int) -> Iterator[Touched]:
        """The same, cut into parts of at most ``size`` uids per kind."""
        lists = {f.name: sorted(getattr(self, f.name)) for f in fields(self)}
        longest = max((len(v) for v in lists.values()), default=0)
        for start in range(0, longest, size):
            yield Touched(**{k: set(v[start:start + size]) for k, v in lists.items()})


def refresh(tx: Tx, touched: Touched) -> None:
    """Recompute, inside ``tx``, the markers that the writes in ``touched`` change."""
    changed = tx.run("derived_role_changes", uids=sorted(touched.people))[0]["uids"]
    tx.run("derived_weak_flags", uids=sorted(touched.sources))
    tx.run("derived_phone_users", uids=sorted(touched.phones))
    tx.run("derived_link_markers", people=sorted(touched.sighted | set(changed)),
           events=sorted(touched.events))
    tx.run("derived_places", places=sorted(touched.places), people=changed,
           events=sorted(touched.events))
    rows = _address_rows(tx.run("derived_place_addresses", uids=sorted(touched.places)))
    if rows:
        tx.run("derived_set_address_keys", rows=rows)


def _address_rows(places: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """``[uid, address_key, address_unit]`` for each place (``uid``, ``address`` and the
    stored ``address_key`` and ``address_unit``) whose stored keys are not its address's."""
    out: list[list[Any]] = []
    for row in places:
        key, unit = address_parts(row.get("address"))
        if (key, unit) != (row.get("address_key"), row.get("address_unit")):
            out.append([row["uid"], key, unit])
    return out


def queue(tx: Tx, touched: Touched) -> None:
    """Record, inside an ingest batch's ``tx``, what :func:`settle` must recompute.

    The record is bookkeeping that :func:`settle` drops: not counted among what the batch
    wrote (a load that added nothing said "nodes created 1")."""
    counted = replace(tx.counts)
    tx.run("derived_queue", id=secrets.token_hex(8),
           touched={f.name: sorted(getattr(touched, f.name)) for f in fields(touched)})
    tx.counts = counted


def settle(store: Store, *, group: int | None = None) -> int:
    """Recompute the markers of every queued batch (this load's and any a stopped load
    left), then drop the records; returns how many records it settled.

    Records are settled ``group`` at a time (default :data:`SETTLE_GROUP`),
    each group's records dropped once its markers are written: what the client holds is
    bounded by a group, not by the load (a million reports are a thousand records of a
    thousand reports each), and an entity every batch touched is recounted once per group.
    """
    ids = [row["id"] for row in store.read("derived_pending_ids")]
    size = group or SETTLE_GROUP
    for start in range(0, len(ids), size):
        part = ids[start:start + size]
        touched = Touched()
        for row in store.read("derived_pending", ids=part):
            if row["touched"] is None:  # a load running beside this one settled it first
                continue
            touched.update(Touched(**{k: set(v or []) for k, v in row["touched"].items()}))
        _in_chunks(store, touched)
        store.write("derived_dequeue", ids=part)
    return len(ids)


def rebuild(store: Store) -> int:
    """Mark every link strong or not and recompute every marker of the graph; returns how
    many entities it went through.

    For a graph loaded before the markers existed; safe to run again (it writes only what
    differs).
    """
    store.write("derived_link_strength")
    uids = [row["uid"] for row in store.read("derived_entity_uids")]
    _in_chunks(store, Touched.everything(uids))
    return len(uids)


def backfill_address_keys(store: Store) -> int:
    """Write the address keys of every place that has an address and none, or one not as
    :func:`~graphintel.clean.address.address_parts` writes it now (a graph loaded before
    they existed, or before they were written as now); returns how many places it wrote.

    :func:`graphintel.schema.apply_schema` runs it before it makes their index, so an
    interrupted backfill runs again next time; safe to run again (it writes only the
    places whose keys differ).
    """
    rows = _address_rows(store.read("derived_unkeyed_places"))
    for start in range(0, len(rows), CHUNK):
        store.write("derived_set_address_keys", rows=rows[start:start + CHUNK])
    return len(rows)


def _in_chunks(store: Store, touched: Touched) -> None:
    for part in touched.chunks(CHUNK):

        def work(tx: Tx, part: Touched = part) -> None:
            refresh(tx, part)

        store.write_tx(work)
