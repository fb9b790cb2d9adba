// name: chart_links
// description: Every link between the charted entities, with its type, supporting report refs, the rows of file-wide reports behind it, first and last seen, count and notes.
// param: uids: list — uids of the charted entities
// returns: source, target, type, refs, rows, first_seen, last_seen, count, notes
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid})-[r]->(b:Entity)
WHERE b.uid IN $uids
RETURN a.uid AS source, b.uid AS target, type(r) AS type, coalesce(r.refs, []) AS refs,
       coalesce(r.rows, []) AS rows,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.count AS count,
       coalesce(r.notes, []) AS notes
ORDER BY source, target, type
