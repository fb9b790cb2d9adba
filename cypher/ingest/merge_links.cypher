// name: merge_links
// description: Create or update typed links between entities with first/last seen, supporting report refs, the rows of file-wide reports, times, counts, subtypes (kinds) and roles in an occurrence.
// mode: write
// param: rows: list — one list per (from, to, type) of the batch, with what its links give the relationship: [from, to, type, refs, first_seen, last_seen, reported_count, times, notes, rows, kinds, roles] (graphintel/ingest/writer.py _link_rows); trailing nulls are left off, last_seen is null when it equals first_seen
// Lists rather than maps keep the parameters small to encode.
// One branch per relationship type of the model (graphintel/model.py LINK_TYPES, checked by
// a test): a static type lets the planner expand between the two known nodes instead of
// scanning relationships, whatever the statistics say.
// A relationship without properties (just created) is given the batch's values at once;
// one already there gains what the batch adds: refs, times, notes, rows, kinds and roles
// it did not have, an earlier first or later last seen, a higher reported count, and its
// count is recomputed. Both end as if the links had been merged one at a time. Each is
// then marked strong or not from all of its reports' gradings.
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
WITH toString(datetime.truncate('second', datetime())) AS now
UNWIND $rows AS v
WITH now, {from: v[0], to: v[1], type: v[2]} AS row,
     {refs: v[3], first_seen: v[4], last_seen: coalesce(v[5], v[4]), reported_count: v[6],
      times: v[7], notes: v[8], rows: v[9], kinds: v[10], roles: v[11],
      count: CASE WHEN coalesce(v[6], 0) > size(coalesce(v[7], v[3])) THEN v[6]
                  ELSE size(coalesce(v[7], v[3])) END} AS new
MATCH (a:Entity {uid: row.from})
MATCH (b:Entity {uid: row.to})
CALL (a, b, row) {
  WITH a, b, row WHERE row.type = 'ASSOCIATE_OF'
  MERGE (a)-[r:ASSOCIATE_OF]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'FAMILY_OF'
  MERGE (a)-[r:FAMILY_OF]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'EXPLOITS'
  MERGE (a)-[r:EXPLOITS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'USES'
  MERGE (a)-[r:USES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'OWNS'
  MERGE (a)-[r:OWNS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'DRIVES'
  MERGE (a)-[r:DRIVES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'PASSENGER_IN'
  MERGE (a)-[r:PASSENGER_IN]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'LIVES_AT'
  MERGE (a)-[r:LIVES_AT]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'FREQUENTS'
  MERGE (a)-[r:FREQUENTS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'SEEN_AT'
  MERGE (a)-[r:SEEN_AT]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'CALLED'
  MERGE (a)-[r:CALLED]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'HAS_ACCOUNT'
  MERGE (a)-[r:HAS_ACCOUNT]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'MESSAGED'
  MERGE (a)-[r:MESSAGED]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'SUBJECT_OF'
  MERGE (a)-[r:SUBJECT_OF]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'INVOLVED_IN'
  MERGE (a)-[r:INVOLVED_IN]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'FOUND_AT'
  MERGE (a)-[r:FOUND_AT]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'MISSING_FROM'
  MERGE (a)-[r:MISSING_FROM]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'OCCURRED_AT'
  MERGE (a)-[r:OCCURRED_AT]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'INVESTIGATED_BY'
  MERGE (a)-[r:INVESTIGATED_BY]->(b)
  RETURN r
}
WITH r, new, now, size(keys(r)) = 0 AS created
CALL (r, new, now, created) {
  WITH r, new, now WHERE created
  SET r += new, r.loaded_at = now
}
CALL (r, new, now, created) {
  WITH r, new, now WHERE NOT created
  SET r.loaded_at = coalesce(r.loaded_at, now),
      r.refs = reduce(acc = coalesce(r.refs, []), x IN new.refs |
                      CASE WHEN x IN acc THEN acc ELSE acc + x END),
      r.first_seen = CASE WHEN new.first_seen IS NOT NULL
                               AND (r.first_seen IS NULL OR new.first_seen < r.first_seen)
                          THEN new.first_seen ELSE r.first_seen END,
      r.last_seen = CASE WHEN new.last_seen IS NOT NULL
                              AND (r.last_seen IS NULL OR new.last_seen > r.last_seen)
                         THEN new.last_seen ELSE r.last_seen END,
      r.times = reduce(acc = r.times, x IN coalesce(new.times, []) |
                       CASE WHEN x IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + x END),
      r.reported_count = CASE WHEN new.reported_count IS NOT NULL
                                   AND (r.reported_count IS NULL
                                        OR new.reported_count > r.reported_count)
                              THEN new.reported_count ELSE r.reported_count END,
      r.notes = reduce(acc = r.notes, x IN coalesce(new.notes, []) |
                       CASE WHEN x IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + x END),
      r.rows = reduce(acc = r.rows, x IN coalesce(new.rows, []) |
                      CASE WHEN x IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + x END),
      r.kinds = reduce(acc = r.kinds, x IN coalesce(new.kinds, []) |
                       CASE WHEN x IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + x END),
      r.roles = reduce(acc = r.roles, x IN coalesce(new.roles, []) |
                       CASE WHEN x IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + x END)
  SET r.count = CASE WHEN coalesce(r.reported_count, 0) > size(coalesce(r.times, r.refs))
                     THEN r.reported_count ELSE size(coalesce(r.times, r.refs)) END
}
// strong: some report behind the link is well graded, so it is not a weak link whatever
// else (a report is weak when graded 3x5x2 source 3 or intelligence D/E, or 5x5x5 source D
// or intelligence 4/5; the same text as cypher/derived/link_strength.cypher)
WITH r
WHERE r.refs IS NOT NULL
WITH r, any(ref IN r.refs WHERE NOT EXISTS {
       MATCH (rep:Report {ref: ref})
       WHERE CASE WHEN rep.grading_scheme = '5x5x5'
                  THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
                  ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END
     }) AS strong
WHERE coalesce(r.strong, false) <> strong
SET r.strong = CASE WHEN strong THEN true END
