// name: resolve_rejected_pairs
// description: Pairs an analyst recorded as different entities (reject decisions in force), so they are not proposed again.
// returns: a_uid, b_uid, id
MATCH (d:MergeDecision {kind: 'reject', status: 'applied'})
RETURN d.a_uid AS a_uid, d.b_uid AS b_uid, d.id AS id
