// name: update_action
// description: Change a meeting action's owner, agency, due date, status or outcome, keeping a line of history for each change.
// mode: write
// param: id: str — the action's id
// param: changes: map — the fields to change (owner, agency, due, status, outcome, closed_at)
// param: entry: str — the history line (JSON: when, who, what changed from and to)
// param: updated_at: str — when (UTC, ISO 8601)
// returns: id, status
MATCH (x:MeetingAction {id: $id})
SET x += $changes, x.updated_at = $updated_at,
    x.history = coalesce(x.history, []) + [$entry]
RETURN x.id AS id, x.status AS status
