// name: derived_entity_uids
// description: The uid of every entity, in uid order, for recomputing every marker.
// returns: uid
MATCH (n:Entity)
WHERE n.uid IS NOT NULL
RETURN n.uid AS uid
ORDER BY uid
