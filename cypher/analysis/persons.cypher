// name: projection_persons
// description: Every person with identity (a stated age with the date of its report when there is one), roles and the reports that mention them, for the analysis projection.
// returns: uid, name, dob, age, age_on, nominal_ref, roles, reports
MATCH (p:Person)
OPTIONAL MATCH (r:Report)-[m:MENTIONS]->(p)
WITH p, collect(CASE WHEN r IS NULL THEN null ELSE
  {ref: r.ref, date: r.date, grading: r.grading, strength: r.grading_strength,
   shareable: r.partner_shareable, roles: m.roles} END) AS reports
RETURN p.uid AS uid, p.name AS name, p.dob AS dob, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref,
       coalesce(p.roles, []) AS roles, reports
ORDER BY uid
