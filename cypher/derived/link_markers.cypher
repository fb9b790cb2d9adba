// name: derived_link_markers
// description: Mark the sightings of the given people that are sightings of a victim with their latest, second latest and first date and their number of dates, and the finds of the given missing episodes with their date and the people missing.
// mode: write
// param: people: list — uids of people whose sightings a write made or whose standing changed
// param: events: list — uids of events a write touched or whose finds it made
// The dated hotspot listing seeks these (cypher/queries/hotspots.cypher) in the indexes
// that hold them all (link_victim_seen, link_found), so most rows are counted without
// reading the link: a sighting whose first date is in the period counts all its dates, one
// whose second latest is before it counts one; only the others read their dates. The dates
// of a sighting are its times, or its first and last date when it has none (as
// cypher/derived/places.cypher counts them): victim_last_seen, victim_previous_seen (the
// only date when there is one), victim_first_seen, victim_sightings. A find carries its
// date (found_on), its first missing person's uid and their number (found_child,
// found_subjects) and, when more than one, all their uids (found_children).
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
               THEN coalesce(s.times, [d IN [s.first_seen, s.last_seen] WHERE d IS NOT NULL])
          END AS dates
  // the two latest dates, latest last, and the first
  WITH s, dates,
       reduce(m = [], d IN dates | CASE WHEN size(m) = 0 THEN [d]
                                        WHEN size(m) = 1 THEN
                                          CASE WHEN d < m[0] THEN [d, m[0]] ELSE [m[0], d] END
                                        WHEN d >= m[1] THEN [m[1], d]
                                        WHEN d > m[0] THEN [d, m[1]] ELSE m END) AS latest,
       reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d < m THEN d ELSE m END) AS first
  WITH s, latest[-1] AS last, CASE WHEN size(latest) = 2 THEN latest[0] ELSE first END AS previous,
       first, CASE WHEN dates <> [] THEN size(dates) END AS count
  WHERE coalesce(s.victim_last_seen, '') <> coalesce(last, '')
     OR coalesce(s.victim_previous_seen, '') <> coalesce(previous, '')
     OR coalesce(s.victim_first_seen, '') <> coalesce(first, '')
     OR coalesce(s.victim_sightings, -1) <> coalesce(count, -1)
  SET s.victim_last_seen = last, s.victim_previous_seen = previous,
      s.victim_first_seen = first, s.victim_sightings = count
}
CALL () {
  UNWIND $events AS uid
  MATCH (e:Entity {uid: uid}) USING INDEX SEEK e:Entity(uid)
  WITH e WHERE e:Event
  MATCH (e)-[f:FOUND_AT]->(l)
  WITH e, f, l WHERE l:Location
  WITH e, f, CASE WHEN e.kind = 'missing_episode'
                  THEN coalesce(f.last_seen, e.end, e.start) END AS found_on
  CALL (e, found_on) {
    OPTIONAL MATCH (c)-[:SUBJECT_OF]->(e)
    WITH c WHERE found_on IS NOT NULL AND c:Person
    WITH c.uid AS child ORDER BY child
    RETURN collect(child) AS children
  }
  WITH f, found_on, CASE WHEN children <> [] THEN children END AS children
  WITH f, found_on, children[0] AS child, size(children) AS subjects,
       CASE WHEN size(children) > 1 THEN children END AS children
  WHERE coalesce(f.found_on, '') <> coalesce(found_on, '')
     OR coalesce(f.found_child, '') <> coalesce(child, '')
     OR coalesce(f.found_subjects, -1) <> coalesce(subjects, -1)
     OR coalesce(f.found_children, []) <> coalesce(children, [])
  SET f.found_on = found_on, f.found_child = child, f.found_subjects = subjects,
      f.found_children = children
}
