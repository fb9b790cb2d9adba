// name: lookup_profile_entities
// description: A person's phones, vehicles, addresses, places seen and online accounts, with the link type and its evidence.
// param: uid: str — the person's uid
// returns: label, type, uid, name, detail, first_seen, last_seen, count, refs, rows
MATCH (p:Entity:Person {uid: $uid})-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|SEEN_AT|HAS_ACCOUNT]->(e:Entity)
RETURN [l IN labels(e) WHERE l <> 'Entity'][0] AS label, type(r) AS type, e.uid AS uid,
       CASE WHEN e:Location THEN coalesce(e.address + ', ' + e.postcode, e.address, e.postcode, e.key)
            ELSE e.key END AS name,
       CASE WHEN e:Vehicle THEN trim(coalesce(e.colour + ' ', '') + coalesce(e.make + ' ', '') + coalesce(e.model, ''))
            WHEN e:Location THEN e.kind
            ELSE null END AS detail,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.count AS count, r.refs AS refs,
       coalesce(r.rows, []) AS rows
ORDER BY label, type, name, uid
