// name: narrative_child_ages
// description: Give people already in the graph with no recorded date of birth the age under 18 a report's narrative writes beside their name when it does not make them one of its entities ("Kyle NARROW (15) took her to the flat"), as a stated age of that report's date, flagged age_from_narrative; only when it makes them younger than their record says (the rule resolve_persons applies to a stated age), never one an analyst set aside, and not when a namesake's date of birth gives that age. Returns how many people changed.
// mode: write
// param: rows: list — {uid, age, age_on} per person (graphintel.ingest.narrative_ages.child_ages)
// returns: changed
// The narrative names them by name alone, so it may mean a namesake: the age is given
// only to someone with no recorded date of birth (one whose date of birth gives another
// age is someone else: an adult Kyle NARROW born 1985 is not the "Kyle NARROW (15)" of a
// girl's disclosure), and not when another person of that name has a date of birth that
// gives the age (within a year): the narrative means them.
UNWIND $rows AS row
MATCH (p:Entity {uid: row.uid}) USING INDEX p:Entity(uid)
WHERE p:Person
  AND NOT toString(row.age) + '|' + coalesce(toString(row.age_on), '')
      IN coalesce(p.set_aside_ages, [])
  AND p.dob IS NULL AND size(coalesce(p.other_dobs, [])) = 0
  AND NOT EXISTS {
    MATCH (q:Person {name_key: p.name_key})
    WHERE q <> p AND q.dob IS NOT NULL AND row.age_on IS NOT NULL
      AND abs(duration.between(date(q.dob), date(row.age_on)).years - row.age) <= 1
  }
  AND CASE WHEN p.age IS NULL THEN true
           WHEN (row.age_on IS NULL) <> (p.age_on IS NULL) THEN row.age_on IS NOT NULL
           WHEN row.age_on IS NULL THEN row.age < p.age
           ELSE date(row.age_on) - duration({years: row.age})
                > date(p.age_on) - duration({years: p.age}) END
SET p.age = row.age, p.age_on = row.age_on,
    p.flags = reduce(acc = coalesce(p.flags, []), x IN ['age_from_narrative'] |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END)
RETURN count(p) AS changed
