"""What speaks against merging two people, and which of their values a merge keeps.

A merge is the analyst's call, but a mistaken one can hide a child inside an adult
suspect (the analysis then safeguards the suspect and the child disappears). So before
two people are merged :func:`person_conflicts` looks for what says they are two: dates of
birth that differ by more than a slip of the pen, a child and an adult (on the latest
analysis run's date or today: :func:`latest_analysis_date`), different
genders, different nominal references, a pair the duplicate finder would not propose, a
pair an analyst recorded as different. Any of these stops the merge
(:class:`MergeConflicts`) unless the analyst names it as accepted (``--despite``); the
decision then records the conflicts accepted. :func:`kept_values` says, for the record
and the analyst, which value the merge kept where the two disagree and where the other
went.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from graphintel.analysis.safeguarding import age_of, dates_of_birth
from graphintel.analysis.safeguarding import age_on as years_on
from graphintel.clean.nominal import nominal_key
from graphintel.errors import GraphintelError
from graphintel.resolve.similarity import date_relation, parse_date

if TYPE_CHECKING:
    from graphintel.store import Tx

#: Every kind of conflict, as named to ``--despite``.
CODES = ("dob", "child_adult", "gender", "nominal_ref", "not_candidate", "rejected")
#: Age (years, by date of birth) from which a person is an adult.
ADULT_AGE = 18
#: Score from which the duplicate finder proposes a pair (the candidates' default).
CANDIDATE_MIN = 0.5
#: Scalar person properties whose disagreement :func:`kept_values` reports, with where the
#: merge keeps A's value (None: only in the decision's snapshot).
_KEPT_IN = {"name": "aliases", "dob": "other_dobs", "nominal_ref": "other_nominal_refs",
            "gender": None, "age": None, "stated_age": None}


@dataclass(frozen=True)
class Conflict:
    """One reason to think A and B are two people: its code and what it is, in words."""

    code: str
    text: str

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class MergeConflicts(GraphintelError):
    """A merge refused because the two records conflict; ``conflicts`` lists them all."""

    def __init__(self, a_uid: str, b_uid: str, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        codes = ",".join(dict.fromkeys(c.code for c in conflicts))
        listed = "; ".join(str(c) for c in conflicts)
        super().__init__(
            f"{a_uid} and {b_uid} may be two people, not merged: {listed}", a_uid,
            f"check them first; if they are one person all the same, merge again with "
            f"--despite {codes} (the conflicts are then recorded with the decision)")


def parse_despite(values: Collection[str] | str | None) -> set[str]:
    """The conflict codes an analyst accepts (``"dob,gender"``, a list, or both mixed);
    an unknown code is an error, so a typo never lets a conflict through unseen."""
    if values is None:
        return set()
    items = [values] if isinstance(values, str) else list(values)
    codes = {c.strip().replace("-", "_") for v in items for c in v.split(",") if c.strip()}
    unknown = sorted(codes - set(CODES))
    if unknown:
        raise GraphintelError(f"unknown conflict {', '.join(map(repr, unknown))}", "--despite",
                              f"name conflicts among {', '.join(CODES)}")
    return codes


def _gender(value: Any) -> str | None:
    text = str(value or "").strip().lower()
    if not text or text in ("u", "unknown", "not known", "x"):
        return None
    if text in ("m", "male", "man", "boy"):
        return "m"
    if text in ("f", "female", "woman", "girl"):
        return "f"
    return text


def age_on(dob: date, today: date) -> int:
    """Whole years from ``dob`` to ``today``."""
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def latest_analysis_date(tx: Tx) -> date | None:
    """The analysis date (``as_of``) of the latest complete analysis run, None without one.

    The ranking, the agenda and ``disrupt`` (which defaults to this day) decide who is a
    child on that day, so a merge must not join a child of that day to an adult even when
    the child has turned 18 since (:func:`person_conflicts`).
    """
    runs = tx.run("analysis_runs", all=False)
    day = str(runs[0].get("as_of") or "")[:10] if runs else ""
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:
        return None


def _age_basis(person: dict[str, Any], day: str, age: int) -> str:
    """What gives ``person`` ``age`` on ``day``, in words: the date of birth that does
    (the youngest of those recorded), else the stated age."""
    for dob in sorted(dates_of_birth(person), reverse=True):
        if years_on(dob, day) == age:
            return f"by date of birth {dob}"
    return f"by an age of {person.get('age')} stated {person.get('age_on') or 'undated'}"


def _child_adult(a: dict[str, Any], b: dict[str, Any],
                 days: list[tuple[date, str]]) -> Conflict | None:
    """A child and an adult on one of ``days`` (each with how it is named), by the rule of
    the analysis (:func:`graphintel.analysis.safeguarding.age_of`: every recorded date of
    birth, else a stated age; the younger counts)."""
    for day, named in days:
        on = day.isoformat()
        ages = age_of(a, on), age_of(b, on)
        if ages[0] is None or ages[1] is None:
            signed = _signed_child(("A", a, ages[0]), ("B", b, ages[1]), on, named)
            if signed is not None:
                return signed
            continue
        if (ages[0] < ADULT_AGE) == (ages[1] < ADULT_AGE):
            continue
        child, adult = (("A", a, ages[0]), ("B", b, ages[1])) if ages[0] < ADULT_AGE \
            else (("B", b, ages[1]), ("A", a, ages[0]))
        return Conflict(
            "child_adult", f"{child[0]} ({child[1].get('name')}) is a child of {child[2]} "
                           f"{_age_basis(child[1], on, child[2])}, {adult[0]} "
                           f"({adult[1].get('name')}) an adult of {adult[2]}, on {on} "
                           f"({named})")
    return None


#: Flags of a record of no recorded age that a report shows to be a child ("a juvenile",
#: looked after): the analysis safeguards such a record as a child (graphintel.ingest).
CHILD_SIGNS = ("called_a_child", "looked_after_child")


def _signed_child(x: tuple[str, dict[str, Any], int | None],
                  y: tuple[str, dict[str, Any], int | None], on: str,
                  named: str) -> Conflict | None:
    """A record of no recorded age that reports call a child, and an adult by age: merged,
    the adult's date of birth would make the child an adult target."""
    for (c, child, age), (o, adult, years) in ((x, y), (y, x)):
        signs = [f for f in child.get("flags") or () if f in CHILD_SIGNS]
        if age is None and signs and years is not None and years >= ADULT_AGE:
            return Conflict(
                "child_adult", f"{c} ({child.get('name')}) has no recorded age and is "
                               f"recorded as a child ({', '.join(signs)}), {o} "
                               f"({adult.get('name')}) an adult of {years}, on {on} ({named})")
    return None


def _candidate_row(snap: dict[str, Any]) -> dict[str, Any]:
    """What the duplicate finder compares of a person, from a merge snapshot."""
    p = snap["props"]

    def ends(kind: str, label: str) -> list[str]:
        return [str(r["other_uid"]) for r in snap["rels"]
                if r["out"] and r["type"] == kind
                and str(r.get("other_uid") or "").startswith(f"{label}:")]

    return {"uid": p["uid"], "name": p.get("name"), "name_key": p.get("name_key"),
            "dob": p.get("dob"), "nominal_ref": p.get("nominal_ref"),
            "aliases": p.get("aliases") or [], "merged_uids": p.get("merged_uids") or [],
            "phones": ends("USES", "Phone"), "homes": ends("LIVES_AT", "Location")}


def pair_score(sa: dict[str, Any], sb: dict[str, Any]) -> tuple[float, tuple[str, ...]]:
    """The duplicate finder's score and evidence for two person snapshots (0 when no rule
    fires), as :func:`graphintel.resolve.candidates.score_people` gives them."""
    from graphintel.resolve.candidates import _Counts, _Person, score_people

    p, q = _Person.of(_candidate_row(sa)), _Person.of(_candidate_row(sb))
    counts = _Counts(Counter((p.key, q.key)), Counter([*p.alias_keys, *q.alias_keys]))
    found = score_people(p, q, counts)
    return (found.score, found.evidence) if found else (0.0, ())


def person_conflicts(sa: dict[str, Any], sb: dict[str, Any], *,
                     rejected: dict[str, Any] | None = None,
                     today: date | None = None,
                     analysis_date: date | None = None) -> list[Conflict]:
    """Every conflict between two person snapshots (A merged away, B kept).

    ``rejected`` is the reject decision in force for the pair, if any. A child and an adult
    conflict when one is a child and the other an adult on ``analysis_date`` (the latest
    analysis run's, :func:`latest_analysis_date`) or on ``today``: a person who was 17 on
    the day the ranking measured ages is a child there, even if 18 now. Every recorded
    date of birth (``other_dobs`` too) and a stated age count, the younger first, as in
    the analysis.
    """
    a, b = sa["props"], sb["props"]
    today = today or date.today()
    out: list[Conflict] = []
    da, db = parse_date(a.get("dob")), parse_date(b.get("dob"))
    rel, how = date_relation(da, db)
    if rel == "differ":
        out.append(Conflict("dob", f"dates of birth differ ({a.get('dob')} / {b.get('dob')}) "
                                   "by more than a slip (day and month swapped, one digit, "
                                   "two digits transposed, one day)"))
    days = [(analysis_date, "the latest analysis run's date")] if analysis_date else []
    if today != analysis_date:
        days.append((today, "today"))
    child_adult = _child_adult(a, b, days)
    if child_adult:
        out.append(child_adult)
    ga, gb = _gender(a.get("gender")), _gender(b.get("gender"))
    if ga and gb and ga != gb:
        out.append(Conflict("gender", f"genders differ ({a.get('gender')} / "
                                      f"{b.get('gender')})"))
    ra, rb = a.get("nominal_ref"), b.get("nominal_ref")
    if ra and rb and nominal_key(ra) != nominal_key(rb):
        out.append(Conflict("nominal_ref", f"different nominal references ({ra} / {rb})"))
    score, _ = pair_score(sa, sb)
    if score < CANDIDATE_MIN:
        out.append(Conflict("not_candidate",
                            "the duplicate finder does not propose this pair "
                            f"(score {score:.3f}, below {CANDIDATE_MIN})"))
    if rejected:
        out.append(Conflict("rejected", f"recorded as different by decision {rejected['id']} "
                                        f"({rejected.get('user')}: "
                                        f"{rejected.get('reason') or 'no reason given'})"))
    return out


def younger_stated(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether A's stated age (``age`` on ``age_on``, an undated one taken as of today)
    makes the person younger than B's: the merge keeps the younger, as the analysis does
    where records disagree, so merging a child's record into an adult's never loses the
    age that protects her.

    >>> younger_stated({"age": 15, "age_on": "2025-03-01"}, {"age": 19, "age_on": "2025-03-10"})
    True
    >>> younger_stated({"age": 15, "age_on": "2019-03-01"}, {"age": 19})
    False
    >>> younger_stated({"age": 15}, {})
    False
    """
    def born(p: dict[str, Any]) -> float | None:
        try:
            age = int(p["age"])
        except (KeyError, TypeError, ValueError):
            return None
        on = parse_date(str(p.get("age_on") or "")) or date.today()
        return on.year + (on.timetuple().tm_yday - 1) / 366 - age

    ba, bb = born(a), born(b)
    return ba is not None and bb is not None and ba > bb


def kept_values(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Where A's and B's values disagree, which one the merge keeps (B's, but the younger
    stated age: :func:`younger_stated`) and where the other went: ``kept dob 1988-04-03 of
    B; A's 1988-03-04 kept in other_dobs``."""
    out = []
    for key, where in _KEPT_IN.items():
        va, vb = a.get(key), b.get(key)
        if va is None or vb is None or va == vb:
            continue
        went = f"kept in {where}" if where else "kept only in the decision's snapshot"
        if key == "age" and younger_stated(a, b):
            out.append(f"kept age {va} of A (the younger); B's {vb} {went}")
        else:
            out.append(f"kept {key} {vb} of B; A's {va} {went}")
    return out


__all__ = ["CODES", "Conflict", "MergeConflicts", "age_on", "kept_values",
           "latest_analysis_date", "pair_score", "parse_despite", "person_conflicts",
           "younger_stated"]
