// name: resolve_source_ids
// description: The entity each source ID names (the index of source IDs), following a person merged since into the person it became.
// param: keys: list — source ID keys (<source>/<space>/<id>)
// returns: key, uid, label
UNWIND $keys AS key
MATCH (s:SourceId {key: key})
OPTIONAL MATCH (e:Entity {uid: s.uid})
CALL (s, e) {
  WITH s, e WHERE e IS NULL
  MATCH (p:Entity) WHERE s.uid IN p.merged_uids
  RETURN p.uid AS now LIMIT 1
  UNION
  WITH s, e WHERE e IS NOT NULL
  RETURN e.uid AS now
}
RETURN key, now AS uid, s.label AS label
