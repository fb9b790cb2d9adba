// name: derived_link_markers
// description: Mark the sightings of the given people that are sightings of a victim with their last date (victim_last_seen), and the finds of the given missing episodes with their date (found_on).
// mode: write
// param: people: list — uids of people whose sightings a write made or whose standing changed
// param: events: list — uids of events a write touched or whose finds it made
// The dated hotspot listing seeks these (cypher/queries/hotspots.cypher).
// Planned once (replan=skip), so the plan made on an empty or small graph must hold on a
// large one: lookups force a seek of the uid index (a plan made at 1,000 reports scanned
// it for each uid), and every expansion starts from a node in hand, its far end's label
// checked after a WITH (never a label scan to expand into).
CYPHER replan=skip
CALL () {
  UNWIND $people AS uid
  MATCH (p:Entity {uid: uid}) USING INDEX SEEK p:Entity(uid)
  WITH p WHERE p:Person
  MATCH (p)-[s:SEEN_AT]->(l)
  WITH p, s, l WHERE l:Location
  WITH s, CASE WHEN 'victim' IN coalesce(p.roles, [])
               THEN coalesce(s.last_seen, s.first_seen) END AS marker
  WHERE coalesce(s.victim_last_seen, '') <> coalesce(marker, '')
  SET s.victim_last_seen = marker
}
CALL () {
  UNWIND $events AS uid
  MATCH (e:Entity {uid: uid}) USING INDEX SEEK e:Entity(uid)
  WITH e WHERE e:Event
  MATCH (e)-[f:FOUND_AT]->(l)
  WITH e, f, l WHERE l:Location
  WITH f, CASE WHEN e.kind = 'missing_episode'
               THEN coalesce(f.last_seen, e.end, e.start) END AS marker
  WHERE coalesce(f.found_on, '') <> coalesce(marker, '')
  SET f.found_on = marker
}
