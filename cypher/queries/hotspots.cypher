// name: hotspots
// description: Places ranked by sightings of children (people assessed as victims) and by missing episodes that ended there.
// param: since: date = null — count only sightings and finds on or after this date
// param: limit: int = null — at most this many places, the highest score first (all when not given)
// returns: place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
// Without a date it reads the counts kept on each place by every write
// (graphintel/derived.py) from the index of their sum, highest first, so it stops after
// `limit` places. With a date it counts from the sightings of victims and the finds of
// missing episodes on or after it, found through the indexes of their dates (markers kept
// by the same writes and only ever on a victim's sighting of a place or a missing episode's
// find, so the pattern needs no labels), each read once and counted per place in one
// aggregation. The suspects linked to a place are counted by the same writes.
CALL () {
  UNWIND CASE WHEN $since IS NULL THEN [true] ELSE [] END AS undated
  CALL (undated) {
    MATCH (l:Location) USING INDEX l:Location(hotspot)
    WHERE l.hotspot > 0
    WITH l, coalesce(l.address, l.postcode, l.key) AS place
    RETURN l, place
    ORDER BY l.hotspot DESC, l.hot_victims + l.hot_children DESC, place, l.uid
    LIMIT coalesce($limit, 9223372036854775807)
  }
  RETURN l, l.hot_sightings AS victim_sightings, l.hot_victims AS victims_seen,
         l.hot_finds AS missing_finds, l.hot_children AS children_found
  UNION ALL
  UNWIND CASE WHEN $since IS NULL THEN [] ELSE [true] END AS dated
  CALL (dated) {
    MATCH (v)-[s:SEEN_AT]->(l)
    WHERE s.victim_last_seen >= $since
    WITH l, v, size([t IN coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL])
                     WHERE t >= $since]) AS seen
    RETURN l, seen, CASE WHEN seen > 0 THEN v END AS victim, null AS episode, null AS child
    UNION ALL
    MATCH (c:Person)-[:SUBJECT_OF]->(e)-[f:FOUND_AT]->(l)
    WHERE f.found_on >= $since
    RETURN l, 0 AS seen, null AS victim, e AS episode, c AS child
  }
  WITH l, sum(seen) AS victim_sightings, count(DISTINCT victim) AS victims_seen,
       count(DISTINCT episode) AS missing_finds, count(DISTINCT child) AS children_found
  WHERE victim_sightings + missing_finds > 0
  RETURN l, victim_sightings, victims_seen, missing_finds, children_found
}
WITH l, victim_sightings, victims_seen, missing_finds, children_found,
     coalesce(l.address, l.postcode, l.key) AS place
ORDER BY victim_sightings + missing_finds DESC, victims_seen + children_found DESC, place, l.uid
LIMIT coalesce($limit, 9223372036854775807)
RETURN l.uid AS place_uid, place, l.postcode AS postcode,
       l.kind AS kind, victim_sightings + missing_finds AS score, victim_sightings, victims_seen,
       missing_finds, children_found, coalesce(l.hot_suspects, 0) AS suspects_linked
ORDER BY score DESC, victims_seen + children_found DESC, place, place_uid
