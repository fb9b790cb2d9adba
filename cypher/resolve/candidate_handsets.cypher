// name: resolve_candidate_handsets
// description: Every phone in call data with the phones it called or was called by (when each link was first and last seen, and its call times) and its known users, for finding one person's switch from one handset to the next.
// returns: uid, key, calls, users
MATCH (p:Phone)-[r:CALLED]-(o:Phone)
WHERE o <> p
WITH p, collect({other: o.uid, first: r.first_seen, last: r.last_seen,
                 times: coalesce(r.times, [])}) AS calls
RETURN p.uid AS uid, p.key AS key, calls,
       [(u:Person)-[:USES]->(p) | {uid: u.uid, name: u.name}] AS users
ORDER BY uid
