"""Refuse agreed wording that puts an enforcement step against a child or victim.

A chair may agree an action in words of their own (``graphintel actions decide --text``,
the workspace's meeting view). The agenda prints the wording as agreed and chases it as an
action, so wording that arrests, seizes from, warns or prosecutes a person graphintel
safeguards (a child or victim by the graph as it is now, or by the run's own inference)
would make a child the subject of an enforcement step in the meeting's record. Such
wording is refused with what to do instead: an action about the adults alone, and the
child's safeguarding as an action of its own. Wording that names a child as the object of
an enforcement step ("Arrest Dean FOX and Amy HILL", "Youth caution for Amy HILL", "Amy
HILL to be charged") is refused too, whatever item it is agreed on; wording that names her
for her own protection ("a CAWN on Dean FOX in respect of Amy HILL") is not.
"""

from __future__ import annotations

import re

from graphintel.agenda.enforcement_words import (
    ENFORCE_VERB,
    NOT_OBJECT,
    PASSIVE,
    TACTIC_NOUN,
    enforcement_in,
)
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.errors import InputError
from graphintel.redact import Redactor, born_after, load_key
from graphintel.redact_forms import NAME_WITHHELD
from graphintel.store import Store

__all__ = ["against_named", "check_wording"]

def against_named(redactor: Redactor, text: str) -> bool:
    """Whether ``text`` names a child or victim ``redactor`` knows as the object of an
    enforcement step: right after its verb ("Arrest Dean FOX and Amy HILL", "Charge Amy HILL
    with", "Confiscate Amy HILL's phone"), after an order's name ("Youth caution for Amy
    HILL"), or before a passive one ("Amy HILL to be charged"). A child named for her own
    protection ("a CAWN on Dean FOX in respect of Amy HILL", "search for missing Amy HILL",
    "arrest Dean FOX; Amy HILL's mother informed") is not."""
    scrubbed = redactor.scrub(text)
    if scrubbed == text:
        return False
    marks = sorted({m for m in (*redactor.codes(), NAME_WITHHELD)
                    if m in scrubbed and m not in text}, key=len, reverse=True)
    if not marks:
        return False
    who = "(?:" + "|".join(re.escape(m) for m in marks) + ")"
    tries = (
        rf"\b{ENFORCE_VERB}\w*(?:\s+(?!{NOT_OBJECT}\b)[\w'-]+){{0,3}}?\s+{who}",
        rf"\b{TACTIC_NOUN}s?\s+(?:for|against|on|to)\s+{who}",
        rf"{who}(?:['\u2019]s)?\s+(?:is\s+|are\s+)?to\s+be\s+{PASSIVE}",
    )
    return any(re.search(t, scrubbed, re.IGNORECASE) for t in tries)


def check_wording(store: Store, settings: Settings, run_id: str, key: str, text: str, *,
                  where: str = "--text") -> None:
    """Raise :class:`~graphintel.errors.InputError` when ``text`` (agreed wording for the
    agenda item ``key`` of run ``run_id``) has an enforcement step
    (:func:`~graphintel.agenda.enforcement_words.enforcement_in`) and the item is about a
    person graphintel safeguards, or the wording names one (their name or alias in any
    form, date of birth, reference, phone or handle: the partner profile's scrub)."""
    words = enforcement_in(text)
    if not words:
        return
    run = load_run(store, run_id, parts=["run"])["run"]
    as_of = run.get("as_of")
    inferred = sorted({str(u) for u in run.get("safeguarded_inferred") or []})
    rows = store.read("protected_people", born_after=born_after(as_of), safeguarded=inferred)
    redactor = Redactor("partner", load_key(settings.home), as_of)
    redactor.safeguarded = frozenset(inferred)
    redactor.register_people(rows)
    protected = {str(r["uid"]): r for r in rows if redactor.is_child(r)}
    # a key names its people by uid after its kind ("target|<uid>"); a uid may hold "|"
    subjects = [u for u in sorted(protected) if re.search(rf"\|{re.escape(u)}(?:\||$)", key)]
    if not subjects and not against_named(redactor, text):
        return
    who = (f"{protected[subjects[0]].get('name') or 'the person'}, whom graphintel "
           "safeguards as a child or victim" if subjects
           else "a child or victim graphintel safeguards, named as its object")
    raise InputError(
        f"the wording puts an enforcement step ({', '.join(dict.fromkeys(words))}) against "
        f"{who}", where,
        "word the action about the adults only, without the child's name (a child or victim "
        "is never the subject of an enforcement step); record the child's safeguarding as an "
        "action of its own, or reject the proposal")
