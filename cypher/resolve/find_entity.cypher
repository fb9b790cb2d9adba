// name: resolve_find_entity
// description: An entity by uid, or a person by nominal reference, for the merge and reject commands.
// param: ref: str — a uid (Person:nd:jordan smith|1990-02-11) or a nominal reference
// returns: uid, labels, label
OPTIONAL MATCH (byUid:Entity {uid: $ref})
OPTIONAL MATCH (byRef:Person {nominal_ref: $ref})
WITH coalesce(byUid, byRef) AS n
WHERE n IS NOT NULL
RETURN n.uid AS uid, labels(n) AS labels, coalesce(n.name, n.address, n.key) AS label
