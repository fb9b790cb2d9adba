"""The identity keys a person mention gives, and how they become people (FORMATS.md)."""

from __future__ import annotations

__all__ = ["person_keys"]


def person_keys(nominal: str | None, key_name: str, dob: str | None,
                source_key: str | None = None) -> list[str]:
    """The identity keys a person mention gives, the one its uid is made of first.

    How the keys of mentions become people (``cypher/ingest/resolve_persons.cypher``):

    - Each key names one person. Mentions that share a key are one person, whatever the
      order of the reports, the files, the batches, or loads running at the same time.
    - A mention with a nominal reference and a name + date of birth joins the two: a person
      known so far only by that name + dob (no nominal reference) is that nominal's person.
      When both already exist as two people (one from a report with the nominal alone, one
      from a report with the name + dob alone), the second is merged into the first at load
      time (its links, mentions, roles and aliases move; its uid is kept in
      ``merged_uids``), and the name + dob key moves with it. So is a person known so far
      only by that name + dob when the mention is the first to give a nominal: the
      nominal's person is created and the record merged into it, so the uid is the
      nominal's (``Person:ref:...``) whichever report came first. A nominal with a second
      name + dob (another spelling, a corrected dob) gains that key too, when free.
    - Conflict: the same name + dob given with two different nominal references is two
      people. The name + dob key stays with the person it named first (so a later mention
      with that name + dob and no nominal joins that person); the other person still
      carries the name + dob (``name_dob``) and the candidate search proposes the pair for
      an analyst to review ("different nominal references"). A pair an analyst rejected is
      never merged by a load either.
    - A clash: the nominal's person has no date of birth (``dob`` or ``other_dobs``) less
      than two years from the mention's, or a name and aliases with no word in common with
      the mention's name. The
      nominal is taken as mistyped, never as a reason to make them one (a child named with
      an adult suspect's nominal would otherwise be merged into him): the mention is the
      person of its name + dob key (whatever nominal that person has), or without a dob a
      record of its own for that nominal and name (never the name alone, which joins only
      a name alone); the mention's aliases count as its name. It keeps the nominal in
      ``conflicting_nominal_refs``, is flagged ``nominal_ref_conflict``, and the load warns.
      Whether a mention clashes depends on what the nominal's person holds when it is
      loaded (a chain of years of birth, 2009, 2008, 2007, bridges in one order and not in
      another), so after every load a record kept apart that no longer clashes is joined
      to the nominal's person (:mod:`graphintel.ingest.nominal_joins`): the same people
      whatever the order of the reports. Two records that each clash with the other under
      one nominal (a child's date of birth and an adult's) stay two, and the nominal stays
      with the one loaded first: both ways round the child is safeguarded and the adult
      ranked, but which record carries the nominal and its nominal-only mentions depends
      on the order.
    - Another date of birth, nearer than a clash (a slipped year, day and month swapped),
      for a person a key joins: every date given is kept, the youngest (latest) as ``dob``
      and the others in date order in ``other_dobs`` (where a merge keeps a disagreeing
      date too); the person is flagged ``dob_conflict`` and the load warns with the
      report, the line and the dates. The youngest is taken so that ``dob`` does not depend
      on the order of the reports and every child test errs towards protection (as for
      stated ages); :func:`graphintel.analysis.safeguarding.age_of` reads every date.
    - A name alone (no dob, no nominal) only ever joins the same name alone; but a row
      of an entity file that gives the person a source ID (``source_key``) is keyed by that
      ID instead (``sid:<source>/<space>/<id>``): two people of a records system with the
      same name and no dob are two people.

    - The name shown is the best written of the names the mentions give
      (:func:`graphintel.clean.names.name_rank`: whole words, mixed case, accents, length,
      then the text), the others aliases: the same whatever the order of the reports.

    Provenance: the person keeps ``nominal_ref``, ``name_dob`` (first name, ``dob``) and
    ``keys`` (every key that names it); each report's MENTIONS link keeps the ``keys`` that
    report gave.
    """
    keys = []
    if nominal:
        keys.append(f"ref:{nominal}")
    if dob:
        keys.append(f"nd:{key_name}|{dob}")
    if not keys:
        keys.append(f"sid:{source_key}" if source_key else f"n:{key_name}")
    return keys
