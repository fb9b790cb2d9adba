// name: projection_entity_ties
// description: People tied to a phone, vehicle, home address, frequented place, online account or event, for shared-entity links.
// returns: person, entity, label, entity_label, type, refs, rows, first_seen, last_seen
MATCH (p:Person)-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
RETURN p.uid AS person, e.uid AS entity, labels(e) AS label,
       coalesce(e.key, e.uid) AS entity_label, type(r) AS type, r.refs AS refs, coalesce(r.rows, []) AS rows,
       r.first_seen AS first_seen, r.last_seen AS last_seen
