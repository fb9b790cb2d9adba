// name: agenda_new_links
// description: Links from people that were first loaded after one analysis run and no later than another (what is new between two runs).
// param: since: str — created_at of the earlier run (exclusive)
// param: until: str — created_at of the later run (inclusive)
// returns: a, type, b, label, key, address, postcode, kind, refs, rows, first_seen, loaded_at
MATCH (a:Person)-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS|USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|SEEN_AT|HAS_ACCOUNT]->(b:Entity)
WHERE r.loaded_at > $since AND r.loaded_at <= $until
RETURN a.uid AS a, type(r) AS type, b.uid AS b,
       [l IN labels(b) WHERE l <> 'Entity'][0] AS label, b.key AS key,
       b.address AS address, b.postcode AS postcode, b.kind AS kind,
       coalesce(r.refs, []) AS refs, coalesce(r.rows, []) AS rows, r.first_seen AS first_seen,
       r.loaded_at AS loaded_at
ORDER BY a, type, b
