// name: agenda_people
// description: People of an analysis run (date of birth, else a stated age with the date of its report) with when they were loaded and the reports that mention them (for partner filtering and the agenda's reasons).
// param: uids: list — person uids
// returns: uid, name, dob, age, age_on, nominal_ref, aliases, roles, loaded_at, reports
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
OPTIONAL MATCH (r:Report)-[:MENTIONS]->(p)
WITH uid, p, r ORDER BY r.ref
RETURN uid, p.name AS name, p.dob AS dob, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref,
       coalesce(p.aliases, []) AS aliases,
       coalesce(p.roles, []) AS roles, p.loaded_at AS loaded_at,
       collect(CASE WHEN r IS NULL THEN null ELSE
         {ref: r.ref, date: r.date, grading: r.grading,
          shareable: coalesce(r.partner_shareable, false)} END) AS reports
ORDER BY uid
