// name: resolve_update_rels
// description: Replace the properties of relationships by element id (a merged link's combined evidence).
// mode: write
// param: rows: list — maps {id, props}
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r = row.props
