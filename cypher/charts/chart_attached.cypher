// name: chart_attached
// description: The phones, vehicles, places, accounts and events linked directly to the given people, for a link chart.
// param: uids: list — person uids
// param: per_entity: int = 500 — at most this many attached entities per person
// returns: uid
// (matched through the Entity uid constraint's index, then checked to be a person)
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WHERE p:Person
CALL (p) {
  MATCH (p)--(e:Entity)
  WHERE NOT e:Person
  RETURN DISTINCT e ORDER BY e.uid LIMIT $per_entity
}
RETURN DISTINCT e.uid AS uid
ORDER BY uid
