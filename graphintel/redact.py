"""Export profiles: what may leave the intelligence unit.

- ``internal``: full detail.
- ``partner``: for partner agencies. Children (anyone assessed a victim, or under 18 on
  the analysis date by :func:`~graphintel.analysis.safeguarding.age_of`: from the date of
  birth, else from an age a report stated) are shown by stable pseudonyms such as
  ``Child-7F3A``; dates of birth and stated ages are reduced to an age (an age band for a
  child); intelligence whose handling code does not permit sharing (3x5x2 ``C``, or
  anything but 5x5x5 ``2``) is left out, and the output says what was withheld. A report
  counts as shareable only when every version of it that was loaded permits sharing
  (``partner_handling``): loading versions in another order cannot release one. A partner
  output contains no child's name, date of birth or stated age anywhere, and gives a
  possible child's age only as a band (:mod:`graphintel.redact_ages`).

What a partner output says a person *is* (their roles, a candidate target, the evidence
and reasons behind it) rests only on shareable reports: :mod:`graphintel.redact_standing`.
Protection does not: anyone any report assesses as a victim, or who may be a child, is
withheld and pseudonymised whatever the handling of the reports that say so.

The partner profile is one allow-list step that every partner output (agenda and charts,
every format) goes through, in two parts:

1. structured rules: about a child or victim an output holds only :data:`CHILD_FIELDS`
   (the pseudonym, an age band, roles); a phone, online account or place that identifies
   a child (one they use, hold, live at or went missing from, and any children's home) is
   shown only as a "withheld" phrase with :data:`PROTECTED_FIELDS`; so is a phone number
   or online account attributed to nobody (it may be a child's: default deny);
2. :meth:`Redactor.scrub_all`: every string of the finished output (titles, captions,
   tooltips, file names, embedded JSON and its keys, graph attributes, document metadata)
   is scrubbed of every identifying value of every child met, in any form it is written
   (:mod:`graphintel.redact_scrub`, :mod:`graphintel.redact_forms`). An adult's own
   label is kept only when it is exactly a child's name (a namesake); an adult's name that
   holds a child's (``Jade SMITH's uncle``) is scrubbed like any other text.

Pseudonyms are an HMAC of the person's uid under a key kept in
``$GRAPHINTEL_HOME/pseudonym.key`` (created once), so a child keeps the same pseudonym
from one meeting to the next and the code cannot be reversed without the key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from graphintel.analysis.safeguarding import age_of, child_on, stated_age
from graphintel.analysis.safeguarding import age_on as age_on
from graphintel.errors import ConfigError
from graphintel.redact_ages import partner_age_words
from graphintel.redact_forms import NAME_WITHHELD
from graphintel.redact_scrub import Scrubber
from graphintel.secure_files import private_dir, write_text

PROFILES = ("internal", "partner")

#: All a partner output may hold about a child or victim.
CHILD_FIELDS = frozenset({"uid", "name", "age_band", "roles"})
#: All a partner output may hold about a phone, account or place that identifies a child.
PROTECTED_FIELDS = frozenset({"uid", "label", "kind", "platform"})
#: How each kind of identifying thing is shown instead.
HOME_WITHHELD = "child's home address (withheld)"
WITHHELD = {"LIVES_AT": HOME_WITHHELD, "MISSING_FROM": HOME_WITHHELD,
            "CARE_HOME": HOME_WITHHELD, "USES": "child's phone number (withheld)",
            "HAS_ACCOUNT": "child's online account (withheld)",
            "ONLY_AT_RISK": "place linked only to children or victims (withheld)",
            "UNATTRIBUTED:Phone": "phone number of no known user (withheld)",
            "UNATTRIBUTED:OnlineAccount": "online account of no known holder (withheld)",
            "SAME_ADDRESS": HOME_WITHHELD}
#: Place names that say a children's home or a placement for looked-after children (a
#: residential or secure unit, semi-independent or supported accommodation for 16-17-year-olds,
#: supported lodgings, a foster placement): never named in a partner output. Any apostrophe
#: or none (``Children’s``, ``Childrens``, ``children s`` as a place's key writes it).
CARE_HOME = re.compile(
    r"children(?:\s*['\u2019\u2018\u02bc`]?\s*s)?[\s\-]+(?:home|unit|residential|house)"
    r"|(?:care|residential)[\s\-]+(?:home|unit|placement)|residential[\s\-]+care"
    r"|secure[\s\-]+(?:children|unit|accommodation)|semi[\s\-]*independent"
    r"|supported[\s\-]+(?:lodgings?|accommodation|housing)|foster|looked[\s\-]+after",
    re.I)
#: Age bands shown for children and victims instead of their exact age.
AGE_BANDS = ((10, "under 10"), (13, "10-12"), (16, "13-15"), (18, "16-17"),
             (25, "18-24"), (200, "25 or over"))
NO_CUTOFF = "9999-12-31"

T = TypeVar("T")


def load_key(home: Path) -> bytes:
    """The installation's pseudonym key, created on first use (mode 0600)."""
    path = home / "pseudonym.key"
    if not path.is_file():
        private_dir(path.parent)
        write_text(path, secrets.token_hex(32), fsync=True)
    return bytes.fromhex(path.read_text().strip())


def pseudonym(uid: str, key: bytes, length: int = 4, prefix: str = "Child") -> str:
    """A stable code: ``prefix`` (``Child`` for a child, ``Victim`` for an adult victim or a
    victim of unknown age) and hex digits of an HMAC of the uid.

    >>> pseudonym("Person:nd:child a|2009-06-30", b"k"), pseudonym("x", b"k", prefix="Victim")
    ('Child-0168', 'Victim-C38E')
    """
    digest = hmac.new(key, uid.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    return f"{prefix}-{digest[:length]}"


def age_band(age: int | None) -> str:
    """The band shown for a child's or victim's age.

    >>> age_band(15), age_band(17), age_band(None)
    ('13-15', '16-17', 'unknown')
    """
    if age is None:
        return "unknown"
    return next(text for limit, text in AGE_BANDS if age < limit)


def born_after(as_of: str | None) -> str:
    """People born after this ISO date are under 18 on ``as_of`` (see
    :func:`~graphintel.analysis.safeguarding.age_of`).

    >>> born_after("2025-03-01"), born_after("2024-02-29"), born_after(None)
    ('2007-03-01', '2006-02-28', '9999-12-31')
    """
    try:
        on = date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return NO_CUTOFF
    try:
        return on.replace(year=on.year - 18).isoformat()
    except ValueError:  # 29 February
        return on.replace(year=on.year - 18, day=28).isoformat()


#: What :meth:`Redactor.is_child` reads of a person, besides their online accounts.
_KEYED = ("uid", "name", "nominal_ref", "dob", "age", "age_on", "roles", "other_dobs",
          "aliases", "phones")


def _facts_key(person: dict[str, Any], as_of: str | None) -> tuple[Any, ...]:
    """Everything :meth:`Redactor.is_child` reads of ``person`` (the roles and ages the test
    reads, the names, references, phones and accounts it registers), with the analysis
    date: two people with the same key get the same answer and registration. A list is
    keyed as a tuple of its items (an account by its text, as :meth:`Redactor._register`
    tells them apart) and the stated age with its type (a stated ``True`` is no age, ``1``
    is); a value that cannot be a key raises ``TypeError``."""
    accounts = person.get("accounts")
    return (as_of, type(person.get("age")),
            *[tuple(v) if type(v) is list else v for v in map(person.get, _KEYED)],
            tuple(map(str, accounts)) if type(accounts) is list else accounts)


@dataclass
class Redactor:
    """Applies one profile to people and report references, counting what it withholds."""

    profile: str
    key: bytes
    as_of: str | None
    shareable: dict[str, bool] = field(default_factory=dict)
    withheld_refs: set[str] = field(default_factory=set)
    #: People the analysis run safeguards on its own inference (its
    #: ``safeguarded_inferred``: possibly a child recorded apart, recorded as exploited):
    #: withheld as a child is.
    safeguarded: frozenset[str] = frozenset()
    #: Entity uid -> the phrase shown instead (see :data:`WITHHELD`); partner only.
    protected: dict[str, str] = field(default_factory=dict)
    #: Entity uid -> the grounds on which it is a child's (``protected_entities``'s
    #: ``basis``); partner only, see :meth:`hidden`.
    grounds: dict[str, list[list[list[str]]]] = field(default_factory=dict)
    #: The entities :meth:`hidden` left out of what was built, for the withheld note.
    left_out: set[str] = field(default_factory=set)
    #: Candidate targets left out: no shareable report assesses them a suspect
    #: (:mod:`graphintel.redact_standing`); partner only.
    withheld_targets: set[str] = field(default_factory=set)
    #: Candidate targets shown with some of their reasons left out; partner only.
    reasons_cut: set[str] = field(default_factory=set)
    _codes: dict[str, str] = field(default_factory=dict)
    _scrubber: Scrubber = field(default_factory=Scrubber)
    _seen: dict[str, set[tuple[Any, ...]]] = field(default_factory=dict)
    #: :func:`_facts_key` -> (victim or under 18 by age, which answers were registered:
    #: 1 adult, 2 child), for :meth:`is_child`.
    _known: dict[tuple[Any, ...], tuple[bool, int]] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ConfigError(f"unknown profile {self.profile!r}", "--profile",
                              f"use one of {', '.join(PROFILES)}")

    @property
    def partner(self) -> bool:
        return self.profile == "partner"

    def is_child(self, person: dict[str, Any]) -> bool:
        """A victim, or anyone under 18 on the analysis date (date of birth, else a stated
        age: :func:`~graphintel.analysis.safeguarding.age_of`).

        A partner output asks this of the same people many times (every place, phone and
        row about them): the answer and the registration of what identifies them are kept
        by the facts they are made from (:func:`_facts_key`), so each is made once."""
        if not self.partner:  # nothing to register: the test alone
            return "victim" in (person.get("roles") or []) or child_on(person, self.as_of) \
                or str(person.get("uid")) in self.safeguarded
        try:
            key = _facts_key(person, self.as_of)
            known = self._known.get(key)
        except TypeError:  # a value that cannot be a key: made every time, as it is
            key, known = None, None
        if known is None:
            base = "victim" in (person.get("roles") or []) or child_on(person, self.as_of)
            done = 0
        else:
            base, done = known
        uid = person.get("uid")
        child = base or str(uid) in self.safeguarded
        if uid is not None:
            # registered once for each answer (the run's safeguarded may be set later)
            bit = 2 if child else 1
            if not done & bit:
                self._register(person, child)
                done |= bit
        if key is not None and known != (base, done):
            self._known[key] = (base, done)
        return child

    # -- the final scrub ------------------------------------------------------------------

    def _register(self, person: dict[str, Any], child: bool) -> None:
        """Remember what identifies a child (to scrub) or an adult's name (kept as their
        label only when it is exactly a child's name: :meth:`Scrubber.keep`).

        A child's names and aliases are scrubbed in every form people write them
        (:func:`~graphintel.redact_forms.name_forms`: surname first, without middle
        names, initials, possessive); with ``protected_people`` rows also the phones and
        online accounts the child uses, wherever they are written (a call-data file named
        after the child's number), even when the output does not show them."""
        uid = str(person["uid"])
        seen = (child, person.get("name"), tuple(person.get("aliases") or ()),
                person.get("nominal_ref"), person.get("dob"), person.get("age"),
                person.get("age_on"), tuple(person.get("phones") or ()),
                tuple(map(str, person.get("accounts") or ())))
        if seen in self._seen.setdefault(uid, set()):
            return
        self._seen[uid].add(seen)
        sc = self._scrubber
        if not child:
            # the adult's name as their own label; not their aliases (an offender may go by
            # a child's name)
            sc.keep(person.get("name"))
            return
        code = self.code(uid, self._prefix(person))
        for name in [person.get("name"), *(person.get("aliases") or [])]:
            sc.add_name(name, code)
        sc.add_reference(person.get("nominal_ref"), "(reference withheld)")
        sc.add_date(person.get("dob"), "(date of birth withheld)")
        self._scrub_stated_age(person)
        for number in person.get("phones") or ():
            sc.add_phone(number, WITHHELD["USES"])
        for account in person.get("accounts") or ():
            self._protect_values({"label": "OnlineAccount", **dict(account)},
                                 WITHHELD["HAS_ACCOUNT"])

    def _scrub_stated_age(self, person: dict[str, Any]) -> None:
        """A child's stated age is withheld like a date of birth: ``age 12``, ``aged 12``,
        ``12 years old`` and the date it was stated with (``stated 2024-06-01``)."""
        stated = person.get("age")
        if stated is None or isinstance(stated, bool):
            return
        try:
            years = int(stated)
        except (TypeError, ValueError):
            return
        self._scrubber.add_age(years, "age withheld")
        if person.get("age_on"):
            self._scrubber.add_words(f"stated {str(person['age_on'])[:10]}",
                                     "stated (date withheld)")

    def register_people(self, people: Iterable[dict[str, Any]]) -> None:
        """Register everyone an output may touch (children's values will be scrubbed)."""
        if not self.partner:
            return  # nothing is scrubbed from the internal profile
        for person in people:
            if person.get("signs") and person.get("uid") is not None:
                # a child by signs the record's date of birth does not give
                # (``protected_people``): withheld as the run's inferred children are
                self.safeguarded = self.safeguarded | {str(person["uid"])}
            self.is_child(person)

    def protect(self, rows: Iterable[dict[str, Any]]) -> None:
        """Mark entities as identifying a child (rows of ``protected_entities``), and
        register their numbers, addresses, postcodes and handles to be scrubbed."""
        if not self.partner:
            return
        for row in rows:
            reasons = list(row.get("reasons") or [])
            reason = next((r for r in ("LIVES_AT", "MISSING_FROM", "SAME_ADDRESS", "USES",
                                       "HAS_ACCOUNT", "ONLY_AT_RISK")
                           if r in reasons), f"UNATTRIBUTED:{row.get('label')}")
            shown = WITHHELD.get(reason, HOME_WITHHELD)
            self.protected[str(row["uid"])] = shown
            if row.get("basis"):
                self.grounds[str(row["uid"])] = [
                    [[str(r) for r in refs] for refs in ground] for ground in row["basis"]]
            self._protect_values(row, shown)

    def _protect_values(self, row: dict[str, Any], shown: str) -> None:
        sc = self._scrubber
        for key in ("number", "key"):
            if row.get("label") == "Phone":
                sc.add_phone(row.get(key), shown)
        for key in ("address", "handle"):
            sc.add_words(row.get(key), shown)
        if row.get("label") == "OnlineAccount" and row.get("platform") and row.get("handle"):
            sc.add_words(f"{row['platform']}: {row['handle']}", shown)
            sc.add_words(f"{row['platform']}:{row['handle']}", shown)
        sc.add_postcode(row.get("postcode"), "(postcode withheld)")

    def grounds_refs(self) -> set[str]:
        """Every report ref the :attr:`grounds` rest on (whose handling must be known)."""
        return {r for ground in self.grounds.values() for g in ground for refs in g
                for r in refs}

    def hidden(self, uid: str) -> bool:
        """Whether a partner output must leave this phone, account or place out
        altogether: it is a child's only by intelligence partners may not see (no ground
        of :attr:`grounds` rests wholly on shareable reports). Shown as "child's home
        address (withheld)" beside an adult who lives there, it would tell partners what
        that intelligence says; named, it would locate the child. A children's home, or an
        entity withheld for another reason (only children linked, no known user), is
        not hidden by this.

        >>> r = Redactor("partner", b"k", None, {"IR/1": True, "IR/2": False})
        >>> r.grounds = {"L1": [[["IR/2"]]], "L2": [[["IR/2"]], [["IR/1"]]],
        ...              "L3": [[["IR/1"], ["IR/2"]]]}
        >>> [r.hidden(u) for u in ("L1", "L2", "L3", "L4")]
        [True, False, True, False]
        """
        grounds = self.grounds.get(uid)
        if not self.partner or not grounds:
            return False
        if any(all(any(self.shareable.get(r, False) for r in refs) for refs in ground)
               for ground in grounds):
            return False
        self.left_out.add(uid)
        return True

    def withheld_entity(self, uid: str, label: str, props: dict[str, Any]) -> str | None:
        """The phrase shown instead of this phone, account or place, or None when the
        profile may show it. A children's home is never named, whoever it is tied to."""
        if not self.partner:
            return None
        if uid in self.protected:
            return self.protected[uid]
        if label == "Location" and CARE_HOME.search(" ".join(
                str(props.get(k) or "") for k in ("address", "key", "label"))):
            self.protected[uid] = WITHHELD["CARE_HOME"]
            self._protect_values({**props, "label": label}, WITHHELD["CARE_HOME"])
            return self.protected[uid]
        return None

    def allow(self, record: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
        """``record`` with every field not in ``allowed`` emptied (same type, no value)."""
        keep = set(allowed)
        return {k: v if k in keep or v is None else type(v)() for k, v in record.items()}

    def scrub(self, text: str) -> str:
        """Partner: ``text`` with every identifying value of every child met replaced, and
        any age-conflict sentence told in age bands (:mod:`graphintel.redact_ages`)."""
        if not self.partner:
            return text
        return self._scrubber.scrub(partner_age_words(text, age_band))

    def place_text(self, text: str) -> str:
        """A place's address or name as a partner may read it: scrubbed, and a child's
        name inside it (a street or a business named as a child is: ``12 Rose Hill``)
        withheld, not replaced by the child's pseudonym, which would tie the pseudonym to
        the name the place still shows by its number and postcode."""
        if not self.partner or not text:
            return text
        out = self.scrub(text)
        if out != text:
            for code in sorted(set(self._codes.values()), key=len, reverse=True):
                if code in out and code not in text:
                    out = out.replace(code, NAME_WITHHELD)
        return out

    def scrub_all(self, value: T) -> T:
        """Every string inside ``value`` (dataclasses, dicts, lists, tuples, sets) scrubbed;
        the same object back for the internal profile."""
        if not self.partner:
            return value
        return self._walk(value)

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, dict):
            return {self._walk(k): self._walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return type(value)(self._walk(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self._walk(getattr(value, f.name))
                       for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **changes)
        return value

    def _prefix(self, person: dict[str, Any]) -> str:
        """``Child`` under 18 on the analysis date; an adult victim (or of unknown age) is a
        ``Victim``, never called a child."""
        return "Child" if child_on(person, self.as_of) else "Victim"

    def codes(self) -> list[str]:
        """The pseudonyms this output has given so far."""
        return sorted(self._codes.values())

    def code(self, uid: str, prefix: str = "Child") -> str:
        """The person's pseudonym, unique within this output (extended on a collision)."""
        if uid not in self._codes:
            length = 4
            while (candidate := pseudonym(uid, self.key, length, prefix)) in self._taken:
                length += 1
            self._codes[uid] = candidate
            self._taken.add(candidate)
        return self._codes[uid]

    def name(self, person: dict[str, Any]) -> str:
        """How a person is named in this profile."""
        if self.partner and self.is_child(person):
            return self.code(str(person["uid"]), self._prefix(person))
        return str(person.get("name") or person.get("uid"))

    def dob(self, person: dict[str, Any]) -> str | None:
        """Date of birth (internal), else the stated age as
        :func:`~graphintel.analysis.safeguarding.stated_age` shows it; partner: an age on the
        analysis date, or an age band for a child (never the stated age or its date)."""
        if not person.get("dob") and person.get("age") is None:
            return None
        if self.partner:
            age = age_of(person, self.as_of)
            if self.is_child(person):
                return f"age {age_band(age)}"
            return f"age {age}" if age is not None else None
        if person.get("dob"):
            return str(person["dob"])
        return stated_age(person, self.as_of)

    def age(self, person: dict[str, Any]) -> str:
        """The age on the analysis date as text: partner children get a band; internally, a
        stated age says so (``12 (stated 2024-06-01)``)."""
        age = age_of(person, self.as_of)
        if self.partner and self.is_child(person):
            return age_band(age)
        if not self.partner and (shown := stated_age(person, self.as_of)):
            return shown.removeprefix("age ")
        return "" if age is None else str(age)

    def nominal_ref(self, person: dict[str, Any]) -> str | None:
        """Nominal references of children are not shared with partners."""
        if self.partner and self.is_child(person):
            return None
        return person.get("nominal_ref")

    def person(self, person: dict[str, Any]) -> dict[str, Any]:
        """A person dict as this profile shows it: a partner child keeps only
        :data:`CHILD_FIELDS` (every other field emptied)."""
        out = dict(person)
        out["name"] = self.name(person)
        out["dob"] = self.dob(person)
        out["nominal_ref"] = self.nominal_ref(person)
        out["age_band"] = age_band(age_of(person, self.as_of))
        if self.partner and self.is_child(person):
            out = self.allow(out, CHILD_FIELDS)
            out["dob"], out["aliases"], out["nominal_ref"] = None, [], None
            for key in ("age", "age_on"):
                if key in out:
                    out[key] = None
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
        parts = [f"Withheld from this partner version: {len(self.withheld_refs)} intelligence "
                 "report(s) whose handling code does not permit sharing (a report counts when "
                 "any version of it loaded does not), and every link resting only on them."]
        if self.withheld_targets:
            parts.append(f"{len(self.withheld_targets)} candidate target(s) withheld: they rest "
                         "on intelligence whose handling code does not permit sharing.")
        if self.reasons_cut:
            parts.append(f"Reasons withheld in part for {len(self.reasons_cut)} candidate "
                         "target(s): those resting on such intelligence, and the network "
                         "measures where it touches their network.")
        if self.left_out:
            parts.append(f"{len(self.left_out)} place(s), phone(s) or online account(s) "
                         "withheld with every link to them: such intelligence ties them to a "
                         "child or victim.")
        parts.append("Children are shown by pseudonyms and ages, not names or dates of birth.")
        return " ".join(parts)


def redactor_for(store: Any, home: Path, profile: str, as_of: str | None) -> Redactor:
    """A :class:`Redactor` with the installation's key and every report's handling code
    (``partner_handling``: shareable only when every version loaded permits sharing)."""
    shareable: dict[str, bool] = {}
    if profile == "partner":
        store.read_each("partner_handling",
                        lambda r: shareable.__setitem__(r["ref"], bool(r["shareable"])))
    return Redactor(profile, load_key(home), as_of, shareable)


def protect_entities(store: Any, redactor: Redactor, uids: Iterable[str]) -> None:
    """Partner: find which of ``uids`` (phones, accounts, places) identify a child, with
    the shipped ``protected_entities`` query, and tell ``redactor``."""
    wanted = sorted({u for u in uids if not str(u).startswith("Person:")})
    if redactor.partner and wanted:
        redactor.protect(store.read("protected_entities", uids=wanted,
                                    born_after=born_after(redactor.as_of),
                                    safeguarded=sorted(redactor.safeguarded)))


def protect_people(store: Any, redactor: Redactor) -> None:
    """Partner: register every child and victim in the graph (``protected_people``), so
    that their names are scrubbed from any text about someone else (an adult's alias, a
    place named after a child) even when the output does not show the child."""
    if redactor.partner:
        redactor.register_people(store.read("protected_people",
                                             born_after=born_after(redactor.as_of),
                                             safeguarded=sorted(redactor.safeguarded)))


def graph_redactor(store: Any, home: Path, as_of: str | None,
                   safeguarded: Iterable[str] = ()) -> Redactor:
    """A partner :class:`Redactor` that knows every child and victim in the graph
    (:func:`protect_people`: names in every form, dates of birth, references, stated ages,
    phones and accounts), and the people an analysis run safeguarded (``safeguarded``: its
    ``safeguarded_inferred``), for a last scrub of partner data put together outside a
    chart or the agenda (the workspace's partner API). Same key, so the same pseudonyms."""
    redactor = Redactor("partner", load_key(home), as_of)
    redactor.safeguarded = frozenset(safeguarded)
    protect_people(store, redactor)
    return redactor
