// name: resolve_decisions
// description: Resolution decisions (merges, rejects, undos), newest first, without the merge snapshots.
// param: limit: int = 100 — at most this many
// returns: id, kind, a_uid, b_uid, a_label, b_label, reason, user, at, status, undone_by, undone_at, undoes
MATCH (d:MergeDecision)
RETURN d.id AS id, d.kind AS kind, d.a_uid AS a_uid, d.b_uid AS b_uid, d.a_label AS a_label,
       d.b_label AS b_label, d.reason AS reason, d.user AS user, d.at AS at, d.status AS status,
       d.undone_by AS undone_by, d.undone_at AS undone_at, d.undoes AS undoes
ORDER BY at DESC, id
LIMIT $limit
