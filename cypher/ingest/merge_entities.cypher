// name: merge_entities
// description: Create or update phones, vehicles, locations, accounts and events by their normalised keys (label from the model).
// mode: write
// param: rows: list — maps {uid, key, label, props, flags, variant, extracted}
// param: kind_order: list — when an entity is given several kinds, the one shown (the first it has); every kind is kept in kinds
UNWIND $rows AS row
MERGE (n:Entity {uid: row.uid})
ON CREATE SET n.key = row.key, n += row.props, n.extracted_only = row.extracted,
              n.loaded_at = toString(datetime.truncate('second', datetime()))
SET n:$(row.label)
FOREACH (_ IN CASE WHEN row.extracted THEN [] ELSE [1] END |
  SET n += row.props, n.extracted_only = false)
SET n.kinds = CASE WHEN row.props.kind IS NULL OR row.props.kind IN coalesce(n.kinds, [])
                  THEN n.kinds ELSE coalesce(n.kinds, []) + row.props.kind END
SET n.kind = head([k IN $kind_order WHERE k IN coalesce(n.kinds, [])] + [n.kind])
SET n.flags = reduce(acc = coalesce(n.flags, []), x IN row.flags |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.variants = CASE WHEN row.variant IS NULL OR row.variant IN coalesce(n.variants, [])
                      THEN n.variants ELSE coalesce(n.variants, []) + row.variant END
