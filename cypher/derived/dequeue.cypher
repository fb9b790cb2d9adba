// name: derived_dequeue
// description: Drop the records of ingest batches whose markers have been settled.
// mode: write
// param: ids: list — ids of the records settled
// Planned once (replan=skip): its lookups are by unique keys, so the plan does not depend
// on the graph's statistics and is not remade as a load changes them.
CYPHER replan=skip
MATCH (q:PendingMarkers)
WHERE q.id IN $ids
DELETE q
