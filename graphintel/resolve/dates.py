"""An analyst's decision on which of a person's recorded dates of birth is theirs.

Reports that disagree on a date of birth leave every date on the person (``dob`` and
``other_dobs``, flagged ``dob_conflict``) and the child test takes the youngest
(:func:`graphintel.analysis.safeguarding.age_of`), so a possible child is safeguarded
until someone checks. :func:`settle_dob` records that check: the date kept becomes ``dob``,
the others are set aside (``set_aside_dobs``, out of the child test and not taken as new
when a report repeats one), and so is a stated age (``set_aside_ages``: a stated age is
what reports say until a date of birth is checked), with a ``MergeDecision`` of kind
``dob`` saying who, when and why. Choosing another recorded date later (one set aside
included) settles it again.
"""

from __future__ import annotations

import re

from graphintel import model
from graphintel.errors import GraphintelError
from graphintel.resolve.decisions import Decision
from graphintel.resolve.records import (
    EntityRef,
    lock_entities,
    new_id,
    now,
    record_decision,
    require_present,
)
from graphintel.store import Store, Tx

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def settle_dob(store: Store, person_ref: str, keep: str, *, reason: str,
               user: str) -> Decision:
    """Keep ``keep`` (ISO, one of the dates recorded for the person) as the person's date
    of birth, setting the others aside; the decision's ``detail`` lists them (``aside``).

    Raises :class:`~graphintel.errors.GraphintelError` when the reason is empty, the
    entity is not a person, or ``keep`` is not a date recorded for them."""
    why = reason.strip()
    if not why:
        raise GraphintelError("a decision on a date of birth needs a reason", "--reason",
                              "say what was checked (e.g. 'custody record, DVLA')")
    day = keep.strip()
    if not _ISO.fullmatch(day):
        raise GraphintelError(f"not a date: {keep!r}", "DATE", "write it as YYYY-MM-DD")
    person = EntityRef.find(store, person_ref)
    if person.label != model.PERSON:
        raise GraphintelError(f"{person_ref!r} is a {person.label}, not a person", None,
                              "give a person's uid or nominal reference")
    decision_id = new_id("dob")

    def work(tx: Tx) -> Decision:
        require_present(tx, [person.uid], lock_entities(tx, [person.uid]))
        row = tx.run("resolve_settle_dob", uid=person.uid, keep=day)[0]
        recorded = [str(x) for x in row["recorded"] or []]
        if day not in recorded:  # the query changed nothing
            raise GraphintelError(
                f"{day} is not a date of birth recorded for {person.name} ({person.uid})",
                "DATE", f"choose one of {', '.join(dict.fromkeys(recorded)) or 'none'}; a "
                "new date comes from a report, so that it has a source")
        aside = [str(x) for x in row["aside"] or []]
        ages = [str(x).replace("|", " stated ").rstrip() for x in row["ages_aside"] or []]
        record_decision(tx, {
            "id": decision_id, "kind": "dob", "a_uid": person.uid, "b_uid": person.uid,
            "a_label": person.name, "b_label": day, "entity": person.label,
            "reason": why, "user": user, "at": now(), "status": "applied",
            "kept_values": [f"dob {day}"],
            "conflicts": [f"set aside {d}" for d in aside] + [f"set aside age {a}" for a in ages]})
        return Decision(decision_id, "dob", person.uid, person.uid,
                        {"dob": day, "aside": list(aside), "ages_aside": ages, "reason": why})

    result, _ = store.write_tx(work)
    return result


__all__ = ["settle_dob"]
