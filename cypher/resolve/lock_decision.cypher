// name: resolve_lock_decision
// description: Write-lock one resolution decision and return it with all its properties, so two undos (or an undo and a reason update) of the same decision take turns and the second sees what the first did.
// mode: write
// param: id: str — the decision id
// returns: d
MATCH (d:MergeDecision {id: $id})
SET d._lock = true
REMOVE d._lock
RETURN properties(d) AS d
