"""What needs the whole row's entities: events keyed by their subject, objects by their
report, and links that join an entity to itself.

Split from :mod:`graphintel.ingest.normalise`, which reads one entity at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphintel import model
from graphintel.ingest.records import EntityIn, Faults

__all__ = ["finish_event_keys", "reject_self_links", "same_entity"]


def finish_event_keys(entities: list[EntityIn], links: list[Any], ref: str,
                      link_fields: Sequence[str] | None = None) -> None:
    """Give each event its identity: kind, start and its subject person (else the report).

    A missing episode told by two reports about the same child and start time is one
    event; an event with no subject or start stays local to its report. With every
    identity final, a link from an entity to itself rejects the row
    (:func:`reject_self_links`; ``link_fields`` names each link's field for the message).
    """
    by_id = {e.local_id: e for e in entities}
    for ent in entities:
        if ent.label == "Object" and not ent.source_key:
            ent.key = f"{ent.key}|{ref}#{ent.local_id}"
        if ent.label != "Event" or ent.source_key:
            continue
        subjects = sorted(
            by_id[lk.from_id].key for lk in links
            if lk.to_id == ent.local_id and lk.type == "SUBJECT_OF"
            and lk.from_id in by_id and by_id[lk.from_id].label == "Person"
        )
        if subjects and ent.props.get("start"):
            ent.key = f"{ent.key}|{subjects[0]}"
        else:
            ent.key = f"{ent.key}|{ref}#{ent.local_id}"
    reject_self_links(entities, links, link_fields)


_WHAT = {"Phone": "phone number", "Vehicle": "VRM", "Location": "place",
         "OnlineAccount": "account", "Event": "event", "Officer": "officer",
         "Object": "object"}


def same_entity(a: EntityIn, b: EntityIn) -> str | None:
    """Why two entities of one row are one and the same, or None when they can be two.

    People: the same nominal reference; else (at most one of them with a nominal
    reference) the same name and date of birth, or the same name with neither. Two
    different nominal references are two people even with the same name and date of
    birth. Other entities: the same identity key (phone number, VRM, place, ...).
    """
    if a.local_id == b.local_id:
        return "the same entity id"
    if a.ref_key or b.ref_key:
        return "the same source ID" if a.ref_key and a.ref_key == b.ref_key else None
    if a.label != b.label:
        return None
    if a.label != model.PERSON:
        return f"the same {_WHAT.get(a.label, 'entity')}" if a.uid == b.uid else None
    refs_a = {k for k in a.keys if k.startswith("ref:")}
    refs_b = {k for k in b.keys if k.startswith("ref:")}
    if refs_a and refs_b:
        return "the same nominal reference" if refs_a & refs_b else None
    shared = set(a.keys) & set(b.keys)
    if any(k.startswith("nd:") for k in shared):
        return "the same person: same name and date of birth"
    if shared:
        return "the same person: same name, and neither has a date of birth or nominal ref"
    return None


def reject_self_links(entities: list[EntityIn], links: list[Any],
                      link_fields: Sequence[str] | None = None) -> None:
    """Raise :class:`~graphintel.ingest.records.RowRejected` naming every link whose two
    ends are one entity (one fault each, in the order of the links).

    A self-link carries no intelligence and is most often a keying mistake (the wrong id,
    a copied row), so the row is quarantined with the link's field and the reason rather
    than loaded without it. ``link_fields[i]`` names link ``i`` (``links[2]``); without
    it the link is named by its two ends.
    """
    by_id = {e.local_id: e for e in entities}
    faults = Faults()
    for i, lk in enumerate(links):
        a, b = by_id.get(lk.from_id), by_id.get(lk.to_id)
        if a is None or b is None:
            continue
        why = same_entity(a, b)
        if why is None:
            continue
        where = (link_fields[i] if link_fields and i < len(link_fields)
                 else f"link {lk.from_id} -> {lk.to_id}")
        faults.add(where, f"self-link: the {lk.type} link from {lk.from_id!r} to "
                   f"{lk.to_id!r} joins an entity to itself ({why}); link two "
                   "different entities or leave the link out")
    faults.check()
