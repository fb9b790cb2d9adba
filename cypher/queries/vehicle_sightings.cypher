// name: vehicle_sightings
// description: Where and when a vehicle was seen: ANPR camera reads and other sightings (with times), and the reports that mention it.
// param: vrm: str — the vehicle (any format: normalised, upper case, no spaces)
// returns: vrm, seen, source, place, postcode, people, refs
// source: 'anpr' (seen at a camera), 'sighting' (seen at another place), 'report' (a report
// names the vehicle), 'narrative' (a report's narrative mentions the VRM). Sighting times
// come from the link, so their refs are all the reports behind that sighting link.
MATCH (v:Vehicle {key: $vrm})
CALL (v) {
  MATCH (v)-[s:SEEN_AT]->(l:Location)
  UNWIND coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL]) AS t
  WITH DISTINCT l, s, t
  RETURN t AS seen, CASE WHEN l.kind = 'camera' THEN 'anpr' ELSE 'sighting' END AS source,
         coalesce(l.address, l.postcode, l.key) AS place, l.postcode AS postcode, [] AS people,
         s.refs AS refs
  UNION ALL
  // the vehicle's keepers, drivers and passengers are read once, not once per report
  // (a pool car has hundreds of reports and dozens of drivers)
  CALL (v) {
    MATCH (p:Person)-[pl:OWNS|DRIVES|PASSENGER_IN]->(v)
    RETURN collect({x: p.name + ' (' + type(pl) + ')', refs: pl.refs}) AS users
  }
  MATCH (r:Report)-[m:MENTIONS]->(v)
  WHERE NOT EXISTS { MATCH (v)-[s:SEEN_AT]->() WHERE r.ref IN s.refs }
  OPTIONAL MATCH (r)-[:MENTIONS]->(l:Location)
  RETURN r.date AS seen, CASE WHEN m.extracted THEN 'narrative' ELSE 'report' END AS source,
         coalesce(l.address, l.postcode, l.key) AS place, l.postcode AS postcode,
         COLLECT { UNWIND users AS u WITH u WHERE r.ref IN u.refs
                   RETURN u.x AS x ORDER BY x } AS people,
         [r.ref] AS refs
}
RETURN v.key AS vrm, seen, source, place, postcode, people, refs
ORDER BY seen, source, place
