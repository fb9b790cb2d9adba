// name: derived_pending_ids
// description: The ids of the records of ingest batches whose markers are not settled yet.
// returns: id
MATCH (q:PendingMarkers)
RETURN q.id AS id
ORDER BY id
