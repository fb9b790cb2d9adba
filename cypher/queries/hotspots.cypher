// name: hotspots
// description: Places ranked by sightings of children (people assessed as victims) and by missing episodes that ended there.
// param: since: date = null — count only sightings and finds on or after this date
// param: limit: int = null — at most this many places, the highest score first (all when not given)
// returns: place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
// Without a date it reads the counts kept on each place by every write
// (graphintel/derived.py) from the index of their sum, highest first, so it stops after
// `limit` places. With a date it counts the sightings of victims and the finds of missing
// episodes on or after it from the indexes that hold their dates (markers kept by the same
// writes and only ever on a victim's sighting of a place or a missing episode's find, so
// the pattern needs no labels): a sighting whose first date is on or after the date counts
// all its dates and one whose second latest is before it counts one, both from the index;
// only the others read their dates. The places are ranked on the counts, and only those up
// to the last place's ties read their names. The suspects linked to a place are counted by
// the same writes.
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
    WHERE s.victim_last_seen >= $since AND s.victim_previous_seen IS NOT NULL
      AND s.victim_first_seen IS NOT NULL AND s.victim_sightings IS NOT NULL
    // the markers taken from the index first: read inside the CASE, each is read again
    WITH l, v, s, s.victim_first_seen AS first, s.victim_previous_seen AS previous,
         s.victim_sightings AS sightings
    WITH l, v, CASE WHEN first >= $since THEN sightings
                    WHEN previous < $since THEN 1
                    ELSE size([t IN coalesce(s.times, [x IN [s.first_seen, s.last_seen]
                                                       WHERE x IS NOT NULL])
                               WHERE t >= $since]) END AS seen
    RETURN l, seen, v AS victim, null AS episode, null AS child
    UNION ALL
    MATCH (e)-[f:FOUND_AT]->(l)
    WHERE f.found_on >= $since AND f.found_child IS NOT NULL AND f.found_subjects IS NOT NULL
    WITH l, e, f, f.found_child AS first, f.found_subjects AS subjects
    UNWIND CASE WHEN subjects = 1 THEN [first] ELSE f.found_children END AS child
    RETURN l, 0 AS seen, null AS victim, e AS episode, child
  }
  WITH l, sum(seen) AS victim_sightings, count(DISTINCT victim) AS victims_seen,
       count(DISTINCT episode) AS missing_finds, count(DISTINCT child) AS children_found
  WHERE victim_sightings + missing_finds > 0
  // the places past the limit are known from the counts alone: only the last place's ties
  // on both counts need their names to be ordered (read once, below, for those kept)
  WITH l, victim_sightings, victims_seen, missing_finds, children_found,
       victim_sightings + missing_finds AS score, victims_seen + children_found AS people
  ORDER BY score DESC, people DESC
  WITH collect({l: l, victim_sightings: victim_sightings, victims_seen: victims_seen,
                missing_finds: missing_finds, children_found: children_found,
                score: score, people: people}) AS ranked
  WITH ranked, CASE WHEN 1 <= $limit < size(ranked) THEN ranked[$limit - 1] END AS last
  UNWIND ranked AS r
  WITH r WHERE last IS NULL OR r.score > last.score
               OR (r.score = last.score AND r.people >= last.people)
  RETURN r.l AS l, r.victim_sightings AS victim_sightings, r.victims_seen AS victims_seen,
         r.missing_finds AS missing_finds, r.children_found AS children_found
}
WITH l, victim_sightings, victims_seen, missing_finds, children_found,
     coalesce(l.address, l.postcode, l.key) AS place
ORDER BY victim_sightings + missing_finds DESC, victims_seen + children_found DESC, place, l.uid
LIMIT coalesce($limit, 9223372036854775807)
RETURN l.uid AS place_uid, place, l.postcode AS postcode,
       l.kind AS kind, victim_sightings + missing_finds AS score, victim_sightings, victims_seen,
       missing_finds, children_found, coalesce(l.hot_suspects, 0) AS suspects_linked
ORDER BY score DESC, victims_seen + children_found DESC, place, place_uid
