// name: resolve_update_reason
// description: Give a reject decision in force a new reason, keeping the earlier one with who gave it and when (the decision log keeps every reason).
// mode: write
// param: id: str — the decision id
// param: reason: str — the new reason
// param: earlier: str — the earlier reason as recorded (reason, who, when)
// param: user: str — who gave the new reason
// param: at: str — when
MATCH (d:MergeDecision {id: $id})
SET d.earlier_reasons = coalesce(d.earlier_reasons, []) + $earlier,
    d.reason = $reason, d.reason_by = $user, d.reason_at = $at
