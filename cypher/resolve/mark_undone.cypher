// name: resolve_mark_undone
// description: Mark a merge or reject decision as undone, by whom, when and by which undo decision.
// mode: write
// param: id: str — the decision undone
// param: user: str — who undid it
// param: at: str — when
// param: undo_id: str — the undo decision's id
MATCH (d:MergeDecision {id: $id})
SET d.status = 'undone', d.undone_by = $user, d.undone_at = $at, d.undone_by_decision = $undo_id
