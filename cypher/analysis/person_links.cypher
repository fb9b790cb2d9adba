// name: projection_person_links
// description: Direct person-to-person links (association, family, exploitation) with their evidence.
// returns: a, b, type, refs, rows, count, first_seen, last_seen
MATCH (a:Person)-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]->(b:Person)
RETURN a.uid AS a, b.uid AS b, type(r) AS type, r.refs AS refs, coalesce(r.rows, []) AS rows, r.reported_count AS count,
       r.first_seen AS first_seen, r.last_seen AS last_seen
