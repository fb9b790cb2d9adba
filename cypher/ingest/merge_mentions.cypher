// name: merge_mentions
// description: Link each report to the entities it names (asserted) or that its narrative contains (extracted), with roles and, for people, the identity keys the report gave.
// mode: write
// param: rows: list — maps {ref, uid, roles, keys, extracted}
UNWIND $rows AS row
MATCH (r:Report {ref: row.ref})
MATCH (e:Entity {uid: row.uid})
MERGE (r)-[m:MENTIONS]->(e)
ON CREATE SET m.extracted = row.extracted
SET m.extracted = m.extracted AND row.extracted,
    m.roles = CASE WHEN size(row.roles) = 0 THEN m.roles
                   ELSE reduce(acc = coalesce(m.roles, []), x IN row.roles |
                               CASE WHEN x IN acc THEN acc ELSE acc + x END) END,
    m.keys = CASE WHEN size(row.keys) = 0 THEN m.keys
                  ELSE reduce(acc = coalesce(m.keys, []), x IN row.keys |
                              CASE WHEN x IN acc THEN acc ELSE acc + x END) END
