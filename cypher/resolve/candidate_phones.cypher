// name: resolve_candidate_phones
// description: Every phone with its key, the forms it was written in and its data-quality flags, for finding numbers that differ only by formatting.
// returns: uid, key, variants, flags, users
MATCH (p:Phone)
RETURN p.uid AS uid, p.key AS key, coalesce(p.variants, []) AS variants,
       coalesce(p.flags, []) AS flags, COUNT { (:Person)-[:USES]->(p) } AS users
