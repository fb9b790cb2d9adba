// name: resolve_decision
// description: One resolution decision with all its properties (the merge snapshot included).
// param: id: str — the decision id
// returns: d
MATCH (d:MergeDecision {id: $id})
RETURN properties(d) AS d
