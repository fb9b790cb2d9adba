"""The index of source IDs: how rows that name entities only by a records system's IDs
find them.

An entity file's mapping gives each row's entity a source ID (``id:``); once written, the
index holds ``<source>/<space>/<id>`` -> the entity's uid (``(:SourceId)`` nodes in the
graph, so later runs find them too). A link file's mapping names its ends by those IDs
(``ref:``); before its rows are written each ID is looked up, in the IDs written or read
earlier in the same run and then in the graph. A row with an ID that resolves to nothing,
or to an entity of another type, is quarantined with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphintel.ingest.mapping import ANY_ENTITY
from graphintel.ingest.records import EntityIn, Fault, Problem, RowRejected, Unit, clip

if TYPE_CHECKING:
    from graphintel.store import Store


@dataclass
class SourceIndex:
    """The source IDs known in one ingest run: key -> (uid, label)."""

    known: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Per file: uid -> the source IDs of that file's rows that name it.
    by_uid: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def learn(self, units: list[Unit], resolved: dict[str, str] | None = None) -> None:
        """Remember the source IDs the rows define (``resolved``: person uid by mention)."""
        for i, unit in enumerate(units):
            for e in unit.entities:
                if e.source_key:
                    uid = (resolved or {}).get(f"{i}/{e.local_id}", e.uid)
                    self.known[e.source_key] = (uid, e.label)
                    self.by_uid[uid].add(e.source_key)

    def resolve(self, store: Store | None, units: list[Unit]) -> tuple[list[Unit], list[Problem]]:
        """Give each ``ref`` entity its uid; rows with an ID that is not found become
        problems (one line per such ID, naming the column, the ID and why)."""
        wanted = sorted({e.ref_key for u in units for e in u.entities
                         if e.ref_key and e.ref_key not in self.known})
        if wanted and store is not None:
            for row in store.read("resolve_source_ids", keys=wanted):
                if row["uid"] is not None:
                    self.known[row["key"]] = (row["uid"], row["label"])
        good: list[Unit] = []
        problems: list[Problem] = []
        for unit in units:
            faults = [fault for e in unit.entities if e.ref_key
                      if (fault := self._find(e)) is not None]
            if not faults:
                good.append(unit)
            else:
                problems.append(RowRejected.of(faults).problem(
                    unit.source, unit.line, clip(f"(row {unit.line} of {unit.source})")))
        return good, problems

    def _find(self, e: EntityIn) -> Fault | None:
        """Give the ``ref`` entity ``e`` the uid its source ID names; else why not."""
        assert e.ref_key is not None
        found = self.known.get(e.ref_key)
        source, space, sid = e.ref_key.split("/", 2)
        if found is None:
            return Fault(e.ref_field or e.local_id,
                         f"source ID {sid!r} ({source} {space}) names no entity loaded so far: "
                         "load the file that defines it (its mapping's `id:`) first, then "
                         "load this file again")
        if e.label == ANY_ENTITY:
            e.label = found[1]
        elif found[1] != e.label:
            return Fault(e.ref_field or e.local_id,
                         f"source ID {sid!r} ({source} {space}) names a {found[1]}, but the "
                         f"mapping expects a {e.label}")
        e.resolved_uid = found[0]
        return None

    def merged(self, store: Store | None) -> dict[str, tuple[int, int]]:
        """Per label: (source IDs, nodes) where rows with different source IDs became one
        node on a shared key (same postcode + address, same number, same name + dob)."""
        groups: dict[str, set[str]] = {uid: set(keys) for uid, keys in self.by_uid.items()}
        if store is not None and groups:
            for row in store.read("source_ids_of", uids=sorted(groups)):
                groups[row["uid"]].update(row["keys"])
        out: dict[str, tuple[int, int]] = {}
        for uid, keys in sorted(groups.items()):
            if len(keys) > 1:
                label = uid.split(":", 1)[0]
                ids, nodes = out.get(label, (0, 0))
                out[label] = (ids + len(keys), nodes + 1)
        return out

    def new_file(self) -> None:
        self.by_uid = defaultdict(set)
