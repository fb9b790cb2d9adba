// name: resolve_candidate_locations
// description: Every location that has a postcode, with its address and kind, for finding near-identical addresses in one postcode.
// returns: uid, key, address, postcode, kind, variants
MATCH (l:Location)
WHERE l.postcode IS NOT NULL
RETURN l.uid AS uid, l.key AS key, l.address AS address, l.postcode AS postcode,
       l.kind AS kind, coalesce(l.variants, []) AS variants
