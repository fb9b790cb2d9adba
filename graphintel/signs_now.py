"""Signs, in the graph as it is now, that an analysis run's candidate target may be a child.

The analysis safeguards anyone of no recorded age whom the records show may be a child
(:mod:`graphintel.analysis.child_signs`: "Child A", a children's home, "a juvenile") or
who may be a child or victim recorded apart (:func:`graphintel.analysis.duplicates.
mark_possibly_protected`: the same name, a child's nickname). A report loaded after the
run can show either of a person the run ranked: until the analysis is run again, the
agenda, the charts and the workspace must safeguard them all the same, never show them as
a target. :func:`child_signs_now` reads the run's targets as they are now and says which
such sign each one shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from graphintel.analysis.child_signs import care_place, named_as_child
from graphintel.analysis.safeguarding import child_on
from graphintel.clean.names import name_key

if TYPE_CHECKING:
    from graphintel.store import Store

__all__ = ["child_signs_now", "signs_of", "signs_since_run"]

_PLACE = {"lives": "lives at a children's home or care placement",
          "missing": "reported missing from a children's home or care placement"}
_FLAGS = {"looked_after_child": "called a looked-after child in a report's narrative",
          "called_a_child": "called a child (a minor, a juvenile, under 16) in a report"}


def _protected(person: Mapping[str, Any], as_of: str | None) -> bool:
    return "victim" in (person.get("roles") or []) or child_on(person, as_of)


def signs_of(row: Mapping[str, Any], as_of: str | None) -> list[str]:
    """The signs a ``child_signs_now`` row shows that the person may be a child, in words
    that name no one else (they go into partner outputs as they are). Of someone with a
    recorded age (a date of birth or a stated age decides) only a record that may be them
    recorded apart: a child or victim of their name with no date of birth, or one whose
    alias is their name.

    >>> print(*signs_of({"name": "Tazz", "name_key": "tazz", "aliased": [
    ...     {"name": "Lily MOSS", "aliases": ["Tazz"], "dob": "2011-01-01"}]}, "2025-06-30"))
    possibly a child or victim at risk recorded apart (one record's alias is the other's name)
    >>> signs_of({"name": "Rocco VANE", "dob": "1990-01-01", "flags": ["called_a_child"]}, None)
    []
    >>> print(*signs_of({"name": "Jay PRICE", "name_key": "jay price", "dob": "1990-03-03",
    ...                  "namesakes": [{"name": "Jay PRICE", "age": 15, "roles": []}]},
    ...                 "2025-06-30"))
    possibly a child or victim at risk recorded apart (the same name)
    """
    dated = bool(row.get("dob") or row.get("other_dobs")) or row.get("age") is not None
    out = []
    if not dated:
        if named_as_child(row.get("name")):
            out.append(f"named {str(row.get('name'))!r}, as records name a child")
        out += [words for flag, words in _FLAGS.items() if flag in (row.get("flags") or [])]
        out += sorted({_PLACE[how] for how, address, key in row.get("places") or ()
                       if care_place(f"{address} {key}")})
    own = row.get("name_key") or ""
    # a record of one's name with no date of birth may be one, whatever one's own date says
    # (the duplicate finder's rule): a child of one's name born another year is someone else
    same = [q for q in row.get("namesakes") or () if _protected(q, as_of)
            and not (dated and (q.get("dob") or q.get("other_dobs")))]
    same += [q for q in row.get("aliased") or () if _protected(q, as_of)
             and own and own in {name_key(a) for a in q.get("aliases") or ()}]
    # the other record is not named: the words go into partner outputs as they are
    for q in sorted(same, key=lambda q: str(q.get("name"))):
        how = "the same name" if name_key(q.get("name")) == own else \
            "one record's alias is the other's name"
        out.append(f"possibly a child or victim at risk recorded apart ({how})")
    return list(dict.fromkeys(out))


def child_signs_now(store: Store, people: Iterable[Mapping[str, Any]],
                    as_of: str | None) -> dict[str, str]:
    """For ``people`` (the run's candidate targets: uid, name, aliases), those the graph now
    shows may be a child (:func:`signs_of`), with why in words."""
    asks = []
    for p in people:
        key = name_key(p.get("name"))
        asks.append({"uid": str(p["uid"]),
                     "alias_keys": sorted({k for a in p.get("aliases") or ()
                                           if (k := name_key(a))}),
                     "phrase": f'"{key}"' if key else None})
    if not asks:
        return {}
    out = {}
    for row in store.read("child_signs_now", people=asks):
        signs = signs_of(row, as_of)
        if signs:
            out[str(row["uid"])] = "now recorded with signs of a child: " + "; ".join(signs)
    return out


def signs_since_run(store: Store, run: Mapping[str, Any] | None,
                    people: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """:func:`child_signs_now` for ``people`` (the run's targets on a chart: uid, name,
    aliases) when reports were loaded or identity decisions made after ``run`` (the whole
    stored run); nothing when there were none (the run saw what the graph records)."""
    part = (run or {}).get("run") or {}
    created = str(part.get("created_at") or "")
    if not created:
        return {}
    loaded = store.read("agenda_reports_since", since=created)
    decided = store.read("agenda_decisions_since", since=created)
    if not (loaded and int(loaded[0]["reports"]) > 0) and \
            not (decided and int(decided[0]["decisions"]) > 0):
        return {}
    as_of = str(part["as_of"])[:10] if part.get("as_of") else None
    return child_signs_now(store, people, as_of)
