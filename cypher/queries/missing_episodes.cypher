// name: missing_episodes
// description: A child's missing episodes, newest first: when, missing from where, found where and with whom, and the reports.
// param: child: str — the child (person uid; a name or nominal ref is resolved)
// returns: episode_uid, start, end, missing_from, found_at, found_with, found_with_uids, refs
MATCH (c:Entity:Person {uid: $child})-[:SUBJECT_OF]->(e:Event {kind: 'missing_episode'})
RETURN e.uid AS episode_uid, e.start AS start, e.end AS end,
       COLLECT { MATCH (e)-[:MISSING_FROM]->(l:Location)
                 RETURN coalesce(l.address + ', ' + l.postcode, l.address, l.postcode, l.key) AS x
                 ORDER BY x } AS missing_from,
       COLLECT { MATCH (e)-[:FOUND_AT]->(l:Location)
                 RETURN coalesce(l.address + ', ' + l.postcode, l.address, l.postcode, l.key) AS x
                 ORDER BY x } AS found_at,
       COLLECT { MATCH (w:Person)-[:INVOLVED_IN]->(e) RETURN w.name AS x ORDER BY w.name, w.uid } AS found_with,
       COLLECT { MATCH (w:Person)-[:INVOLVED_IN]->(e) RETURN w.uid AS x ORDER BY w.name, w.uid } AS found_with_uids,
       COLLECT { MATCH (r:Report)-[:MENTIONS]->(e) RETURN r.ref AS x ORDER BY x } AS refs
ORDER BY start DESC, episode_uid
