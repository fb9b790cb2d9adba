// name: derived_pending
// description: What the given records of ingest batches touched.
// param: ids: list — ids of records (derived_pending_ids)
// returns: id, touched
MATCH (q:PendingMarkers)
WHERE q.id IN $ids
RETURN q.id AS id, q {.people, .sources, .phones, .places, .sighted, .events} AS touched
ORDER BY id
