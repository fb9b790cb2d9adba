// name: agenda_person_links
// description: Direct links (association, family, exploitation) between the given people, with the supporting reports.
// param: uids: list — person uids
// returns: a, b, type, refs, rows, first_seen, last_seen
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid})-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]->(b:Person)
WHERE b.uid IN $uids
RETURN a.uid AS a, b.uid AS b, type(r) AS type, coalesce(r.refs, []) AS refs, coalesce(r.rows, []) AS rows,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY a, b, type
