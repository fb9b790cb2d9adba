// name: people_at_place
// description: People linked to a place: living at, frequenting or seen there, in an event there, or in a vehicle seen there.
// param: postcode: str = null — places with this postcode (any format: normalised, e.g. BA1 1AA)
// param: address: str = null — places whose address contains this text (case-insensitive)
// param: limit: int = null — at most this many rows (all when not given)
// returns: place_uid, place, postcode, person_uid, person, roles, how, first_seen, last_seen, refs
// Places come in the order of their key (postcode, then address; places without a postcode
// after), read from the key index: a postcode is a prefix of its places' keys, so it seeks
// them; without one the index is walked in order and the walk stops once `limit` rows are
// out. An address alone is a case-insensitive substring filter on that walk, which no
// index answers. The hint keeps the key index the start on a small graph too, where the
// planner would otherwise be free to scan every place.
MATCH (l:Location) USING INDEX l:Location(key)
WHERE l.key STARTS WITH coalesce($postcode, '')
  AND ($postcode IS NULL OR l.postcode = $postcode)
  AND ($address IS NULL OR toLower(coalesce(l.address, '')) CONTAINS toLower($address))
WITH l ORDER BY l.key
CALL (l) {
  MATCH (p:Person)-[r:LIVES_AT|FREQUENTS|SEEN_AT]->(l)
  RETURN p, type(r) AS how, r.first_seen AS first_seen, r.last_seen AS last_seen, r.refs AS refs
  UNION ALL
  MATCH (p:Person)-[pe:SUBJECT_OF|INVOLVED_IN]->(e:Event)-[el:FOUND_AT|MISSING_FROM|OCCURRED_AT]->(l)
  RETURN p, type(pe) + ' ' + e.kind + ' ' + type(el) AS how, el.first_seen AS first_seen,
         el.last_seen AS last_seen, el.refs AS refs
  UNION ALL
  MATCH (p:Person)-[pv:OWNS|DRIVES|PASSENGER_IN]->(v:Vehicle)-[vs:SEEN_AT]->(l)
  RETURN p, type(pv) + ' ' + v.key + ' SEEN_AT' AS how, vs.first_seen AS first_seen,
         vs.last_seen AS last_seen, pv.refs + [x IN vs.refs WHERE NOT x IN pv.refs] AS refs
}
RETURN l.uid AS place_uid, coalesce(l.address, l.postcode, l.key) AS place, l.postcode AS postcode,
       p.uid AS person_uid, p.name AS person, coalesce(p.roles, []) AS roles, how,
       first_seen, last_seen, refs
ORDER BY l.key, person, person_uid, how, first_seen, last_seen, refs
LIMIT coalesce($limit, 9223372036854775807)
