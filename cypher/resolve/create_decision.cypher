// name: resolve_create_decision
// description: Record a resolution decision (merge, reject or undo) with who, when and why.
// mode: write
// param: props: map — id, kind, a_uid, b_uid, reason, user, at, status and, for a merge, the snapshot
CREATE (d:MergeDecision)
SET d = $props
