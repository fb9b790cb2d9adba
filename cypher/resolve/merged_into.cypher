// name: resolve_merged_into
// description: The entity a record was merged into by the latest applied merge of it, and that merge's decision id (a merged-away uid no longer names a node; its links and reports moved to the kept one).
// param: uid: str — the uid of the record merged away
// returns: kept, decision
MATCH (d:MergeDecision {a_uid: $uid})
WHERE d.kind = 'merge' AND d.status = 'applied'
RETURN d.b_uid AS kept, d.id AS decision
ORDER BY d.at DESC
LIMIT 1
