// name: merge_links
// description: Create or update typed links between entities with first/last seen, supporting report refs, the rows of file-wide reports, times, counts, subtypes (kinds) and roles in an occurrence.
// mode: write
// param: rows: list — maps {from, to, type, ref, seen, at, count, note, row, kind, role}
// One branch per relationship type of the model (graphintel/model.py LINK_TYPES, checked by
// a test): a static type lets the planner expand between the two known nodes instead of
// scanning relationships, whatever the statistics say.
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
CALL (a, b, row) {
  WITH a, b, row WHERE row.type = 'ASSOCIATE_OF'
  MERGE (a)-[r:ASSOCIATE_OF]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'FAMILY_OF'
  MERGE (a)-[r:FAMILY_OF]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'EXPLOITS'
  MERGE (a)-[r:EXPLOITS]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'USES'
  MERGE (a)-[r:USES]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'OWNS'
  MERGE (a)-[r:OWNS]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'DRIVES'
  MERGE (a)-[r:DRIVES]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'PASSENGER_IN'
  MERGE (a)-[r:PASSENGER_IN]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'LIVES_AT'
  MERGE (a)-[r:LIVES_AT]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'FREQUENTS'
  MERGE (a)-[r:FREQUENTS]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'SEEN_AT'
  MERGE (a)-[r:SEEN_AT]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'CALLED'
  MERGE (a)-[r:CALLED]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'HAS_ACCOUNT'
  MERGE (a)-[r:HAS_ACCOUNT]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'MESSAGED'
  MERGE (a)-[r:MESSAGED]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'SUBJECT_OF'
  MERGE (a)-[r:SUBJECT_OF]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'INVOLVED_IN'
  MERGE (a)-[r:INVOLVED_IN]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'FOUND_AT'
  MERGE (a)-[r:FOUND_AT]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'MISSING_FROM'
  MERGE (a)-[r:MISSING_FROM]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'OCCURRED_AT'
  MERGE (a)-[r:OCCURRED_AT]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE row.type = 'INVESTIGATED_BY'
  MERGE (a)-[r:INVESTIGATED_BY]->(b)
  RETURN r
}
WITH r, row
SET r.loaded_at = coalesce(r.loaded_at, toString(datetime.truncate('second', datetime()))),
    r.refs = CASE WHEN row.ref IN coalesce(r.refs, []) THEN r.refs
                  ELSE coalesce(r.refs, []) + row.ref END,
    r.first_seen = CASE WHEN row.seen IS NOT NULL AND (r.first_seen IS NULL OR row.seen < r.first_seen)
                        THEN row.seen ELSE r.first_seen END,
    r.last_seen = CASE WHEN row.seen IS NOT NULL AND (r.last_seen IS NULL OR row.seen > r.last_seen)
                       THEN row.seen ELSE r.last_seen END,
    r.times = CASE WHEN row.at IS NULL OR row.at IN coalesce(r.times, []) THEN r.times
                   ELSE coalesce(r.times, []) + row.at END,
    r.reported_count = CASE WHEN row.count IS NOT NULL AND (r.reported_count IS NULL OR row.count > r.reported_count)
                            THEN row.count ELSE r.reported_count END,
    r.notes = CASE WHEN row.note IS NULL OR row.note IN coalesce(r.notes, []) THEN r.notes
                   ELSE coalesce(r.notes, []) + row.note END,
    r.rows = CASE WHEN row.row IS NULL OR row.row IN coalesce(r.rows, []) THEN r.rows
                  ELSE coalesce(r.rows, []) + row.row END,
    r.kinds = CASE WHEN row.kind IS NULL OR row.kind IN coalesce(r.kinds, []) THEN r.kinds
                   ELSE coalesce(r.kinds, []) + row.kind END,
    r.roles = CASE WHEN row.role IS NULL OR row.role IN coalesce(r.roles, []) THEN r.roles
                   ELSE coalesce(r.roles, []) + row.role END
SET r.count = CASE WHEN coalesce(r.reported_count, 0) > size(coalesce(r.times, r.refs))
                   THEN r.reported_count ELSE size(coalesce(r.times, r.refs)) END
