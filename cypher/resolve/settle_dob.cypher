// name: resolve_settle_dob
// description: An analyst's decision on a person's date of birth: keep one of the dates recorded for them (dob, other_dobs, or one set aside before) as dob; the others are set aside (set_aside_dobs), and so is a stated age (set_aside_ages, "age|age_on"): out of the child test, and not taken as new when a report gives one again. Changes nothing when the date is not one recorded; returns the dates recorded before and those set aside.
// mode: write
// param: uid: str — the person's uid
// param: keep: str — the date of birth kept (ISO), one of those recorded
// returns: recorded, aside, ages_aside
MATCH (p:Person {uid: $uid})
WITH p, [x IN [p.dob] + coalesce(p.other_dobs, []) + coalesce(p.set_aside_dobs, [])
         WHERE x IS NOT NULL] AS recorded
CALL (p, recorded) {
  WITH p, recorded WHERE $keep IN recorded
  WITH p, [x IN recorded WHERE x <> $keep] AS aside
  SET p.dob = $keep,
      p.other_dobs = null,
      p.set_aside_dobs = reduce(acc = [], x IN aside |
                                CASE WHEN x IN acc THEN acc ELSE acc + x END),
      p.name_dob = p.name_key + '|' + $keep,
      p.flags = [f IN coalesce(p.flags, []) WHERE f <> 'dob_conflict'],
      p.set_aside_ages = CASE WHEN p.age IS NULL THEN p.set_aside_ages
        ELSE coalesce(p.set_aside_ages, [])
             + (toString(p.age) + '|' + coalesce(toString(p.age_on), '')) END,
      p.age = null, p.age_on = null
}
RETURN recorded, coalesce(p.set_aside_dobs, []) AS aside,
       coalesce(p.set_aside_ages, []) AS ages_aside
