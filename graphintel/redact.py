"""Export profiles: what may leave the intelligence unit.

- ``internal``: full detail.
- ``partner``: for partner agencies. Children (anyone assessed a victim, or under 18 on
  the analysis date) are shown by stable pseudonyms such as ``Child-7F3A``; dates of birth
  are reduced to an age; intelligence whose handling code does not permit sharing
  (3x5x2 ``C``, or anything but 5x5x5 ``2``) is left out, and the output says what was
  withheld. A partner output contains no child's name or date of birth anywhere.

Pseudonyms are an HMAC of the person's uid under a key kept in
``$GRAPHINTEL_HOME/pseudonym.key`` (created once), so a child keeps the same pseudonym
from one meeting to the next and the code cannot be reversed without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphintel.errors import ConfigError

PROFILES = ("internal", "partner")


def load_key(home: Path) -> bytes:
    """The installation's pseudonym key, created on first use (mode 0600)."""
    path = home / "pseudonym.key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def pseudonym(uid: str, key: bytes, length: int = 4) -> str:
    """A stable code for a child: ``Child-`` and hex digits of an HMAC of the uid.

    >>> pseudonym("Person:nd:child a|2009-06-30", b"k")
    'Child-0168'
    """
    digest = hmac.new(key, uid.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    return f"Child-{digest[:length]}"


def age_on(dob: str | None, as_of: str | None) -> int | None:
    """Age in whole years on ``as_of`` (an ISO date), or None when unknown.

    >>> age_on("2009-06-30", "2025-03-01")
    15
    """
    if not dob or not as_of:
        return None
    try:
        born = date.fromisoformat(dob[:10])
        on = date.fromisoformat(as_of[:10])
    except ValueError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass
class Redactor:
    """Applies one profile to people and report references, counting what it withholds."""

    profile: str
    key: bytes
    as_of: str | None
    shareable: dict[str, bool] = field(default_factory=dict)
    withheld_refs: set[str] = field(default_factory=set)
    _codes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ConfigError(f"unknown profile {self.profile!r}", "--profile",
                              f"use one of {', '.join(PROFILES)}")

    @property
    def partner(self) -> bool:
        return self.profile == "partner"

    def is_child(self, person: dict[str, Any]) -> bool:
        """A victim, or anyone under 18 on the analysis date."""
        age = age_on(person.get("dob"), self.as_of)
        return "victim" in (person.get("roles") or []) or (age is not None and age < 18)

    def code(self, uid: str) -> str:
        """The person's pseudonym, unique within this output (extended on a collision)."""
        if uid not in self._codes:
            length = 4
            taken = set(self._codes.values())
            while (candidate := pseudonym(uid, self.key, length)) in taken:
                length += 1
            self._codes[uid] = candidate
        return self._codes[uid]

    def name(self, person: dict[str, Any]) -> str:
        """How a person is named in this profile."""
        if self.partner and self.is_child(person):
            return self.code(str(person["uid"]))
        return str(person.get("name") or person.get("uid"))

    def dob(self, person: dict[str, Any]) -> str | None:
        """Date of birth (internal) or age (partner)."""
        if not person.get("dob"):
            return None
        if self.partner:
            age = age_on(person.get("dob"), self.as_of)
            return f"age {age}" if age is not None else None
        return str(person["dob"])

    def nominal_ref(self, person: dict[str, Any]) -> str | None:
        """Nominal references of children are not shared with partners."""
        if self.partner and self.is_child(person):
            return None
        return person.get("nominal_ref")

    def person(self, person: dict[str, Any]) -> dict[str, Any]:
        """A person dict with name, dob and nominal ref as this profile shows them."""
        out = dict(person)
        out["name"] = self.name(person)
        out["dob"] = self.dob(person)
        out["nominal_ref"] = self.nominal_ref(person)
        out["aliases"] = [] if self.partner and self.is_child(person) else person.get("aliases")
        return out

    def refs(self, refs: list[str]) -> list[str]:
        """The report refs this profile may show; withheld ones are counted."""
        if not self.partner:
            return list(refs)
        kept = []
        for ref in refs:
            if self.shareable.get(ref, False):
                kept.append(ref)
            else:
                self.withheld_refs.add(ref)
        return kept

    def withheld_note(self) -> str | None:
        """The line saying what was withheld, for partner outputs."""
        if not self.partner:
            return None
        return (f"Withheld from this partner version: {len(self.withheld_refs)} intelligence "
                "report(s) whose handling code does not permit sharing, and every link resting "
                "only on them. Children are shown by pseudonyms and ages, not names or dates "
                "of birth.")


def redactor_for(store: Any, home: Path, profile: str, as_of: str | None) -> Redactor:
    """A :class:`Redactor` with the installation's key and every report's handling code."""
    shareable: dict[str, bool] = {}
    if profile == "partner":
        store.read_each("report_handling",
                        lambda r: shareable.__setitem__(r["ref"], bool(r["shareable"])))
    return Redactor(profile, load_key(home), as_of, shareable)
