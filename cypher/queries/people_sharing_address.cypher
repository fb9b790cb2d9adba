// name: people_sharing_address
// description: Home addresses (LIVES_AT) of two or more people, by exact address or by postcode, one row per resident.
// param: postcode: str = null — only this postcode (any format: normalised, e.g. BA1 1AA)
// param: address: str = null — only addresses containing this text (case-insensitive)
// param: by_postcode: bool = false — true: people whose addresses share a postcode; false: the same address
// param: person: str = null — only addresses this person shares (person uid; a name or nominal ref is resolved)
// param: limit: int = null — at most this many rows (all when not given)
// returns: shared, residents, person_uid, person, roles, address, postcode, first_seen, last_seen, refs
// Starts from the postcode index, or from the person (their homes, or with by_postcode
// every place with their homes' postcodes); only with neither does it list every shared
// home (one of the last two branches runs only then): from the index of the places'
// residents, a count kept by every write (graphintel/derived.py), the first places by key
// shared by two people or more, half as many as `limit` rounded up (each gives a row per
// resident, so two rows or more); or, by postcode, postcodes in the order of the
// postcode index, stopping at the `limit`-th one shared by two people or more (with
// `address`, counted among the matching places only). Those give at least `limit` rows,
// the first ones in the listing's order.
// The postcode seeks name their index, so a small graph's statistics cannot turn them into
// a scan of every place.
CALL () {
  MATCH (l:Location {postcode: $postcode}) USING INDEX l:Location(postcode)
  RETURN l
  UNION
  MATCH (:Entity:Person {uid: $person})-[:LIVES_AT]->(home:Location)
  WHERE $postcode IS NULL
  CALL (home) {
    MATCH (l:Location {postcode: home.postcode}) USING INDEX l:Location(postcode)
    WHERE $by_postcode
    RETURN l
    UNION
    WITH home WHERE NOT $by_postcode
    RETURN home AS l
  }
  RETURN l
  UNION
  UNWIND CASE WHEN $postcode IS NULL AND $person IS NULL AND NOT $by_postcode
              THEN [true] ELSE [] END AS every_home
  CALL (every_home) {
    MATCH (l:Location) USING INDEX l:Location(residents)
    WHERE l.residents >= 2
      AND ($address IS NULL OR toLower(coalesce(l.address, '')) CONTAINS toLower($address))
    RETURN l ORDER BY l.key
    LIMIT coalesce(($limit + 1) / 2, 9223372036854775807)
  }
  RETURN l
  UNION
  UNWIND CASE WHEN $postcode IS NULL AND $person IS NULL AND $by_postcode
              THEN [true] ELSE [] END AS every_postcode
  CALL (every_postcode) {
    MATCH (l:Location)
    WHERE l.postcode IS NOT NULL
    WITH l ORDER BY l.postcode
    MATCH (l)<-[:LIVES_AT]-(p:Person)
    WHERE $address IS NULL OR toLower(coalesce(l.address, '')) CONTAINS toLower($address)
    WITH l.postcode AS postcode, count(DISTINCT p) AS residents
    WHERE residents >= 2
    RETURN postcode ORDER BY postcode
    LIMIT coalesce($limit, 9223372036854775807)
  }
  MATCH (l:Location {postcode: postcode}) USING INDEX l:Location(postcode)
  RETURN l
}
MATCH (l)<-[h:LIVES_AT]-(p:Person)
WHERE ($address IS NULL OR toLower(coalesce(l.address, '')) CONTAINS toLower($address))
  AND (NOT $by_postcode OR l.postcode IS NOT NULL)
WITH CASE WHEN $by_postcode THEN l.postcode
          ELSE coalesce(l.address + ', ' + l.postcode, l.address, l.postcode, l.key) END AS shared,
     CASE WHEN $by_postcode THEN l.postcode ELSE l.key END AS grouping, l, h, p
WITH grouping, shared, collect(DISTINCT p.uid) AS people, collect({p: p, l: l, h: h}) AS rows
WHERE size(people) >= 2 AND ($person IS NULL OR $person IN people)
UNWIND rows AS x
RETURN shared, size(people) AS residents, x.p.uid AS person_uid, x.p.name AS person,
       coalesce(x.p.roles, []) AS roles, x.l.address AS address, x.l.postcode AS postcode,
       x.h.first_seen AS first_seen, x.h.last_seen AS last_seen, x.h.refs AS refs
ORDER BY grouping, person, person_uid, address
LIMIT coalesce($limit, 9223372036854775807)
