// name: derived_role_changes
// description: Note on each of the given people whether they are assessed as a suspect and as a victim (hot_roles), and return those whose standing changed since it was last noted.
// mode: write
// param: uids: list — uids of entities a write touched (others than people are skipped)
// returns: uids
// A change of standing changes the markers of every place the person is linked to and of
// their sightings (cypher/derived/places.cypher, link_markers.cypher).
// Planned once (replan=skip), so the plan made on an empty or small graph must hold on a
// large one: lookups force a seek of the uid index (a plan made at 1,000 reports scanned
// it for each uid), and every expansion starts from a node in hand, its far end's label
// checked after a WITH (never a label scan to expand into).
CYPHER replan=skip
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid}) USING INDEX SEEK p:Entity(uid)
WITH p WHERE p:Person
WITH p, [r IN ['suspect', 'victim'] WHERE r IN coalesce(p.roles, [])] AS standing
WITH p, CASE WHEN standing = [] THEN null ELSE standing END AS standing
WHERE coalesce(p.hot_roles, []) <> coalesce(standing, [])
SET p.hot_roles = standing
RETURN collect(p.uid) AS uids
