// name: derived_link_markers
// description: Mark the sightings of the given people that are sightings of a victim with their last date (victim_last_seen), and the finds of the given missing episodes with their date (found_on).
// mode: write
// param: people: list — uids of people whose sightings a write made or whose standing changed
// param: events: list — uids of events a write touched or whose finds it made
// The dated hotspot listing seeks these (cypher/queries/hotspots.cypher).
// Planned once (replan=skip): its lookups are by unique keys, so the plan does not depend
// on the graph's statistics and is not remade as a load changes them.
CYPHER replan=skip
CALL () {
  UNWIND $people AS uid
  MATCH (p:Entity {uid: uid})
  WITH p WHERE p:Person
  MATCH (p)-[s:SEEN_AT]->(:Location)
  WITH s, CASE WHEN 'victim' IN coalesce(p.roles, [])
               THEN coalesce(s.last_seen, s.first_seen) END AS marker
  WHERE coalesce(s.victim_last_seen, '') <> coalesce(marker, '')
  SET s.victim_last_seen = marker
}
CALL () {
  UNWIND $events AS uid
  MATCH (e:Entity {uid: uid})
  WITH e WHERE e:Event
  MATCH (e)-[f:FOUND_AT]->(:Location)
  WITH f, CASE WHEN e.kind = 'missing_episode'
               THEN coalesce(f.last_seen, e.end, e.start) END AS marker
  WHERE coalesce(f.found_on, '') <> coalesce(marker, '')
  SET f.found_on = marker
}
