// name: nominal_clash_joins
// description: People loaded apart because the nominal reference a report gave them clashed with that nominal's person (resolve_persons: a date of birth two or more years from all of the person's, or no name in common) who no longer clash, because the nominal's person has since been given a date of birth or a name that bridges them; returns each pair once, the record loaded apart (from_uid) and the nominal's person (into_uid), unless an analyst recorded them as different.
// returns: from_uid, into_uid, nominal_ref
// Whether a mention clashes depends on the dates and names its nominal's person has when
// the mention is loaded: a chain of dates of birth (2009, 2008, 2007) joins in one order
// and not in another. Joining the pairs that no longer clash after a load gives the same
// people whatever the order. The test mirrors resolve_persons's clash with the record's
// dates, name and aliases in place of the mention's; dates an analyst set aside count as the
// person's, as there. Rare: a scan of the people who hold a conflicting nominal.
MATCH (q:Person)
WHERE q.conflicting_nominal_refs IS NOT NULL AND q.nominal_ref IS NULL
UNWIND q.conflicting_nominal_refs AS nominal
MATCH (p:Person {nominal_ref: nominal}) USING INDEX p:Person(nominal_ref)
WHERE p <> q
WITH q, p, nominal,
     [x IN [q.dob] + coalesce(q.other_dobs, []) WHERE x IS NOT NULL] AS mine,
     [x IN [p.dob] + coalesce(p.other_dobs, []) + coalesce(p.set_aside_dobs, [])
      WHERE x IS NOT NULL] AS theirs,
     [w IN reduce(ws = split(coalesce(q.name_key, ''), ' '), a IN coalesce(q.aliases, []) |
                  ws + split(replace(replace(replace(replace(toLower(a), '.', ' '), ',', ' '),
                                     '-', ' '), "'", ' '), ' ')) WHERE w <> ''] AS words,
     reduce(ws = split(coalesce(p.name_key, ''), ' '), a IN coalesce(p.aliases, []) |
            ws + split(replace(replace(replace(replace(toLower(a), '.', ' '), ',', ' '),
                               '-', ' '), "'", ' '), ' ')) AS known
WHERE (size(mine) = 0 OR size(theirs) = 0
       OR any(x IN mine WHERE any(y IN theirs WHERE abs(date(x).year - date(y).year) < 2)))
  AND (size(words) = 0 OR any(w IN words WHERE w IN known))
  AND NOT EXISTS {
    MATCH (d:MergeDecision {kind: 'reject', status: 'applied'})
    WHERE d.a_uid IN [p.uid, q.uid] AND d.b_uid IN [p.uid, q.uid]
  }
RETURN q.uid AS from_uid, p.uid AS into_uid, nominal AS nominal_ref
ORDER BY into_uid, from_uid
