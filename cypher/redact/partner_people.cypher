// name: partner_people
// description: What partners may be told about people's standing: each report mentioning them with the roles it assesses, its date and grading; and the reports behind everything at them (their links, and the calls, messages and sightings of the phones, accounts and vehicles they hold), so that graphintel.redact_standing can tell, with each report's handling (partner_handling_of), which roles shareable reports assess and whether their evidence rests in part on withheld intelligence.
// param: uids: list — person uids
// returns: uid, mentions, near
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WHERE p:Person
RETURN uid,
       COLLECT {
         MATCH (r:Report)-[m:MENTIONS]->(p)
         RETURN {ref: r.ref, roles: coalesce(m.roles, []), date: r.date, grading: r.grading}
       } AS mentions,
       COLLECT {
         MATCH (p)-[x]-()
         WHERE type(x) <> 'MENTIONS'
         UNWIND coalesce(x.refs, []) AS ref
         RETURN ref
         UNION
         MATCH (p)-[:USES|OWNS|DRIVES|PASSENGER_IN|HAS_ACCOUNT]->(e:Entity)-[x]-(o)
         WHERE NOT o:Person AND NOT o:Report
         UNWIND coalesce(x.refs, []) AS ref
         RETURN ref
       } AS near
ORDER BY uid
