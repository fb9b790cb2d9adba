// name: bind_person_keys
// description: Give people loaded before identity keys existed (or created outside ingest) their key nodes: own key first, then nominal and name + date of birth where no other person holds them; returns how many people it did.
// mode: write
// param: limit: int = 5000 — people per call (call again until it returns 0)
// returns: people
// Runs at the start of each load. A key another person already holds stays with that person
// (the pair is left to the candidate search). The statements run in one transaction and the
// key nodes they MERGE are constraint-locked, so two loads doing this at once take turns.
// Planned once (replan=skip): a scan of people, whatever the graph's statistics; it runs
// at the start of every load, so it is not remade each time the graph has grown.
CYPHER replan=skip
MATCH (p:Person)
WHERE p.keys IS NULL AND p.key IS NOT NULL
WITH p ORDER BY p.uid LIMIT $limit
MERGE (k:PersonKey {key: p.key})
WITH p, k
WHERE k.uid IS NULL
   OR NOT EXISTS { MATCH (e:Entity {uid: k.uid}) USING INDEX e:Entity(uid) }
SET k.uid = p.uid;
CYPHER replan=skip
MATCH (p:Person)
WHERE p.keys IS NULL
WITH p ORDER BY p.uid LIMIT $limit
CALL (p) {
  UNWIND [x IN [p.key,
                CASE WHEN p.nominal_ref IS NOT NULL THEN 'ref:' + p.nominal_ref END,
                CASE WHEN p.name_dob IS NOT NULL THEN 'nd:' + p.name_dob END]
          WHERE x IS NOT NULL] AS key
  MERGE (k:PersonKey {key: key})
  SET k.uid = CASE WHEN k.uid IS NULL
                     OR NOT EXISTS { MATCH (e:Entity {uid: k.uid}) USING INDEX e:Entity(uid) }
                   THEN p.uid ELSE k.uid END
  RETURN collect(DISTINCT CASE WHEN k.uid = p.uid THEN key END) AS mine
}
SET p.keys = mine
RETURN count(p) AS people
