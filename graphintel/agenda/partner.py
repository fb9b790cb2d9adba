"""The partner agenda's standing: which of the run's targets, links, reasons and
safeguarding entries partners may be given (:mod:`graphintel.redact_standing`).

:func:`read_standing` reads what that needs with the rest of the agenda's source (partner
only); :func:`partner_doc` gives the run's result document, and the run it is compared
with, as partners may see them, before any section is built: a candidate target whom no
shareable report assesses as a suspect is not in it at all (so no section, table, picture,
action or comparison can show them as one), and every other target's links to children and
reasons rest on shareable reports only. The internal agenda never comes here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphintel.agenda.facts import Facts
from graphintel.redact import Redactor
from graphintel.redact_standing import (
    Standing,
    add_pairs,
    pairs_wanted,
    partner_link,
    partner_targets,
    read_handling,
    read_pair_rows,
    read_people,
    target_reads,
)
from graphintel.store import Store

_REFS = re.compile(r"\((?P<refs>[A-Za-z0-9/_:.#\- ]+(?:, [A-Za-z0-9/_:.#\- ]+)*)\)")
_CONTACT = re.compile(r"^in direct contact with \d[\d,]* adult suspects?$")
#: Safeguarding reasons that cite reports: shown only with the shareable ones.
_CITING = ("assessed as a victim only in intelligence graded as suspected false (",
           "recorded as exploited by another person (")


def members_of(doc: Mapping[str, Any]) -> dict[int, list[str]]:
    """Network id -> the uids of its members."""
    return {int(c["id"]): [str(m["uid"]) for m in c["members"]]
            for c in doc.get("communities") or []}


def read_standing(store: Store, doc: Mapping[str, Any], prev: Mapping[str, Any] | None,
                  people: Iterable[str]) -> Standing:
    """What :func:`partner_doc` needs: the roles of ``people`` (everyone the agenda may
    name) and of the targets of both runs, the members of the targets' networks, the
    evidence of every target's and safeguarding entry's links, and the reports cited.

    Everyone is read in one query, and every pair in another beside it (what is read of a
    person or a pair does not depend on what else is read)."""
    standing = Standing()
    entries = doc.get("safeguarding") or []
    uids, pairs, refs = target_reads(doc.get("targets") or [], members_of(doc))
    uids |= {*people, *(str(t["uid"]) for t in (prev or {}).get("targets") or []),
             *(str(s["uid"]) for s in entries),
             *(str(a["uid"]) for s in entries for a in s.get("adults_around") or [])}
    pairs |= {(str(h["from"]), str(h["to"])) for s in entries
              for a in s.get("adults_around") or [] for h in a.get("evidence") or []}
    refs |= {ref for s in entries for reason in s.get("reasons") or []
             if reason.startswith(_CITING) for ref in _cited(reason)}
    wanted = pairs_wanted(standing, pairs)
    with ThreadPoolExecutor(1) as pool:
        rows = pool.submit(read_pair_rows, store, wanted)
        read_people(store, standing, uids)
        add_pairs(store, standing, wanted, rows.result())
    read_handling(store, standing, refs)
    return standing


def _cited(reason: str) -> list[str]:
    found = _REFS.search(reason)
    return [r.strip() for r in found.group("refs").split(",")] if found else []


def partner_safeguarding(entries: Sequence[Mapping[str, Any]], standing: Standing
                         ) -> list[dict[str, Any]]:
    """The run's safeguarding list as partners may see it: an entry says the child or
    victim is also assessed as a suspect, so it is given only when a shareable report says
    so; the adults around them only by shareable evidence of contact; a reason citing
    reports only with the shareable ones (left out when none is)."""
    out = []
    for s in entries:
        uid = str(s["uid"])
        if not standing.suspect(uid):
            continue
        adults = [a for a in s.get("adults_around") or []
                  if standing.suspect(str(a["uid"]))
                  and (kept := partner_link(a, standing)) is not None and kept["contact"]]
        reasons = []
        for reason in s.get("reasons") or []:
            if _CONTACT.match(reason):
                if adults:
                    n = len(adults)
                    reasons.append(f"in direct contact with {n:,} adult suspect"
                                   f"{'' if n == 1 else 's'}")
                continue
            if reason.startswith(_CITING):
                refs = [r for r in _cited(reason) if standing.shareable(r)]
                if not refs:
                    continue
                reason = _REFS.sub(f"({', '.join(refs)})", reason, count=1)
            reasons.append(reason)
        out.append({**s, "roles": standing.shown_roles(uid), "reasons": reasons,
                    "adults_around": [partner_link(a, standing) for a in adults]})
    return out


def partner_doc(doc: dict[str, Any], prev: dict[str, Any] | None, standing: Standing,
                redactor: Redactor) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The run (and ``prev``) as partners may see it (see the module docstring); the
    targets withheld and those shown with reasons left out are told to ``redactor`` for its
    withheld note."""
    run = doc["run"]
    shown = partner_targets(doc["targets"], standing, members=members_of(doc),
                            k=int(run.get("k") or 2), as_of=redactor.as_of,
                            recent_days=int((run.get("params") or {}).get("recent_days", 90)))
    redactor.withheld_targets.update(shown.withheld)
    redactor.reasons_cut.update(str(t["uid"]) for t in shown.shown if t["reasons_cut"])
    out = {**doc, "targets": shown.shown,
           "safeguarding": partner_safeguarding(doc.get("safeguarding") or [], standing)}
    if prev is not None:
        prev = {**prev, "targets": [t for t in prev["targets"]
                                    if standing.suspect(str(t["uid"]))]}
    return out, prev


def without_hidden(facts: Facts, redactor: Redactor) -> Facts:
    """``facts`` without the places, phones and accounts a partner output leaves out
    altogether (:meth:`Redactor.hidden`: a child's only by intelligence partners may not
    see): no one's tie to them, no call on such a phone, no sighting or missing episode at
    such a place (the redactor counts them for its withheld note). ``facts`` itself is
    not changed (the internal agenda may be built from it too)."""
    def keep(uid: object) -> bool:
        return uid is None or not redactor.hidden(str(uid))

    ties = {u: [t for t in rows if keep(t["entity"])] for u, rows in facts.ties.items()}
    episodes = {u: [{**e, **{part: [x for x in e[part] if keep(x["uid"])]
                             for part in ("found_at", "missing_from")}} for e in rows]
                for u, rows in facts.episodes.items()}
    reads = {v: [r for r in rows if keep(r.get("location"))] for v, rows in facts.reads.items()}
    calls = {p: [c for c in rows if keep(c.get("other"))]
             for p, rows in facts.calls.items() if keep(p)}
    new_links = [row for row in facts.new_links
                 if row["label"] == "Person" or keep(row["b"])]
    return dataclasses.replace(facts, ties=ties, episodes=episodes, reads=reads, calls=calls,
                               new_links=new_links)


__all__ = ["members_of", "partner_doc", "partner_safeguarding", "read_standing",
           "without_hidden"]
