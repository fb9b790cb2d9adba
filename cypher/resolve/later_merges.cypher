// name: resolve_later_merges
// description: Merges still in force, made after a given one, that involve the same entities (they must be undone first).
// param: id: str — the merge being undone
// param: at: str — when it was made
// param: uids: list — the uids it involved
// returns: id, a_uid, b_uid, at
MATCH (d:MergeDecision {kind: 'merge', status: 'applied'})
WHERE d.id <> $id AND d.at > $at AND (d.a_uid IN $uids OR d.b_uid IN $uids)
RETURN d.id AS id, d.a_uid AS a_uid, d.b_uid AS b_uid, d.at AS at
ORDER BY at DESC
