// name: resolve_rejection
// description: The reject decision in force for one pair of entities, if any (read inside the deciding transaction, after both are locked).
// param: a_uid: str — one entity's uid
// param: b_uid: str — the other's
// returns: d
MATCH (d:MergeDecision {kind: 'reject', status: 'applied'})
WHERE (d.a_uid = $a_uid AND d.b_uid = $b_uid) OR (d.a_uid = $b_uid AND d.b_uid = $a_uid)
RETURN properties(d) AS d
ORDER BY d.at DESC
LIMIT 1
