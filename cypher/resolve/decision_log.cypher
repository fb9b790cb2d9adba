// name: resolve_decision_log
// description: The decision log for analysts: resolution decisions (merges, rejects, undos), newest first, without the merge snapshots, with the conflicts a merge was made despite, the values it kept where the two records disagreed, and a reject's earlier reasons.
// param: limit: int = 100 — at most this many
// returns: id, kind, a_uid, b_uid, a_label, b_label, reason, user, at, status, undone_by, undone_at, undoes, conflicts, kept_values, earlier_reasons
MATCH (d:MergeDecision)
RETURN d.id AS id, d.kind AS kind, d.a_uid AS a_uid, d.b_uid AS b_uid, d.a_label AS a_label,
       d.b_label AS b_label, d.reason AS reason, d.user AS user, d.at AS at, d.status AS status,
       d.undone_by AS undone_by, d.undone_at AS undone_at, d.undoes AS undoes,
       d.conflicts AS conflicts, d.kept_values AS kept_values,
       d.earlier_reasons AS earlier_reasons
ORDER BY at DESC, id
LIMIT $limit
