// name: derived_dequeue
// description: Drop the records of ingest batches whose markers have been settled.
// mode: write
// param: ids: list — ids of the records settled
MATCH (q:PendingMarkers)
WHERE q.id IN $ids
DELETE q
