// name: chart_context
// description: Context of charted entities: where events happened and vehicles were seen, and the phones and accounts they contacted (never people, never from a place outward).
// param: uids: list — uids of charted phones, vehicles, accounts and events
// param: per_entity: int = 50 — at most this many context entities per charted entity
// returns: uid
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
WHERE NOT n:Person AND NOT n:Location
CALL (n) {
  MATCH (n)-[:FOUND_AT|MISSING_FROM|OCCURRED_AT|SEEN_AT|CALLED|MESSAGED]-(m:Entity)
  WHERE NOT m:Person
  RETURN DISTINCT m ORDER BY m.uid LIMIT $per_entity
}
RETURN DISTINCT m.uid AS uid
ORDER BY uid
