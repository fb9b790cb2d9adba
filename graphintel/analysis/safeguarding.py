"""Safeguarding before disruption: who is protected, and the children exploited into offending.

A rule of the model, not a reason string. A person is *protected* when they are a child on the
analysis date (under 18 by :func:`age_of`: from their dates of birth, else from an age a report
stated; where the records disagree, the younger counts) or are assessed as a victim. A protected
person is never a disruption target, never a greedy pick and never the subject of an arrest,
seizure or other enforcement tactic. Children and victims who are also assessed as suspects
(exploited into offending: peer recruiters, county-lines runners, a "bottom" who works for a
trafficker) go to a separate list with the adults around them and safeguarding actions
(referral, National Referral Mechanism consideration), as the strategies behind this tool ask.

One exception, stated so a chair can see it: an adult who is assessed as a suspect and whose
every victim assessment dates from when they were a child stays a candidate target, shown with
the caution that they were a victim as a child. A victim assessment made when they were an
adult, or one whose date or the person's date of birth is unknown (a stated age is not enough:
it leaves the birthday a year open), protects them.

Graph in, facts out; nothing here reads or writes anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the agenda reads ages without loading networkx
    import networkx as nx

__all__ = [
    "ADULT_AGE",
    "SAFEGUARDING_ACTIONS",
    "Status",
    "age_conflict",
    "age_of",
    "age_on",
    "child_on",
    "dates_of_birth",
    "protected",
    "stated_age",
    "status",
]

#: A person is a child under this age (in whole years) on the analysis date.
ADULT_AGE = 18

#: What a safeguarding entry proposes instead of enforcement.
SAFEGUARDING_ACTIONS: tuple[str, ...] = (
    "safeguarding referral to children's social care (adults: adult safeguarding)",
    "consider a National Referral Mechanism (NRM) referral as a possible victim of exploitation",
    "treat as a victim: divert, do not criminalise; no arrest, seizure or enforcement tactic",
    "disrupt the adults around them instead",
)


def age_on(dob: str | None, as_of: str | None) -> int | None:
    """Age in whole years on ``as_of`` from a date of birth (ISO dates), or None when either
    is unknown or invalid. A person's age is :func:`age_of` (which falls back on a stated age).

    >>> age_on("2009-06-30", "2025-03-01"), age_on(None, "2025-03-01"), age_on("x", "2025")
    (15, None, None)
    """
    if not dob or not as_of:
        return None
    try:
        born = date.fromisoformat(str(dob)[:10])
        on = date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def dates_of_birth(person: Mapping[str, Any]) -> list[str]:
    """Every date of birth recorded for a person: ``dob``, then ``other_dobs`` (dates that
    reports or records merged into this one gave beside it), each once.

    Where the records disagree the person may be the younger one, so every child test
    (:func:`age_of`) reads them all.

    >>> dates_of_birth({"dob": "2008-03-01", "other_dobs": ["2007-03-01", "2008-03-01"]})
    ['2008-03-01', '2007-03-01']
    >>> dates_of_birth({"other_dobs": None}), dates_of_birth({"dob": ""})
    ([], [])
    """
    out: list[str] = []
    for value in [person.get("dob"), *(person.get("other_dobs") or ())]:
        if value and str(value) not in out:
            out.append(str(value))
    return out


def _dob_age(person: Mapping[str, Any], as_of: str | None) -> tuple[int | None, str | None]:
    """The youngest age on ``as_of`` any recorded date of birth gives, with that date;
    (None, None) when there is none or none can be read."""
    ages = [(a, d) for d in dates_of_birth(person) if (a := age_on(d, as_of)) is not None]
    return min(ages) if ages else (None, None)


def _years_before(day: date, years: int) -> date:
    """``day`` ``years`` years earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_of(person: Mapping[str, Any], as_of: str | None) -> int | None:
    """A person's age in whole years on ``as_of`` (an ISO date): the one rule behind every
    child test (analysis, agenda, charts, partner redaction, the web pages).

    - From the date of birth (``dob``) when there is one; None when ``as_of`` is unknown.
      When the records give several (``other_dobs``: reports that disagree, records merged
      into this one), the youngest they give: a person is a child on a day if any recorded
      date of birth makes them one, until an analyst resolves it.
    - Else from a stated age: ``age`` (whole years) given by a report dated ``age_on``. The
      person is taken to have turned that age on that very day, the youngest the statement
      allows, so the test errs towards protection: 12 on 2024-06-01 is 12 until 2025-05-31
      and 13 from 2025-06-01. A stated age with no date (``age_on`` None) is taken as the
      age on ``as_of`` whatever ``as_of`` is; a dated one needs ``as_of``, like a date of
      birth.
    - When a person has both and they disagree (the date of birth does not give the stated
      age on the day it was stated; :func:`age_conflict`), the younger of the two: the
      records may hold a slipped year of birth, and until an analyst resolves it the person
      is safeguarded as the child one of them says they are. A stated age that agrees with
      the date of birth adds nothing to it.
    - Else None (unknown: not a child by age).

    The shipped Cypher that tests childness itself (``protected_entities``,
    ``children_near_suspect``) applies the same rule to the stored ``dob``, ``age`` and
    ``age_on``.

    >>> age_of({"dob": "2009-06-30"}, "2025-03-01")
    15
    >>> age_of({"dob": "2009-06-30", "age": 40, "age_on": "2024-01-01"}, "2025-03-01")
    15
    >>> age_of({"dob": "1990-01-01", "age": 14, "age_on": "2025-02-04"}, "2025-06-30")
    14
    >>> age_of({"dob": "2007-01-01", "age": 17, "age_on": "2024-06-01"}, "2025-03-01")
    18
    >>> age_of({"dob": "2007-03-01", "other_dobs": ["2008-03-01"]}, "2025-06-30")
    17
    >>> stated = {"age": 12, "age_on": "2024-06-01"}
    >>> age_of(stated, "2025-05-31"), age_of(stated, "2025-06-01"), age_of(stated, "2023-06-01")
    (12, 13, 11)
    >>> age_of({"age": 17, "age_on": "2022-06-30"}, "2025-06-30")
    20
    >>> age_of({"age": 12, "age_on": None}, "2030-01-01"), age_of({"age": 12}, None)
    (12, 12)
    >>> age_of(stated, None), age_of({"name": "x"}, "2025-01-01"), age_of({"age": "x"}, "2025")
    (None, None, None)
    """
    by_dob, _ = _dob_age(person, as_of)
    by_statement = _stated_age_on(person, as_of)
    if not dates_of_birth(person):
        return by_statement
    if by_dob is None or by_statement is None or _stated_agrees(person):
        return by_dob
    return min(by_dob, by_statement)


def _stated_years(person: Mapping[str, Any]) -> int | None:
    stated = person.get("age")
    if stated is None or isinstance(stated, bool):
        return None
    try:
        return int(stated)
    except (TypeError, ValueError):
        return None


def _stated_age_on(person: Mapping[str, Any], as_of: str | None) -> int | None:
    """The age on ``as_of`` that the stated age alone gives (see :func:`age_of`)."""
    years = _stated_years(person)
    if years is None:
        return None
    said_on = person.get("age_on")
    if not said_on:
        return years
    try:
        turned = _years_before(date.fromisoformat(str(said_on)[:10]), years)
    except ValueError:
        return years
    return age_on(turned.isoformat(), as_of)


def _stated_birth(person: Mapping[str, Any], as_of: str | None, *,
                  youngest: bool = False) -> list[str]:
    """The oldest date of birth a stated age allows (it was stated the day before a
    birthday; with ``youngest``, the latest: stated on the birthday), when it disagrees
    with the recorded dates of birth; else none. An undated stated age is the age on
    ``as_of``.

    >>> _stated_birth({"dob": "2003-01-01", "age": 18, "age_on": "2019-06-01"}, None)
    ['2000-06-02']
    >>> _stated_birth({"dob": "2003-01-01", "age": 18, "age_on": "2019-06-01"}, None,
    ...               youngest=True)
    ['2001-06-01']
    >>> _stated_birth({"dob": "2001-01-01", "age": 18, "age_on": "2019-06-01"}, None)
    []
    """
    years = _stated_years(person)
    said_on = person.get("age_on") or as_of
    if years is None or not said_on or _stated_agrees(person):
        return []
    try:
        day = date.fromisoformat(str(said_on)[:10])
    except ValueError:
        return []
    if youngest:
        return [_years_before(day, years).isoformat()]
    return [(_years_before(day, years + 1) + timedelta(days=1)).isoformat()]


def _stated_agrees(person: Mapping[str, Any]) -> bool:
    """A recorded date of birth gives the stated age on the day it was stated. An undated
    stated age cannot be checked so: it never agrees, and :func:`age_of` takes the younger."""
    years = _stated_years(person)
    said_on = person.get("age_on")
    if years is None or not said_on:
        return False
    return any(age_on(d, str(said_on)) == years for d in dates_of_birth(person))


def age_conflict(person: Mapping[str, Any], as_of: str | None) -> str | None:
    """Why the records disagree on whether this person is a child on ``as_of``, or None.

    Only a disagreement that decides childness is one: a date of birth that makes them an
    adult and a stated age that makes them a child (or the reverse), or two recorded dates
    of birth (``dob``, ``other_dobs``) one of which makes them a child. Said in words for
    the reasons, the profile and the safeguarding list.

    >>> age_conflict({"dob": "1990-01-01", "age": 14, "age_on": "2025-02-04"}, "2025-06-30")
    'the records disagree on their age: the date of birth 1990-01-01 makes them 35 on \
2025-06-30, a report of 2025-02-04 states age 14 (14 on 2025-06-30); safeguarded as a \
child until an analyst resolves it'
    >>> age_conflict({"dob": "1990-01-01", "age": 40, "age_on": "2025-02-04"}, "2025-06-30")
    >>> age_conflict({"dob": "2012-01-01", "age": 14, "age_on": "2025-02-04"}, "2025-06-30")
    >>> age_conflict({"dob": "2008-03-01", "other_dobs": ["2007-03-01"]}, "2025-06-30")
    'the records disagree on their age: the dates of birth 2008-03-01, 2007-03-01 make them \
17, 18 on 2025-06-30; safeguarded as a child until an analyst resolves it'
    >>> age_conflict({"dob": "2008-03-01", "other_dobs": ["2007-03-01"]}, "2024-06-30")
    """
    parts = [p for p in (_dobs_disagree(person, as_of), _stated_disagrees(person, as_of)) if p]
    if not parts:
        return None
    return (f"the records disagree on their age: {'; '.join(parts)}; safeguarded as a child "
            "until an analyst resolves it")


def _dobs_disagree(person: Mapping[str, Any], as_of: str | None) -> str | None:
    """The recorded dates of birth, when some make the person a child on ``as_of`` and some
    an adult (see :func:`age_conflict`)."""
    dobs = [(d, a) for d in dates_of_birth(person) if (a := age_on(d, as_of)) is not None]
    if len({a < ADULT_AGE for _, a in dobs}) < 2:
        return None
    return (f"the dates of birth {', '.join(d[:10] for d, _ in dobs)} make them "
            f"{', '.join(str(a) for _, a in dobs)} on {str(as_of)[:10]}")


def _stated_disagrees(person: Mapping[str, Any], as_of: str | None) -> str | None:
    """The youngest date of birth and a stated age, when one makes the person a child on
    ``as_of`` and the other an adult (see :func:`age_conflict`)."""
    by_dob, dob = _dob_age(person, as_of)
    by_statement = _stated_age_on(person, as_of)
    if by_dob is None or by_statement is None or _stated_agrees(person):
        return None
    if (by_dob < ADULT_AGE) == (by_statement < ADULT_AGE):
        return None
    said_on = person.get("age_on")
    said = f"a report of {str(said_on)[:10]}" if said_on else "an undated report"
    return (f"the date of birth {str(dob)[:10]} makes them {by_dob} on {str(as_of)[:10]}, "
            f"{said} states age {person.get('age')} ({by_statement} on {str(as_of)[:10]})")


def child_on(person: Mapping[str, Any], as_of: str | None) -> bool:
    """Under 18 on ``as_of`` by :func:`age_of` (an unknown age is not a child by age).

    >>> child_on({"age": 17, "age_on": "2024-07-01"}, "2025-06-30")
    True
    >>> child_on({"age": 17, "age_on": "2024-07-01"}, "2025-07-01"), child_on({}, "2025")
    (False, False)
    """
    age = age_of(person, as_of)
    return age is not None and age < ADULT_AGE


def stated_age(person: Mapping[str, Any], as_of: str | None = None) -> str | None:
    """How a stated age is shown where the person's identity is (profile, internal agenda,
    chart tooltip): ``age 12 (stated 2024-06-01)``; with ``as_of``, the age on that day is
    added when it differs. None when there is no stated age, or when the date of birth gives
    that age on the day it was stated (it adds nothing); a stated age beside a date of birth
    that disagrees with it is shown with what the date of birth gives. Never used in partner
    outputs for a child.

    >>> stated_age({"age": 12, "age_on": "2024-06-01"}), stated_age({"age": 12})
    ('age 12 (stated 2024-06-01)', 'age 12 (stated, undated)')
    >>> stated_age({"age": 12, "age_on": "2024-06-01"}, "2025-05-31")
    'age 12 (stated 2024-06-01)'
    >>> stated_age({"age": 12, "age_on": "2023-06-01"}, "2025-06-30")
    'age 12 (stated 2023-06-01; age 14 on 2025-06-30)'
    >>> stated_age({"age": 15, "age_on": "2025-05-01", "flags": ["age_from_narrative"]})
    'age 15 (in the narrative of a report of 2025-05-01)'
    >>> stated_age({"age": 15, "age_on": "2025-05-01", "flags": ["age_from_name"]})
    'age 15 (written with the name in a report of 2025-05-01)'
    >>> stated_age({"dob": "2012-01-01", "age": 12, "age_on": "2024-06-01"}) is None
    True
    >>> stated_age({"dob": "1990-01-01", "age": 14, "age_on": "2025-02-04"})
    'age 14 (stated 2025-02-04; the date of birth 1990-01-01 gives 35 on that day)'
    """
    dob = person.get("dob")
    if person.get("age") is None or (dob and _stated_agrees(person)):
        return None
    said_on = person.get("age_on")
    when = f"stated {str(said_on)[:10]}" if said_on else "stated, undated"
    flags = person.get("flags") or ()
    if "age_from_narrative" in flags:
        when = (f"in the narrative of a report of {str(said_on)[:10]}" if said_on
                else "in a report's narrative")
    elif "age_from_name" in flags:
        when = (f"written with the name in a report of {str(said_on)[:10]}" if said_on
                else "written with the name in a report")
    now = age_of(person, as_of) if as_of else None
    if now is not None and str(now) != str(person["age"]):
        when += f"; age {now} on {str(as_of)[:10]}"
    if dob:
        then = age_on(str(dob), str(said_on)) if said_on else None
        when += (f"; the date of birth {str(dob)[:10]} gives {then} on that day"
                 if then is not None else f"; beside the date of birth {str(dob)[:10]}")
    return f"age {person['age']} ({when})"


@dataclass(frozen=True)
class Status:
    """Safeguarding facts about one person on the analysis date."""

    age: int | None
    child: bool
    victim: bool
    suspect: bool
    #: Adult now, and every victim assessment was made while they were a child.
    victim_as_child_only: bool
    victim_refs: tuple[str, ...] = field(default_factory=tuple)
    #: Why the date of birth and a stated age disagree on childness (:func:`age_conflict`).
    age_conflict: str | None = None
    #: Protected records this one, of no known age, may be (the same name, no date of birth
    #: here: :func:`~graphintel.analysis.duplicates.mark_possibly_protected`).
    same_as_protected: tuple[str, ...] = ()
    #: A victim only as a child, now an adult, every suspect assessment of whom was also
    #: made while a child: exploited into offending then, with nothing as an adult.
    offending_as_child_only: bool = False
    #: Protected records this one, of full identity, may be (a name alike with a slipped
    #: date of birth, a nominal given to both:
    #: :func:`~graphintel.analysis.duplicates.mark_recorded_apart`).
    apart_from: tuple[str, ...] = ()
    #: Of no recorded age, and a sign says they may be a child (named "Child A", living
    #: at a children's home: :mod:`~graphintel.analysis.child_signs`), in words.
    child_signs: tuple[str, ...] = ()

    @property
    def protected(self) -> bool:
        """Never a target: a child, or of no known age with a sign of one; a victim (unless
        only as a child, now an adult, and a suspect also as an adult); a record that may be
        one of them recorded apart."""
        return self.child or (self.victim and not (self.victim_as_child_only
                                                   and not self.offending_as_child_only)) \
            or bool(self.same_as_protected) or bool(self.apart_from) \
            or bool(self.child_signs)

    @property
    def exploited_into_offending(self) -> bool:
        """Protected and also assessed as a suspect."""
        return self.protected and self.suspect

    def as_dict(self) -> dict[str, Any]:
        return {"age": self.age, "child": self.child, "victim": self.victim,
                "suspect": self.suspect, "protected": self.protected,
                "victim_as_child_only": self.victim_as_child_only,
                "victim_refs": list(self.victim_refs), "age_conflict": self.age_conflict,
                "same_as_protected": list(self.same_as_protected),
                "offending_as_child_only": self.offending_as_child_only,
                "apart_from": list(self.apart_from), "child_signs": list(self.child_signs)}


def status(G: nx.Graph, node: str, as_of: str | None) -> Status:
    """Safeguarding status of ``node`` on ``as_of``.

    Uses the node's ``dob`` and ``other_dobs`` (else its stated ``age`` and ``age_on``:
    :func:`age_of`),
    ``roles`` and, when present, ``reports`` (each with ``ref``, ``date`` and the ``roles``
    that report assessed).

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("c", dob="2010-01-01", roles=["suspect"])
    >>> G.add_node("m", dob="1990-01-01", roles=["suspect", "victim"], reports=[
    ...     {"ref": "R1", "date": "2005-05-01", "roles": ["victim"]},
    ...     {"ref": "R2", "date": "2024-05-01", "roles": ["suspect"]}])
    >>> status(G, "c", "2025-01-01").protected, status(G, "m", "2025-01-01").protected
    (True, False)
    >>> status(G, "m", "2025-01-01").victim_as_child_only
    True
    >>> G.add_node("o", dob="2007-03-01", other_dobs=["2008-03-01"], roles=["suspect"])
    >>> status(G, "o", "2025-06-30").protected, status(G, "o", "2026-03-01").protected
    (True, False)
    >>> G.add_node("e", dob="2003-01-01", age=18, age_on="2019-06-01",
    ...            roles=["suspect", "victim"], reports=[
    ...     {"ref": "R3", "date": "2019-06-01", "roles": ["victim"]}])
    >>> status(G, "e", "2025-06-30").victim_as_child_only  # 18 then, says the report
    False
    >>> G.add_node("j", dob="2007-09-10", roles=["suspect", "victim"], reports=[
    ...     {"ref": "R4", "date": "2025-03-01", "roles": ["victim"]},
    ...     {"ref": "R5", "date": "2025-08-01", "roles": ["suspect"]}])
    >>> st = status(G, "j", "2025-09-10")  # 18 today; recruited others only at 17
    >>> st.victim_as_child_only, st.offending_as_child_only, st.protected
    (True, True, True)
    >>> G.add_node("k", age=12, age_on="2024-06-01", roles=["unknown"])
    >>> status(G, "k", "2025-01-01").child, status(G, "k", "2025-01-01").age
    (True, 12)
    """
    data = G.nodes[node]
    roles = set(data.get("roles") or ())
    dobs = dates_of_birth(data)
    age = age_of(data, as_of)
    child = age is not None and age < ADULT_AGE
    victim = "victim" in roles
    reports = [r for r in data.get("reports") or [] if "victim" in (r.get("roles") or ())]
    refs = tuple(sorted({str(r.get("ref")) for r in reports if r.get("ref")}))
    as_child_only = False
    if victim and not child and dobs and age is not None and reports:
        # by every recorded date of birth, and the oldest a stated age that disagrees with
        # them allows: the protection lifts only if none leaves a victim assessment in
        # their adulthood (a report that says she was 18 may be right)
        births = [*dobs, *_stated_birth(data, as_of)]
        ages = [_assessed_at(d, r.get("date")) for d in births for r in reports]
        as_child_only = all(a is not None and a < ADULT_AGE for a in ages)
    offending_as_child = False
    if as_child_only and "suspect" in roles:
        # adult offending only when a suspect assessment was made on a day every recorded
        # date of birth (and the youngest a stated age allows) makes them an adult
        births = [*dobs, *_stated_birth(data, as_of, youngest=True)]
        said = [r for r in data.get("reports") or [] if "suspect" in (r.get("roles") or ())]
        offending_as_child = not any(
            r.get("date") and all((a := age_on(d, r.get("date"))) is not None
                                  and a >= ADULT_AGE for d in births)
            for r in said)
    same_as = () if age is not None else tuple(data.get("same_as_protected") or ())
    return Status(age=age, child=child, victim=victim, suspect="suspect" in roles,
                  victim_as_child_only=as_child_only, victim_refs=refs,
                  age_conflict=age_conflict(data, as_of), same_as_protected=same_as,
                  offending_as_child_only=offending_as_child,
                  apart_from=tuple(data.get("apart_from") or ()),
                  child_signs=tuple(data.get("child_signs") or ()) if age is None else ())


#: Dates records systems write when the real one is not known (a migrated record's
#: "1900-01-01"): a victim assessment of such a date is of no known date.
PLACEHOLDER_DATES = frozenset({"1900-01-01", "1970-01-01", "1899-12-31", "1901-01-01",
                               "1753-01-01", "0001-01-01", "1800-01-01"})


def _assessed_at(dob: str, day: object) -> int | None:
    """The age on the day of an assessment, or None when the day is not known: none
    given, a placeholder date (:data:`PLACEHOLDER_DATES`), or a day before the birth (a
    date of another record, or of none).

    >>> _assessed_at("2000-05-01", "2010-05-01"), _assessed_at("1995-02-01", "1900-01-01")
    (10, None)
    >>> _assessed_at("1995-02-01", "1990-03-01"), _assessed_at("1995-02-01", None)
    (None, None)
    """
    if not day or str(day)[:10] in PLACEHOLDER_DATES:
        return None
    age = age_on(dob, str(day))
    return age if age is not None and age >= 0 else None


def possibly_child(st: Status) -> bool:
    """At risk as one who may be a child though no recorded age says so: a sign of one
    (named "Child A", looked after), possibly a protected record of the same name, or,
    unless an adult victim, possibly a child recorded apart. Counted apart from the
    children under 18 and the adult victims, so that none is called an adult victim.

    >>> possibly_child(Status(None, False, False, False, False, child_signs=("juvenile",)))
    True
    >>> possibly_child(Status(30, False, True, False, False, apart_from=("c",)))
    False
    """
    return not st.child and (bool(st.child_signs) or bool(st.same_as_protected)
                             or (bool(st.apart_from) and not st.victim))


def at_risk_counts(run: Mapping[str, Any]) -> tuple[int, int, int]:
    """A stored run's people at risk as (children under 18, adult victims, possibly
    children: :func:`possibly_child`). A run stored before the last was counted has
    them among the adult victims.

    >>> at_risk_counts({"at_risk": 6, "children": 3, "possible_children": 1})
    (3, 2, 1)
    >>> at_risk_counts({"at_risk": 6, "children": 3})
    (3, 3, 0)
    """
    children = int(run.get("children") or 0)
    possible = int(run.get("possible_children") or 0)
    return children, int(run.get("at_risk") or 0) - children - possible, possible


def at_risk_words(children: int, adults: int, possible: int) -> str:
    """The breakdown of the people at risk, in words.

    >>> at_risk_words(3, 1, 0)
    '3 children under 18, 1 adult victim'
    >>> at_risk_words(1, 0, 2)
    '1 child under 18, 0 adult victims, 2 possibly children (no recorded age says so)'
    """
    out = (f"{children:,} {'child' if children == 1 else 'children'} under 18, "
           f"{adults:,} adult {'victim' if adults == 1 else 'victims'}")
    if possible:
        out += (f", {possible:,} possibly {'a child' if possible == 1 else 'children'} "
                "(no recorded age says so)")
    return out


def protected(G: nx.Graph, as_of: str | None) -> set[str]:
    """Everyone who must never be a disruption target on ``as_of`` (see :func:`status`).

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", roles=["suspect"], dob="1980-01-01")
    >>> G.add_node("v", roles=["victim"], dob="1980-01-01")
    >>> G.add_node("k", roles=["unknown"], dob="2012-01-01")
    >>> G.add_node("s", roles=["unknown"], age=12, age_on="2024-06-01")
    >>> sorted(protected(G, "2025-01-01"))
    ['k', 's', 'v']
    """
    return {n for n in G if status(G, n, as_of).protected}
