"""The one place where the agenda applies its profile.

Everything the build steps put into the agenda about a person, a report reference, a
home address or a child's phone goes through a :class:`View`, which wraps the shared
:class:`~graphintel.redact.Redactor` (names, dates of birth, nominal refs, report handling)
and adds what an agenda needs on top: which people and facts a partner may see at all, and
a count of what was withheld. Renderers never redact; they only render what the view let in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from graphintel.agenda.facts import Facts
from graphintel.agenda.words import place_text
from graphintel.analysis.projection import report_of_row
from graphintel.analysis.safeguarding import age_of
from graphintel.redact import WITHHELD, Redactor
from graphintel.redact_standing import Standing

#: Link types whose far end identifies a child (their home, their phone, their account).
CHILD_PRIVATE = {k: WITHHELD[k] for k in ("LIVES_AT", "USES", "HAS_ACCOUNT", "MISSING_FROM")}


def _ages(person: dict[str, Any] | None) -> dict[str, Any]:
    """The facts a child test reads, from the graph's current record of a person."""
    if person is None:
        return {}
    return {k: person[k] for k in ("dob", "age", "age_on") if k in person}


class View:
    """A profile's view of the facts (see the module docstring)."""

    def __init__(self, redactor: Redactor, facts: Facts) -> None:
        self.redactor = redactor
        self.facts = facts
        self.withheld_people: set[str] = set()
        self.withheld_facts: dict[str, set[str]] = defaultdict(set)
        #: Candidate targets who may be a child or victim recorded apart (the run cautions
        #: so): until the pair is resolved, nothing is proposed against them, their home or
        #: what they keep (set by the agenda's build).
        self.apart: set[str] = set()
        #: Places the redaction rules hold to be a child's or victim's home: where one
        #: lives, or the same address written another way (set by the agenda's build).
        self.child_places: set[str] = set()
        #: Partner: what shareable reports say people are (set by the agenda's build);
        #: the roles shown and who is called a suspect come from it.
        self.standing: Standing | None = None
        redactor.register_people(facts.people.values())
        # names as the run recorded them, judged child or adult on today's facts (a run
        # stored before a stated age was known must not mark a child's name as an adult's)
        redactor.register_people(facts.recorded.get(u, {}) | _ages(facts.people.get(u))
                                 | {"uid": u} for u in facts.recorded)

    @property
    def partner(self) -> bool:
        return self.redactor.partner

    @property
    def profile(self) -> str:
        return self.redactor.profile

    @property
    def as_of(self) -> str | None:
        return self.redactor.as_of

    # -- people ---------------------------------------------------------------------------

    def person(self, uid: str) -> dict[str, Any]:
        return self.facts.person(uid)

    def visible(self, uid: str) -> bool:
        """Internal: everyone. Partner: people named in at least one shareable report
        (``shared``, for a person read without the reports themselves)."""
        if not self.partner:
            return True
        person = self.person(uid)
        if person.get("shared") or any(r.get("shareable") for r in person.get("reports") or []):
            return True
        self.withheld_people.add(uid)
        return False

    def is_child(self, uid: str) -> bool:
        return self.redactor.is_child(self.person(uid))

    def protected(self, uid: str) -> bool:
        """A child or victim (:meth:`is_child`), or a record that may be one recorded apart
        (:attr:`apart`): no enforcement is proposed against them or what is theirs."""
        return uid in self.apart or self.is_child(uid)

    def age(self, uid: str) -> int | None:
        """Age on the analysis date (date of birth, else stated age: ``age_of``)."""
        return age_of(self.person(uid), self.as_of)

    def age_text(self, uid: str) -> str:
        """The age as shown: a band for a child in the partner profile."""
        return self.redactor.age(self.person(uid)) or "unknown"

    def name(self, uid: str) -> str:
        p = self.person(uid)
        if self.partner and self.redactor.is_child(p):
            return self.redactor.code(uid)
        if not p.get("name"):
            return f"unnamed person {p['nominal_ref']}" if p.get("nominal_ref") else \
                "unnamed person"
        return self.redactor.name(p)

    def dob(self, uid: str) -> str:
        """Internal: date of birth and age, else the stated age (``age 12 (stated
        2024-06-01)``); partner: the age only (a band for a child)."""
        p = self.person(uid)
        shown = self.redactor.dob(p)
        if not shown:
            return ""
        age = self.age(uid)
        if self.partner or age is None or not p.get("dob"):
            return shown
        return f"{shown} (age {age})"

    def nominal_ref(self, uid: str) -> str:
        return self.redactor.nominal_ref(self.person(uid)) or ""

    def roles(self, uid: str) -> str:
        """The roles shown: partner, only those a shareable report assesses."""
        if self.partner:
            return ", ".join(self.standing.shown_roles(uid)) if self.standing else ""
        return ", ".join(sorted(set(self.person(uid).get("roles") or [])))

    def role_list(self, uid: str) -> list[str]:
        """:meth:`roles` as a list (for the tactics' rules)."""
        return [r for r in self.roles(uid).split(", ") if r]

    def suspect(self, uid: str) -> bool:
        """Whether this profile may call ``uid`` a suspect: a role of their record
        (internal); a shareable report assesses them as one (partner)."""
        if self.partner:
            return self.standing is not None and self.standing.suspect(uid)
        return "suspect" in (self.person(uid).get("roles") or [])

    def may_call_suspect(self, uid: str) -> bool:
        """Whether someone the run calls a suspect may be called one in this profile."""
        return not self.partner or self.suspect(uid)

    # -- intelligence ---------------------------------------------------------------------

    def refs(self, refs: Iterable[str] | None) -> list[str]:
        """The references this profile may show (non-shareable ones are counted)."""
        return sorted(self.redactor.refs(sorted(set(refs or []))))

    def shown(self, refs: Iterable[str] | None, what: str, key: str) -> bool:
        """Whether a fact (``what``, identified by ``key``) resting on ``refs`` may be
        shown; a withheld one is counted once."""
        if not self.partner or self.refs(refs):
            return True
        self.withheld_facts[what].add(key)
        return False

    def cited(self, refs: Iterable[str] | None, most: int | None = None,
              rows: Iterable[str] | None = None) -> str:
        """Report references with their gradings, e.g. ``IR/1 (2BP), IR/2 (3DC)``.

        A file-wide report (call data, an association list) is cited by the ``rows`` of it
        the fact rests on (``call_data:calls.csv#L12 (1AP)``) when they are given. With
        ``most``, only that many are cited (the best graded first) and the rest are
        counted, so a table cell stays readable; the chart and the profile list them all.
        """
        shown = self.refs(refs)
        by_report: dict[str, list[str]] = {}
        for row in sorted(set(rows or [])):
            by_report.setdefault(report_of_row(row), []).append(row)
        items = [(cite, ref) for ref in shown for cite in by_report.get(ref, [ref])]

        def grade(item: tuple[str, str]) -> tuple[str, str, str]:
            info = self.facts.reports.get(item[1]) or {}
            return (str(info.get("source") or "9"), str(info.get("intel") or "Z"), item[0])

        if most is not None and len(items) > most:
            best = sorted(items, key=grade)[:most]
            rest = len(items) - most
            what = "report" if all(c == r for c, r in items) else "citation"
            return (f"{self._cite(best)} and {rest} more {what}"
                    f"{'s' if rest != 1 else ''}")
        return self._cite(items)

    def _cite(self, items: list[tuple[str, str]]) -> str:
        return ", ".join(f"{cite}{graded(self.facts.reports.get(ref) or {})}"
                         for cite, ref in items)

    def private(self, link_type: str, owner: str, text: str) -> str:
        """A child's home address, phone number or account: shown internally only."""
        if self.partner and link_type in CHILD_PRIVATE and self.is_child(owner):
            return CHILD_PRIVATE[link_type]
        return text

    def entity(self, uid: str, label: str, info: dict[str, Any], text: str) -> str:
        """A phone, account or place as this profile may name it: one that identifies a
        child (or any children's home) is only a "withheld" phrase for partners."""
        return self.redactor.withheld_entity(uid, label, info) or text

    def place(self, uid: str, info: dict[str, Any]) -> str:
        """A place's address and postcode, or the phrase shown instead (see :meth:`entity`)."""
        return self.entity(uid, "Location", info, self.redactor.place_text(place_text(info)))

    def key(self, uid: str, label: str, info: dict[str, Any]) -> str:
        """A phone number or vehicle registration, or the phrase shown instead."""
        return self.entity(uid, label, info, str(info.get("key") or label))

    def thing(self, uid: str, label: str, info: dict[str, Any]) -> str:
        """``12 Elm Road, BA1 1AA``, ``phone +447700900123`` or the phrase shown instead."""
        if label == "Location":
            return self.place(uid, info)
        key = str(info.get("key") or label)
        return self.entity(uid, label, info, f"{label.lower()} {key}")

    # -- what was withheld ----------------------------------------------------------------

    def notes(self) -> list[str]:
        """The lines saying what this version leaves out (none for internal)."""
        if not self.partner:
            return []
        # Count every restricted report behind what the agenda considered, including
        # those about people left out altogether.
        considered = set(self.facts.reports)
        for uid in self.withheld_people:
            considered.update(r["ref"] for r in self.person(uid).get("reports") or [])
        self.redactor.refs(sorted(considered))
        note = self.redactor.withheld_note()
        if note is None:
            return []
        facts = sum(len(keys) for keys in self.withheld_facts.values())
        parts = [f"{len(self.withheld_people)} person(s) known only from such reports"]
        if facts:
            detail = ", ".join(f"{what}: {len(keys)}"
                               for what, keys in sorted(self.withheld_facts.items()))
            parts.append(f"{facts} item(s) resting only on them ({detail})")
        parts.append("children's home and placement addresses, phone numbers and online "
                     "accounts")
        return [note, "Also withheld: " + "; ".join(parts) + "."]


def graded(info: Mapping[str, Any]) -> str:
    """How a citation gives a report's grading (``agenda_reports``'s row): the grading, and
    for a report loaded as a new version after the run the agenda is of, that it was, with
    the grading the run weighed when it differs. An agenda of an earlier run is the record
    of what that analysis saw: the meeting should know a report has changed since.

    >>> graded({"grading": "2BP"})
    ' (2BP)'
    >>> graded({"grading": "2BP", "changed_since_run": True, "graded_at_run": "3EP"})
    ' (2BP; graded 3EP when this analysis was run)'
    >>> graded({"grading": "2BP", "changed_since_run": True, "graded_at_run": "2BP"})
    ' (2BP; a new version since this analysis was run)'
    >>> graded({"changed_since_run": True})
    ' (a new version since this analysis was run)'
    >>> graded({})
    ''
    """
    parts = [str(info["grading"])] if info.get("grading") else []
    if info.get("changed_since_run"):
        then = info.get("graded_at_run")
        parts.append(f"graded {then} when this analysis was run"
                     if then and then != info.get("grading")
                     else "a new version since this analysis was run")
    return f" ({'; '.join(parts)})" if parts else ""
