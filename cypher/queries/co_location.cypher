// name: co_location
// description: Places where both of two people were seen (sightings, or found at / involved in an event there), with both sets of times and the closest gap.
// param: person_a: str — the first person (person uid; a name or nominal ref is resolved)
// param: person_b: str — the second person (person uid; a name or nominal ref is resolved)
// param: within_hours: float = null — only places where the two were seen at most this many hours apart
// returns: place_uid, place, postcode, kind, times_a, times_b, closest_hours, refs
UNWIND [$person_a, $person_b] AS uid
MATCH (who:Entity:Person {uid: uid})
CALL (who) {
  MATCH (who)-[s:SEEN_AT]->(l:Location)
  UNWIND coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL]) AS t
  RETURN l, t, s.refs AS refs
  UNION
  MATCH (who)-[:SUBJECT_OF|INVOLVED_IN]->(:Event)-[f:FOUND_AT|OCCURRED_AT]->(l:Location)
  UNWIND coalesce(f.times, [x IN [f.first_seen, f.last_seen] WHERE x IS NOT NULL]) AS t
  RETURN l, t, f.refs AS refs
}
WITH l, uid = $person_a AS is_a, t, refs ORDER BY t
WITH l, is_a, collect(DISTINCT t) AS times, collect(refs) AS ref_lists
WITH l, collect({is_a: is_a, times: times, ref_lists: ref_lists}) AS sides
WHERE size(sides) = 2
WITH l, [s IN sides WHERE s.is_a][0] AS sa, [s IN sides WHERE NOT s.is_a][0] AS sb
WITH l, sa, sb,
     reduce(best = null, ta IN sa.times | reduce(b2 = best, tb IN sb.times |
       CASE WHEN b2 IS NULL OR abs(duration.inSeconds(datetime(ta), datetime(tb)).seconds) < b2
            THEN abs(duration.inSeconds(datetime(ta), datetime(tb)).seconds) ELSE b2 END)) AS gap
WHERE $within_hours IS NULL OR (gap IS NOT NULL AND gap <= $within_hours * 3600)
RETURN l.uid AS place_uid,
       coalesce(l.address, l.postcode, l.key) AS place, l.postcode AS postcode, l.kind AS kind,
       sa.times AS times_a, sb.times AS times_b,
       CASE WHEN gap IS NULL THEN null ELSE round(gap / 3600.0, 1) END AS closest_hours,
       reduce(acc = [], rs IN sa.ref_lists + sb.ref_lists | acc + [x IN rs WHERE NOT x IN acc]) AS refs
ORDER BY closest_hours, place, place_uid
