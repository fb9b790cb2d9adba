// name: derived_places
// description: Recount the given places, the places of the given people and where the given events ended: their residents and their hotspot counts.
// mode: write
// param: places: list — uids of places a write linked someone or something to
// param: people: list = [] — people whose standing as suspect or victim changed (their places are recounted)
// param: events: list = [] — missing episodes a write touched (where they ended is recounted)
// Residents: people who live there (LIVES_AT links only come from people), kept when two
// or more. Hotspot counts, kept when the place has any: dated sightings of victims (the
// marked sightings and their number of dates, cypher/derived/link_markers.cypher, which
// runs first, so a sighting's list of dates is not read again) and missing
// episodes that ended there, with the victims, children and suspects (seen at,
// frequenting or living at it) behind them.
// Planned once (replan=skip), so the plan made on an empty or small graph must hold on a
// large one: lookups force a seek of the uid index (a plan made at 1,000 reports scanned
// it for each uid), and every expansion starts from a node in hand, its far end's label
// checked after a WITH (never a label scan to expand into).
CYPHER replan=skip
CALL () {
  UNWIND $places AS uid
  MATCH (l:Entity {uid: uid}) USING INDEX SEEK l:Entity(uid)
  WITH l WHERE l:Location
  RETURN l
  UNION
  UNWIND $events AS uid
  MATCH (e:Entity {uid: uid}) USING INDEX SEEK e:Entity(uid)
  WITH e WHERE e:Event
  MATCH (e)-[:FOUND_AT]->(l)
  WITH l WHERE l:Location
  RETURN l
  UNION
  UNWIND $people AS uid
  MATCH (p:Entity {uid: uid}) USING INDEX SEEK p:Entity(uid)
  CALL (p) {
    MATCH (p)-[:LIVES_AT|SEEN_AT|FREQUENTS]->(l)
    WITH l WHERE l:Location
    RETURN l
    UNION
    MATCH (p)-[:SUBJECT_OF]->(e)
    WITH e WHERE e.kind = 'missing_episode'
    MATCH (e)-[:FOUND_AT]->(l)
    WITH l WHERE l:Location
    RETURN l
  }
  RETURN l
}
WITH DISTINCT l
// one walk over the links into the place (SEEN_AT, LIVES_AT, FREQUENTS come from people)
CALL (l) {
  OPTIONAL MATCH (x)-[r:SEEN_AT|LIVES_AT|FREQUENTS|FOUND_AT]->(l)
  WITH x, r, type(r) AS t
  WITH x, r, t, t = 'SEEN_AT' AND r.victim_last_seen IS NOT NULL AS victim_seen
  RETURN sum(CASE WHEN victim_seen THEN r.victim_sightings ELSE 0 END) AS sightings,
         count(DISTINCT CASE WHEN victim_seen THEN x END) AS victims,
         count(CASE WHEN t = 'LIVES_AT' THEN 1 END) AS residents,
         collect(DISTINCT CASE WHEN t = 'FOUND_AT' THEN x END) AS found,
         collect(DISTINCT CASE WHEN t <> 'FOUND_AT' THEN x END) AS people
}
CALL (found) {
  UNWIND found AS e
  WITH e WHERE e.kind = 'missing_episode'
  MATCH (c)-[:SUBJECT_OF]->(e)
  WITH e, c WHERE c:Person
  RETURN count(DISTINCT e) AS finds, count(DISTINCT c) AS children
}
WITH l, CASE WHEN residents >= 2 THEN residents END AS residents,
     CASE WHEN sightings + finds > 0
          THEN {hotspot: sightings + finds, sightings: sightings, victims: victims,
                finds: finds, children: children,
                suspects: size([p IN people WHERE 'suspect' IN coalesce(p.roles, [])])}
          ELSE {} END AS hot
WHERE coalesce(l.residents, -1) <> coalesce(residents, -1)
   OR coalesce(l.hotspot, -1) <> coalesce(hot.hotspot, -1)
   OR coalesce(l.hot_sightings, -1) <> coalesce(hot.sightings, -1)
   OR coalesce(l.hot_victims, -1) <> coalesce(hot.victims, -1)
   OR coalesce(l.hot_finds, -1) <> coalesce(hot.finds, -1)
   OR coalesce(l.hot_children, -1) <> coalesce(hot.children, -1)
   OR coalesce(l.hot_suspects, -1) <> coalesce(hot.suspects, -1)
SET l.residents = residents, l.hotspot = hot.hotspot, l.hot_sightings = hot.sightings,
    l.hot_victims = hot.victims, l.hot_finds = hot.finds, l.hot_children = hot.children,
    l.hot_suspects = hot.suspects
