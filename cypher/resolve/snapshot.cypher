// name: resolve_snapshot
// description: One entity with its labels, all its properties and every relationship it has (type, direction, the other end, all properties), for merging and undoing a merge.
// param: uid: str — the entity's uid
// returns: element_id, labels, props, rels
MATCH (n:Entity {uid: $uid})
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(o)
  WITH DISTINCT r, o
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE
    {id: elementId(r), type: type(r), out: startNode(r) = n, other: elementId(o),
     other_uid: CASE WHEN o:Entity THEN o.uid END, other_ref: CASE WHEN o:Report THEN o.ref END,
     props: properties(r)} END) AS rels
}
RETURN elementId(n) AS element_id, labels(n) AS labels, properties(n) AS props, rels
