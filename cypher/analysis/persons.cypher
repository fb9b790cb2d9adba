// name: projection_persons
// description: Every person with identity (the other dates of birth reports or merged records gave; a stated age with the date of its report when there is one), roles, whether a report called them a looked-after child or a child (a minor, a juvenile), and the reports that mention them ([ref, roles in that report]; the report's date and grading come from projection_reports), for the analysis projection.
// returns: uid, name, dob, other_dobs, age, age_on, nominal_ref, roles, looked_after, called_child, reports
// batched: yes
// The people are collected as nodes in uid order, then read 5,000 to a record.
MATCH (p:Person)
WITH p ORDER BY p.uid
WITH collect(p) AS items
UNWIND range(0, size(items) - 1, 5000) AS i
CALL (items, i) {
  UNWIND items[i..i + 5000] AS p
  RETURN collect({uid: p.uid, name: p.name, dob: p.dob, other_dobs: p.other_dobs,
                  age: p.age, age_on: p.age_on,
                  nominal_ref: p.nominal_ref, roles: coalesce(p.roles, []),
                  looked_after: 'looked_after_child' IN coalesce(p.flags, []),
                  called_child: 'called_a_child' IN coalesce(p.flags, []),
                  reports: COLLECT {
                    MATCH (r:Report)-[m:MENTIONS]->(p)
                    RETURN [r.ref, m.roles] AS report
                  }}) AS rows
}
RETURN rows
