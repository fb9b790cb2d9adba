// name: merge_mentions
// description: Link each report to the entities it names (asserted) or that its narrative contains (extracted), with roles and, for people, the identity keys the report gave.
// mode: write
// param: rows: list — one [ref, mentions] per report of the batch; mentions: one [uid, roles, keys, extracted] per entity the report names, each entity once (graphintel/ingest/writer.py _mention_rows), trailing nulls left off
// Lists rather than maps keep the parameters small to encode.
// A report that mentions nothing yet (new in this load) is given its mentions with CREATE:
// the rows name each entity once, and this transaction has held the report's write lock
// since merge_reports set its properties, so no other load can give it a mention before
// this one commits. A report that has mentions (a re-run, or a file-wide report in a later
// batch) MERGEs them: a mention already there gains the roles and keys it did not have,
// and stays extracted only while every mention of it is.
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MATCH (r:Report {ref: row[0]})
WITH r, row, NOT EXISTS { (r)-[:MENTIONS]->() } AS fresh
CALL (r, row, fresh) {
  WITH r, row WHERE fresh
  UNWIND row[1] AS x
  MATCH (e:Entity {uid: x[0]})
  CREATE (r)-[m:MENTIONS]->(e)
  SET m.extracted = coalesce(x[3], false), m.roles = x[1], m.keys = x[2]
  UNION ALL
  WITH r, row WHERE NOT fresh
  UNWIND row[1] AS x
  MATCH (e:Entity {uid: x[0]})
  MERGE (r)-[m:MENTIONS]->(e)
  ON CREATE SET m.extracted = coalesce(x[3], false), m.roles = x[1], m.keys = x[2]
  ON MATCH SET m.extracted = m.extracted AND coalesce(x[3], false),
               m.roles = reduce(acc = m.roles, v IN coalesce(x[1], []) |
                                CASE WHEN v IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + v END),
               m.keys = reduce(acc = m.keys, v IN coalesce(x[2], []) |
                               CASE WHEN v IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + v END)
}
