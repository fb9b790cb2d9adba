// name: record_source_ids
// description: Record the source IDs of the entities a batch wrote (the index of source IDs); an ID already recorded keeps the entity it named first.
// mode: write
// param: rows: list — maps {key, uid, label, source}
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MERGE (s:SourceId {key: row.key})
ON CREATE SET s.uid = row.uid, s.label = row.label, s.source = row.source,
              s.loaded_at = toString(datetime.truncate('second', datetime()))
