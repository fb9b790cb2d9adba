// name: lookup_profile_roles
// description: Each role assessed for a person with the reports that assert it (reference, date, grading).
// param: uid: str — the person's uid
// returns: role, ref, date, grading
MATCH (r:Report)-[m:MENTIONS]->(p:Entity:Person {uid: $uid})
UNWIND coalesce(m.roles, []) AS role
RETURN role, r.ref AS ref, r.date AS date, r.grading AS grading
ORDER BY role, date, ref
