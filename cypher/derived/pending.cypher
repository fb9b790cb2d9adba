// name: derived_pending
// description: The records of ingest batches whose markers are not settled yet.
// returns: id, touched
MATCH (q:PendingMarkers)
RETURN q.id AS id, q {.people, .sources, .phones, .places, .sighted, .events} AS touched
ORDER BY id
