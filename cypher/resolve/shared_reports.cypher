// name: resolve_shared_reports
// description: Of candidate pairs of people, those one report names as two people (not only in its narrative), with those reports: the officer told them apart (twins, a parent and child of one name), which the analyst should know before merging.
// param: pairs: list — [a uid, b uid] per candidate pair
// returns: a, b, refs
UNWIND $pairs AS pair
MATCH (a:Entity:Person {uid: pair[0]})<-[m:MENTIONS]-(r:Report)-[n:MENTIONS]->(b:Entity:Person {uid: pair[1]})
WHERE NOT coalesce(m.extracted, false) AND NOT coalesce(n.extracted, false)
WITH pair, r.ref AS ref ORDER BY ref
RETURN pair[0] AS a, pair[1] AS b, collect(ref) AS refs
