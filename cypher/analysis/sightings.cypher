// name: projection_sightings
// description: Sightings of people at places with their times, for co-sighting links within a time window.
// returns: person, location, address, times, refs, first_seen, last_seen
// batched: yes
// The sightings are collected as relationships, then read 5,000 to a record.
MATCH (:Person)-[s:SEEN_AT]->(:Location)
WITH collect(s) AS items
UNWIND range(0, size(items) - 1, 5000) AS i
CALL (items, i) {
  UNWIND items[i..i + 5000] AS s
  WITH s, endNode(s) AS l
  RETURN collect({person: startNode(s).uid, location: l.uid,
                  address: coalesce(l.address, l.postcode, l.key),
                  times: coalesce(s.times, []), refs: s.refs, first_seen: s.first_seen,
                  last_seen: s.last_seen}) AS rows
}
RETURN rows
