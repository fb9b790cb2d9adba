// name: merge_entities
// description: Create or update phones, vehicles, locations, accounts and events by their normalised keys (label from the model).
// mode: write
// param: rows: list — one [uid, key, label, props, kinds, flags, variants, create, extracted] per entity of the batch (graphintel/ingest/writer.py _entity_rows), trailing nulls left off
// param: kind_order: list — when an entity is given several kinds, the one shown (the first it has); every kind is kept in kinds
// props: what the batch's asserted mentions say (set on every write); create: the first
// mention's, when that one is extracted only (what a new node starts from); extracted:
// true when every mention is, so extracted_only stays true only for entities no report
// has asserted. Lists rather than maps keep the parameters small to encode.
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
WITH toString(datetime.truncate('second', datetime())) AS now
UNWIND $rows AS row
MERGE (n:Entity {uid: row[0]})
ON CREATE SET n.key = row[1], n += coalesce(row[7], {}),
              n.extracted_only = coalesce(row[8], false), n.loaded_at = now
SET n:$(row[2])
FOREACH (props IN CASE WHEN row[3] IS NULL THEN [] ELSE [row[3]] END |
  SET n += props, n.extracted_only = false)
SET n.kinds = reduce(acc = n.kinds, k IN coalesce(row[4], []) |
                     CASE WHEN k IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + k END)
SET n.kind = head([k IN $kind_order WHERE k IN coalesce(n.kinds, [])] + [n.kind]),
    n.flags = reduce(acc = coalesce(n.flags, []), x IN coalesce(row[5], []) |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.variants = reduce(acc = n.variants, v IN coalesce(row[6], []) |
                        CASE WHEN v IN coalesce(acc, []) THEN acc ELSE coalesce(acc, []) + v END)
