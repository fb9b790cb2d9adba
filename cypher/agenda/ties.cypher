// name: agenda_ties
// description: Phones, vehicles and places the given people are tied to (uses, owns, drives, passenger in, lives at, frequents, seen at), with the supporting reports; what each phone, vehicle or place is comes once per thing from agenda_tied_entities.
// param: uids: list — person uids
// returns: person, type, entity, refs, rows, first_seen, last_seen, count
// batched: yes
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|SEEN_AT]->(e:Entity)
WHERE e:Phone OR e:Vehicle OR e:Location
WITH uid AS person, type(r) AS type, e.uid AS entity, coalesce(r.refs, []) AS refs,
     coalesce(r.rows, []) AS rows, r.first_seen AS first_seen, r.last_seen AS last_seen,
     coalesce(r.count, size(coalesce(r.refs, []))) AS count
ORDER BY person, entity, type
WITH collect({person: person, type: type, entity: entity, refs: refs, rows: rows, first_seen: first_seen, last_seen: last_seen, count: count}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
