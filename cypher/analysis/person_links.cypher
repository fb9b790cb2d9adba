// name: projection_person_links
// description: Direct person-to-person links (association, family, exploitation) with their evidence.
// returns: a, b, type, refs, rows, count, first_seen, last_seen
// batched: yes
// The links are collected as relationships, then read 5,000 to a record.
MATCH (:Person)-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]->(:Person)
WITH collect(r) AS items
UNWIND range(0, size(items) - 1, 5000) AS i
CALL (items, i) {
  UNWIND items[i..i + 5000] AS r
  RETURN collect({a: startNode(r).uid, b: endNode(r).uid, type: type(r), refs: r.refs,
                  rows: coalesce(r.rows, []), count: r.reported_count,
                  first_seen: r.first_seen, last_seen: r.last_seen}) AS rows
}
RETURN rows
