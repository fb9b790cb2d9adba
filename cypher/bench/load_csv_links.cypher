// name: bench_load_csv_links
// description: Yardstick: load typed links (from, to, type, ref, seen) from a CSV with LOAD CSV.
// mode: autocommit
// param: url: str — file URL of the CSV inside the import folder
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
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
  }
  SET r.refs = CASE WHEN row.ref IN coalesce(r.refs, []) THEN r.refs
                    ELSE coalesce(r.refs, []) + row.ref END,
      r.first_seen = CASE WHEN r.first_seen IS NULL OR row.seen < r.first_seen
                          THEN row.seen ELSE r.first_seen END,
      r.last_seen = CASE WHEN r.last_seen IS NULL OR row.seen > r.last_seen
                         THEN row.seen ELSE r.last_seen END
} IN TRANSACTIONS OF 1000 ROWS
