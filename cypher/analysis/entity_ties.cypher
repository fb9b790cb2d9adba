// name: projection_entity_ties
// description: People tied to a phone, vehicle, home address, frequented place, online account or event, for shared-entity links.
// returns: person, entity, label, entity_label, type, refs, rows, first_seen, last_seen
// batched: yes
// The ties are collected as relationships, then read 5,000 to a record.
MATCH (:Person)-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(:Entity)
WITH collect(r) AS items
UNWIND range(0, size(items) - 1, 5000) AS i
CALL (items, i) {
  UNWIND items[i..i + 5000] AS r
  WITH r, endNode(r) AS e
  RETURN collect({person: startNode(r).uid, entity: e.uid, label: labels(e),
                  entity_label: coalesce(e.key, e.uid), type: type(r), refs: r.refs,
                  rows: coalesce(r.rows, []), first_seen: r.first_seen,
                  last_seen: r.last_seen}) AS rows
}
RETURN rows
