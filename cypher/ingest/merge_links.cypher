// name: merge_links
// description: Create or update typed links between entities with first/last seen, supporting report refs, times and counts.
// mode: write
// param: rows: list — maps {from, to, type, ref, seen, at, count, note}
UNWIND $rows AS row
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
MERGE (a)-[r:$(row.type)]->(b)
ON CREATE SET r.loaded_at = toString(datetime.truncate('second', datetime()))
SET r.refs = CASE WHEN row.ref IN coalesce(r.refs, []) THEN r.refs
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
                   ELSE coalesce(r.notes, []) + row.note END
SET r.count = CASE WHEN coalesce(r.reported_count, 0) > size(coalesce(r.times, r.refs))
                   THEN r.reported_count ELSE size(coalesce(r.times, r.refs)) END
