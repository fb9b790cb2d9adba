// name: agenda_new_links
// description: Links from people that were first loaded after one analysis run and no later than another (what is new between two runs).
// param: since: str — created_at of the earlier run (exclusive)
// param: until: str — created_at of the later run (inclusive)
// returns: a, type, b, label, key, address, postcode, kind, refs, rows, first_seen, loaded_at
// One branch per link type a person's links have, each a range seek on that type's
// loaded_at index (link_loaded_at_* in cypher/schema.cypher): the links loaded between two
// runs are read, not every link of the graph. The hints keep the seek when the window
// covers most links (the planner may then prefer scanning people, which reads them all).
CALL () {
  MATCH (a:Person)-[r:ASSOCIATE_OF]->(b:Entity) USING INDEX r:ASSOCIATE_OF(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:FAMILY_OF]->(b:Entity) USING INDEX r:FAMILY_OF(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:EXPLOITS]->(b:Entity) USING INDEX r:EXPLOITS(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:USES]->(b:Entity) USING INDEX r:USES(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:OWNS]->(b:Entity) USING INDEX r:OWNS(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:DRIVES]->(b:Entity) USING INDEX r:DRIVES(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:PASSENGER_IN]->(b:Entity) USING INDEX r:PASSENGER_IN(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:LIVES_AT]->(b:Entity) USING INDEX r:LIVES_AT(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:FREQUENTS]->(b:Entity) USING INDEX r:FREQUENTS(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:SEEN_AT]->(b:Entity) USING INDEX r:SEEN_AT(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
  UNION ALL
  MATCH (a:Person)-[r:HAS_ACCOUNT]->(b:Entity) USING INDEX r:HAS_ACCOUNT(loaded_at)
  WHERE r.loaded_at > $since AND r.loaded_at <= $until
  RETURN a, r, b
}
RETURN a.uid AS a, type(r) AS type, b.uid AS b,
       [l IN labels(b) WHERE l <> 'Entity'][0] AS label, b.key AS key,
       b.address AS address, b.postcode AS postcode, b.kind AS kind,
       coalesce(r.refs, []) AS refs, coalesce(r.rows, []) AS rows, r.first_seen AS first_seen,
       r.loaded_at AS loaded_at
ORDER BY a, type, b
