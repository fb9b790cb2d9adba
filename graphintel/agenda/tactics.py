"""Disruption tactics: read from ``tactics.yaml`` (data, not code) and matched to what the
agenda shows (targets with their facts, places by kind, vehicles, phones)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphintel.errors import ConfigError

DEFAULT_FILE = Path(__file__).with_name("tactics.yaml")
TARGET_FACTS = frozenset({
    "linked_child", "linked_child_under_16", "linked_child_under_18",
    "linked_child_under_18_not_family", "linked_child_family", "direct_link_to_child",
    "exploitation", "found_with_missing_child", "has_vehicle", "has_phone", "at_hotspot",
    "organises", "supplies", "recruits", "drives", "hosts", "brokers",
})
_FIELDS = ("id", "name", "basis", "agency", "description", "applies_to")
_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Tactic:
    """One disruption tactic and when it applies."""

    id: str
    name: str
    basis: str
    agency: str
    description: str
    roles: frozenset[str] = frozenset()
    adult: bool = False
    needs: frozenset[str] = frozenset()
    needs_any: frozenset[str] = frozenset()
    for_targets: bool = False
    places: frozenset[str] = frozenset()
    vehicles: bool = False
    phones: bool = False
    #: For a vehicle a child or victim keeps, drives or uses: a safeguarding step, never one in
    #: the keeper's name (``vehicles`` tactics are not offered for such a vehicle).
    child_vehicles: bool = False
    #: For a phone a child or victim uses or owns, however others use it: a safeguarding
    #: step, never a request or plan against it (``phones`` tactics are not offered).
    child_phones: bool = False


@dataclass(frozen=True)
class Tactics:
    """The loaded list, in file order."""

    items: tuple[Tactic, ...] = field(default_factory=tuple)

    def for_target(self, roles: Iterable[str], adult: bool, facts: set[str]) -> list[Tactic]:
        """Tactics whose target conditions all hold for this target."""
        held = set(roles)
        return [t for t in self.items if t.for_targets
                and (not t.roles or t.roles & held)
                and (adult or not t.adult)
                and t.needs <= facts
                and (not t.needs_any or bool(t.needs_any & facts))]

    def for_place(self, kinds: Iterable[str]) -> list[Tactic]:
        """Tactics for a place of any of these kinds (``suspect_home`` included)."""
        wanted = set(kinds)
        return [t for t in self.items if t.places & wanted]

    def for_vehicle(self, *, kept_by_child: bool = False) -> list[Tactic]:
        """Tactics for a vehicle; for one a child or victim keeps, drives or uses, only the
        safeguarding ones (``child_vehicles``): a marker, stop or licence check would be in
        their name, or stop them at the wheel."""
        if kept_by_child:
            return [t for t in self.items if t.child_vehicles]
        return [t for t in self.items if t.vehicles]

    def for_phone(self, *, used_by_child: bool = False) -> list[Tactic]:
        """Tactics for a phone; for one a child or victim uses or owns, only the
        safeguarding ones (``child_phones``)."""
        if used_by_child:
            return [t for t in self.items if t.child_phones]
        return [t for t in self.items if t.phones]


def _bad(what: str, where: str) -> ConfigError:
    return ConfigError(what, where, "fix the tactics file (see the comments at its top)")


def _strings(value: Any, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad("expected a list of words", where)
    return frozenset(value)


def _tactic(raw: Any, where: str) -> Tactic:
    if not isinstance(raw, dict):
        raise _bad("each tactic must be a mapping", where)
    missing = [f for f in _FIELDS if f not in raw]
    if missing:
        raise _bad(f"tactic lacks {missing[0]!r}", where)
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise _bad(f"unknown field {unknown[0]!r}", where)
    if not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        raise _bad(f"bad id {raw['id']!r} (lower-case letters, digits, _)", where)
    applies = raw["applies_to"]
    if not isinstance(applies, dict) or not applies:
        raise _bad("applies_to must name targets, places, vehicles, child_vehicles, "
                   "phones or child_phones", where)
    extra = sorted(set(applies) - {"targets", "places", "vehicles", "child_vehicles",
                                   "phones", "child_phones"})
    if extra:
        raise _bad(f"unknown applies_to key {extra[0]!r}", where)
    targets = applies.get("targets")
    roles: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    needs_any: frozenset[str] = frozenset()
    adult = False
    if targets is not None:
        if not isinstance(targets, dict):
            raise _bad("applies_to.targets must be a mapping", where)
        roles = _strings(targets.get("roles"), f"{where}.applies_to.targets.roles")
        unknown_keys = sorted(set(targets) - {"roles", "adult", "needs", "needs_any"})
        if unknown_keys:
            raise _bad(f"unknown applies_to.targets key {unknown_keys[0]!r}", where)
        needs = _strings(targets.get("needs"), f"{where}.applies_to.targets.needs")
        needs_any = _strings(targets.get("needs_any"),
                             f"{where}.applies_to.targets.needs_any")
        unknown_facts = sorted((needs | needs_any) - TARGET_FACTS)
        if unknown_facts:
            raise _bad(f"unknown fact {unknown_facts[0]!r}; known: "
                       f"{', '.join(sorted(TARGET_FACTS))}", where)
        adult = bool(targets.get("adult", False))
    for key in ("name", "basis", "agency", "description"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise _bad(f"{key} must be text", where)
    return Tactic(
        id=raw["id"], name=raw["name"].strip(), basis=raw["basis"].strip(),
        agency=raw["agency"].strip(), description=" ".join(raw["description"].split()),
        roles=roles, adult=adult, needs=needs, needs_any=needs_any, for_targets=targets is not None,
        places=_strings(applies.get("places"), f"{where}.applies_to.places"),
        vehicles=bool(applies.get("vehicles", False)), phones=bool(applies.get("phones", False)),
        child_vehicles=bool(applies.get("child_vehicles", False)),
        child_phones=bool(applies.get("child_phones", False)),
    )


def load_tactics(path: Path | None = None) -> Tactics:
    """Read and check a tactics file (the shipped ``tactics.yaml`` by default)."""
    path = path or DEFAULT_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the tactics file: {exc}", str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("tactics"), list):
        raise _bad("the file must hold a 'tactics:' list", str(path))
    items = tuple(_tactic(raw, f"{path}: tactic {i}")
                  for i, raw in enumerate(data["tactics"], start=1))
    ids = [t.id for t in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise _bad(f"tactic id {dupes[0]!r} is used twice", str(path))
    return Tactics(items)
