// name: hotspots
// description: Places ranked by sightings of children (people assessed as victims) and by missing episodes that ended there.
// param: since: date = null — count only sightings and finds on or after this date
// param: limit: int = null — at most this many places, the highest score first (all when not given)
// returns: place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
// Only places a child was seen at or a missing episode ended at can score, so those are the
// places counted: from the children (people with the victim role) and from the missing
// episodes (event_kind index), not from every place.
CALL () {
  MATCH (v:Person)-[:SEEN_AT]->(l:Location)
  WHERE 'victim' IN coalesce(v.roles, [])
  RETURN l
  UNION
  MATCH (:Event {kind: 'missing_episode'})-[:FOUND_AT]->(l:Location)
  RETURN l
}
CALL (l) {
  OPTIONAL MATCH (v:Person)-[s:SEEN_AT]->(l)
  WHERE 'victim' IN coalesce(v.roles, [])
  WITH v, [t IN coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL])
           WHERE $since IS NULL OR t >= $since] AS ts
  RETURN sum(size(ts)) AS victim_sightings,
         count(DISTINCT CASE WHEN size(ts) > 0 THEN v END) AS victims_seen
}
CALL (l) {
  OPTIONAL MATCH (c:Person)-[:SUBJECT_OF]->(e:Event {kind: 'missing_episode'})-[f:FOUND_AT]->(l)
  WHERE $since IS NULL OR coalesce(f.last_seen, e.end, e.start) >= $since
  RETURN count(DISTINCT e) AS missing_finds, count(DISTINCT c) AS children_found
}
CALL (l) {
  OPTIONAL MATCH (sp:Person)-[:SEEN_AT|FREQUENTS|LIVES_AT]->(l)
  WHERE 'suspect' IN coalesce(sp.roles, [])
  RETURN count(DISTINCT sp) AS suspects_linked
}
WITH l, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
WHERE victim_sightings + missing_finds > 0
RETURN l.uid AS place_uid, coalesce(l.address, l.postcode, l.key) AS place, l.postcode AS postcode,
       l.kind AS kind, victim_sightings + missing_finds AS score, victim_sightings, victims_seen,
       missing_finds, children_found, suspects_linked
ORDER BY score DESC, victims_seen + children_found DESC, place, place_uid
LIMIT coalesce($limit, 9223372036854775807)
