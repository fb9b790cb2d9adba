"""People the analysis may count twice: two records the duplicate finder scores as very
likely one person, which no analyst has merged or told apart yet.

Exact identity keys (FORMATS.md) join one nominal reference, or one name with one date of
birth; a misspelt name or a slipped date of birth makes two records of one person, and the
analysis then splits that person's links and score between the two. The run lists such
pairs (:func:`possible_duplicates`) so that every output naming one of them can say so,
and the meeting does not weigh one person as two. Resolving them stays an analyst's
decision (``graphintel resolve merge`` or ``reject``).

The words of :func:`why_text` name the kinds of evidence only, never a phone number or an
address, so that they can go into a partner's version as they are.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graphintel.analysis.safeguarding import age_of, status
from graphintel.resolve.candidates import Candidate

#: The duplicate finder's score from which a pair is reported as possibly one person
#: (its precision on the synthetic ground truth is 0.99 there: BENCHMARKS.md).
DUPLICATE_MIN_SCORE = 0.9

#: The finder's rules (:func:`graphintel.resolve.candidates.score_people`) in words.
RULE_WORDS = {
    "name_dob": "names alike and the same date of birth",
    "name_near_dob": "names alike and dates of birth one slip apart",
    "name_no_dob": "the same name, one record without a date of birth",
    "name_like_no_dob": "names that sound the same, one record without a date of birth",
    "first_name_no_dob": "one record only the other's first name, without a date of birth",
    "same_nominal_ref": "one record was given the other's nominal reference",
    "phone_address": "the same phone and home address",
    "alias": "one record's alias or online handle is the other's name",
    "merged_before": "merged before and recorded again since",
}


def why_text(rules: Sequence[str]) -> str:
    """The evidence of a pair in words, without the values it rests on.

    >>> why_text(["name_dob", "phone_address"])
    'names alike and the same date of birth; the same phone and home address'
    """
    return "; ".join(RULE_WORDS.get(r, r.replace("_", " ")) for r in rules)


def possible_duplicates(candidates: Iterable[Candidate],
                        people: Container[str]) -> list[dict[str, Any]]:
    """The candidate pairs whose two records are both among ``people`` (the analysed
    graph's), as the result document keeps them: ``a`` and ``b`` (uids, ``a`` < ``b``),
    ``score`` and ``rules``, with ``why`` in words; highest score first, then by uids.

    >>> c = Candidate("person", "p1", "p2", "Jo SMITH", "Jo SMYTH", 0.97, ("name_dob",), ())
    >>> possible_duplicates([c], {"p1", "p2"})[0]["why"]
    'names alike and the same date of birth'
    >>> possible_duplicates([c], {"p1"})
    []
    """
    rows = [{"a": c.a, "b": c.b, "score": c.score, "rules": list(c.rules),
             "why": why_text(c.rules)}
            for c in candidates if c.kind == "person" and c.a in people and c.b in people]
    return sorted(rows, key=lambda r: (-r["score"], r["a"], r["b"]))


#: How likely, at the least, a record of no known age must be to be one of the children or
#: victims it pairs with for :func:`mark_possibly_protected` to safeguard it: the sum of its
#: pairs' scores with them (a score is divided among the people a name could be, so the
#: sum over the protected ones is the chance it is one of them; the same name with no date
#: of birth scores 0.7 beside one dated namesake).
NAMESAKE_MIN_SCORE = 0.2
#: The lowest score of a pair read for :func:`mark_possibly_protected` (a name shared by
#: many people gives each pair a small share; the shares add up).
NAMESAKE_READ_SCORE = 0.02

#: The lowest score of a pair with a child or victim at risk for which the other record, an
#: adult suspect, is cautioned and held back from greedy picks (a slipped year of birth,
#: 2010 written 2000, scores 0.8 with the same name: below :data:`DUPLICATE_MIN_SCORE`).
SAFEGUARDING_MIN_SCORE = 0.5

#: The finder's rules by which a record of no known age may be a protected person recorded
#: apart: the same name with no date of birth on one record (or a name sounding the same,
#: or only the first name), or one's alias or handle the other's name.
NAMESAKE_RULES = frozenset({"name_no_dob", "name_like_no_dob", "first_name_no_dob", "alias",
                            "same_nominal_ref"})
#: Rules too weak to caution a record of full identity as a child recorded apart: a lone
#: first name (a victim known only as "Scott" is not every adult Scott).
WEAK_RULES = frozenset({"first_name_no_dob"})


def mark_possibly_protected(G: nx.Graph, candidates: Iterable[Candidate],
                            as_of: str | None,
                            outside: Mapping[str, dict[str, Any]] | None = None
                            ) -> dict[str, list[str]]:
    """Mark, on ``G``, every record of no known age (no date of birth, no stated age) that
    may be a child or victim recorded apart (a candidate pair by :data:`NAMESAKE_RULES`
    with a protected record, at any score the finder gives): ``same_as_protected`` holds
    the protected records, and :func:`~graphintel.analysis.safeguarding.status` then
    protects it until an analyst resolves the pair (``graphintel resolve merge`` or
    ``reject``; a rejected pair is never a candidate). Safeguarding first: a child recorded
    once by a nominal reference alone must not be ranked under that record. ``outside``
    holds the people the analysis left out (mentioned only after its date, as
    :attr:`~.projection.Projection.outside`): a child or victim among them protects a record
    in ``G`` too, since who is a child does not depend on when it was written down.
    ``same_as_names`` on the record holds the protected records' names. Returns the marks
    (uid -> protected uids).

    >>> G = nx.Graph()
    >>> G.add_node("n1", name="Jade BROWN", roles=["suspect"])
    >>> G.add_node("p1", name="Jade BROWN", dob="2009-09-09", roles=["victim"])
    >>> c = Candidate("person", "n1", "p1", "Jade BROWN", "Jade BROWN", 0.7, ("name_no_dob",), ())
    >>> mark_possibly_protected(G, [c], "2025-06-30")
    {'n1': ['p1']}
    """
    apart = nx.Graph()
    apart.add_nodes_from((uid, data) for uid, data in (outside or {}).items() if uid not in G)
    found: dict[str, list[str]] = {}
    chance: dict[str, float] = {}
    for c in candidates:
        if c.kind != "person" or not NAMESAKE_RULES & set(c.rules):
            continue
        for uid, other in ((c.a, c.b), (c.b, c.a)):
            where = G if other in G else apart if other in apart else None
            if uid in G and where is not None and age_of(G.nodes[uid], as_of) is None \
                    and not status(G, uid, as_of).protected \
                    and status(where, other, as_of).protected:
                found.setdefault(uid, []).append(other)
                chance[uid] = chance.get(uid, 0.0) + c.score
    marks = {uid: others for uid, others in found.items()
             if chance[uid] >= NAMESAKE_MIN_SCORE - 1e-9}
    for uid, others in marks.items():
        marks[uid] = sorted(set(others))
        G.nodes[uid]["same_as_protected"] = marks[uid]
        G.nodes[uid]["same_as_names"] = {
            o: str((G.nodes[o] if o in G else apart.nodes[o]).get("name") or o)
            for o in marks[uid]}
    return marks


#: Rules on which a pair from :data:`SAFEGUARDING_MIN_SCORE` makes a record of full
#: identity protected as a child or victim recorded apart (:func:`mark_recorded_apart`):
#: a name alike with a date of birth the same or one slip apart, a namesake without one,
#: a nominal reference given to both, an alias, a merge undone. A phone and home shared
#: alone is what a household shares: that pair cautions, it does not protect (a father
#: living with his daughter is not her).
APART_RULES = frozenset({"name_dob", "name_near_dob", "name_no_dob", "name_like_no_dob",
                         "same_nominal_ref", "alias", "merged_before"})


def mark_recorded_apart(G: nx.Graph, candidates: Iterable[Candidate],
                        as_of: str | None) -> dict[str, list[str]]:
    """Mark, on ``G``, every record not protected itself that may be a protected one (a
    child or victim) recorded apart, by a pair from :data:`SAFEGUARDING_MIN_SCORE` on one
    of :data:`APART_RULES` (a slipped year of birth makes a child look like an adult; a
    nominal typed on the wrong record splits one girl in two): ``apart_from`` holds the
    protected records and ``apart_why`` the evidence in words, and
    :func:`~graphintel.analysis.safeguarding.status` then protects it (safeguarding list,
    never a target, a greedy pick or a tactic's subject) until an analyst resolves the
    pair. Run after :func:`mark_possibly_protected`. Returns the marks.

    >>> G = nx.Graph()
    >>> G.add_node("a", name="Clo MARTIN", dob="2005-05-20", roles=["suspect"])
    >>> G.add_node("c", name="Chloe MARTIN", dob="2009-05-20", roles=["victim"])
    >>> c = Candidate("person", "a", "c", "Clo MARTIN", "Chloe MARTIN", 0.96,
    ...               ("name_near_dob", "phone_address"), ())
    >>> mark_recorded_apart(G, [c], "2025-12-01"), G.nodes["a"]["apart_why"]["c"]
    ({'a': ['c']}, 'names alike and dates of birth one slip apart; the same phone and home address')
    """
    pairs = [c for c in caution_pairs(candidates) if APART_RULES & set(c.rules)]
    shielded = {n for n in G if status(G, n, as_of).protected}
    apart = recorded_apart(possible_duplicates(pairs, G), shielded)
    for uid, found in apart.items():
        others = sorted({d["b"] if d["a"] == uid else d["a"] for d in found})
        G.nodes[uid]["apart_from"] = others
        G.nodes[uid]["apart_why"] = {(d["b"] if d["a"] == uid else d["a"]): d["why"]
                                     for d in found}
    return {uid: G.nodes[uid]["apart_from"] for uid in sorted(apart)}


def caution_pairs(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The pairs from :data:`SAFEGUARDING_MIN_SCORE` on which a record is cautioned as
    possibly a child or victim recorded apart (:func:`recorded_apart`): not those resting
    only on :data:`WEAK_RULES`.

    >>> from dataclasses import replace
    >>> weak = Candidate("person", "p1", "p2", "Scott", "Scott DOYLE", 0.6,
    ...                  ("first_name_no_dob",), ())
    >>> caution_pairs([weak]), len(caution_pairs([replace(weak, rules=("name_no_dob",))]))
    ([], 1)
    """
    return [c for c in candidates
            if c.score >= SAFEGUARDING_MIN_SCORE and set(c.rules) - WEAK_RULES]


def other_records(duplicates: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Each record of a pair with the other records that may be the same person.

    >>> other_records([{"a": "p1", "b": "p2"}, {"a": "p1", "b": "p3"}])
    {'p1': ['p2', 'p3'], 'p2': ['p1'], 'p3': ['p1']}
    """
    out: dict[str, list[str]] = {}
    for d in duplicates:
        out.setdefault(d["a"], []).append(d["b"])
        out.setdefault(d["b"], []).append(d["a"])
    return out


def recorded_apart(duplicates: Iterable[dict[str, Any]],
                   protected: Container[str]) -> dict[str, list[dict[str, Any]]]:
    """The records that are not protected but may be the same person as one that is (a
    child or a victim recorded apart: a slipped year of birth can make a child look like
    an adult), each with the pairs that say so.

    >>> pair = {"a": "p1", "b": "p2", "score": 0.97, "rules": ["name_near_dob"], "why": ""}
    >>> list(recorded_apart([pair], {"p2"}))
    ['p1']
    >>> recorded_apart([pair], {"p1", "p2"})
    {}
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for d in duplicates:
        for uid, other in ((d["a"], d["b"]), (d["b"], d["a"])):
            if other in protected and uid not in protected:
                out.setdefault(uid, []).append(d)
    return out


__all__ = ["APART_RULES", "DUPLICATE_MIN_SCORE", "NAMESAKE_MIN_SCORE", "NAMESAKE_READ_SCORE",
           "NAMESAKE_RULES", "RULE_WORDS", "SAFEGUARDING_MIN_SCORE", "WEAK_RULES",
           "caution_pairs", "mark_possibly_protected", "mark_recorded_apart", "other_records",
           "possible_duplicates", "recorded_apart", "why_text"]
