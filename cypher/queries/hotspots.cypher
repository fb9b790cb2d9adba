// name: hotspots
// description: Places ranked by sightings of children (people assessed as victims) and by missing episodes that ended there.
// param: since: date = null — count only sightings and finds on or after this date
// param: limit: int = null — at most this many places, the highest score first (all when not given)
// returns: place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
// Only places a child was seen at or a missing episode ended at can score, so those are the
// places counted: from the children (people with the victim role) and from the missing
// episodes (event_kind index), not from every place. Each sighting and each find is read
// once, counted per place in one aggregation; the suspects linked to a place are counted
// only for the places returned.
CALL () {
  MATCH (v:Person)-[s:SEEN_AT]->(l:Location)
  WHERE 'victim' IN coalesce(v.roles, [])
  WITH l, v, size([t IN coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL])
                   WHERE $since IS NULL OR t >= $since]) AS seen
  RETURN l, seen, CASE WHEN seen > 0 THEN v END AS victim, null AS episode, null AS child
  UNION ALL
  MATCH (c:Person)-[:SUBJECT_OF]->(e:Event {kind: 'missing_episode'})-[f:FOUND_AT]->(l:Location)
  WHERE $since IS NULL OR coalesce(f.last_seen, e.end, e.start) >= $since
  RETURN l, 0 AS seen, null AS victim, e AS episode, c AS child
}
WITH l, sum(seen) AS victim_sightings, count(DISTINCT victim) AS victims_seen,
     count(DISTINCT episode) AS missing_finds, count(DISTINCT child) AS children_found
WHERE victim_sightings + missing_finds > 0
WITH l, victim_sightings, victims_seen, missing_finds, children_found,
     coalesce(l.address, l.postcode, l.key) AS place
ORDER BY victim_sightings + missing_finds DESC, victims_seen + children_found DESC, place, l.uid
LIMIT coalesce($limit, 9223372036854775807)
CALL (l) {
  OPTIONAL MATCH (sp:Person)-[:SEEN_AT|FREQUENTS|LIVES_AT]->(l)
  WHERE 'suspect' IN coalesce(sp.roles, [])
  RETURN count(DISTINCT sp) AS suspects_linked
}
RETURN l.uid AS place_uid, place, l.postcode AS postcode,
       l.kind AS kind, victim_sightings + missing_finds AS score, victim_sightings, victims_seen,
       missing_finds, children_found, suspects_linked
ORDER BY score DESC, victims_seen + children_found DESC, place, place_uid
