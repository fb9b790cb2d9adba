// name: actions_list
// description: Meeting actions with the meeting that raised them, optionally only those of the given statuses; soonest due first.
// param: statuses: list — statuses to keep (open, in_progress, done, dropped); empty for all
// returns: id, key, text, network, owner, agency, due, status, outcome, subjects, created_at, updated_at, closed_at, changes, superseded_by, meeting, meeting_date, run_id
MATCH (m:Meeting)-[:RAISED]->(x:MeetingAction)
WHERE size($statuses) = 0 OR x.status IN $statuses
RETURN x.id AS id, x.key AS key, x.text AS text, x.network AS network, x.owner AS owner,
       x.agency AS agency, x.due AS due, x.status AS status,
       coalesce(x.outcome, '') AS outcome, coalesce(x.subjects, []) AS subjects,
       x.created_at AS created_at, x.updated_at AS updated_at, x.closed_at AS closed_at,
       size(coalesce(x.history, [])) AS changes, x.superseded_by AS superseded_by,
       m.id AS meeting, m.date AS meeting_date, m.run_id AS run_id
ORDER BY x.due, m.date, x.id
