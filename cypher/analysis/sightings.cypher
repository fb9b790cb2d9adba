// name: projection_sightings
// description: Sightings of people at places with their times, for co-sighting links within a time window.
// returns: person, location, address, times, refs, first_seen, last_seen
MATCH (p:Person)-[s:SEEN_AT]->(l:Location)
RETURN p.uid AS person, l.uid AS location, coalesce(l.address, l.postcode, l.key) AS address,
       coalesce(s.times, []) AS times, s.refs AS refs, s.first_seen AS first_seen,
       s.last_seen AS last_seen
