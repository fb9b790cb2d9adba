// name: resolve_create_rels
// description: Create relationships between nodes given by element id, with a type from the model and all their properties.
// mode: write
// param: rows: list — maps {from, to, type, props}
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
