// name: resolve_locate
// description: Current element ids of nodes named by entity uid, report reference or element id, to re-attach links when a merge is undone.
// param: uids: list — entity uids
// param: refs: list — report references
// param: ids: list — element ids of other nodes
// returns: by, value, element_id
CALL () {
  UNWIND $uids AS v MATCH (n:Entity {uid: v}) RETURN 'uid' AS by, v AS value, elementId(n) AS element_id
  UNION ALL
  UNWIND $refs AS v MATCH (n:Report {ref: v}) RETURN 'ref' AS by, v AS value, elementId(n) AS element_id
  UNION ALL
  UNWIND $ids AS v MATCH (n) WHERE elementId(n) = v RETURN 'el' AS by, v AS value, elementId(n) AS element_id
}
RETURN by, value, element_id
