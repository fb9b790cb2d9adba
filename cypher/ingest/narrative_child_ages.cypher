// name: narrative_child_ages
// description: Give people already in the graph the age under 18 a report's narrative writes beside their name when it does not make them one of its entities ("Kyle NARROW (15) took her to the flat"), as a stated age of that report's date, flagged age_from_narrative; only when it makes them younger than their record says (the rule resolve_persons applies to a stated age), and never one an analyst set aside. Beside a date of birth that does not give that age, the person is flagged age_disagrees_with_dob too. Returns how many people changed.
// mode: write
// param: rows: list — {uid, age, age_on} per person (graphintel.ingest.narrative_ages.child_ages)
// returns: changed
UNWIND $rows AS row
MATCH (p:Entity {uid: row.uid}) USING INDEX p:Entity(uid)
WHERE p:Person
  AND NOT toString(row.age) + '|' + coalesce(toString(row.age_on), '')
      IN coalesce(p.set_aside_ages, [])
  AND (p.dob IS NULL OR row.age_on IS NULL
       OR duration.between(date(p.dob), date(row.age_on)).years > row.age)
  AND CASE WHEN p.age IS NULL THEN true
           WHEN (row.age_on IS NULL) <> (p.age_on IS NULL) THEN row.age_on IS NOT NULL
           WHEN row.age_on IS NULL THEN row.age < p.age
           ELSE date(row.age_on) - duration({years: row.age})
                > date(p.age_on) - duration({years: p.age}) END
SET p.age = row.age, p.age_on = row.age_on,
    p.flags = reduce(acc = coalesce(p.flags, []),
                     x IN ['age_from_narrative'] +
                          CASE WHEN p.dob IS NULL THEN [] ELSE ['age_disagrees_with_dob'] END |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END)
RETURN count(p) AS changed
