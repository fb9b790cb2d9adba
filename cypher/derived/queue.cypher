// name: derived_queue
// description: Record, in the transaction of an ingest batch, what the batch touched (graphintel.derived.Touched), for graphintel.derived.settle once the load ends.
// mode: write
// param: id: str — a new id for this record
// param: touched: map — lists of uids by kind: people, sources, phones, places, sighted, events
// Committed with the batch, so a load stopped part way leaves the record for the next
// load to settle.
CREATE (:PendingMarkers {id: $id, people: $touched.people, sources: $touched.sources,
                         phones: $touched.phones, places: $touched.places,
                         sighted: $touched.sighted, events: $touched.events})
