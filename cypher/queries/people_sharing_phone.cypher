// name: people_sharing_phone
// description: Phones used by two or more people, one row per user, with the reports that say so.
// param: phone: str = null — only this phone (any format: normalised to E.164)
// param: person: str = null — only phones this person shares (person uid; a name or nominal ref is resolved)
// param: limit: int = null — at most this many rows (all when not given)
// returns: phone, users, person_uid, person, roles, first_seen, last_seen, refs
// Starts from an index seek on the phone or the person; only with neither does it list
// every shared phone (the last branch runs only then), from the index of the phones'
// users, a count kept by every write (graphintel/derived.py), and keeps the first `limit`
// in key order: each has two users or more, so those phones give at least `limit` rows,
// and they are the first ones in the order of the listing.
CALL () {
  MATCH (ph:Phone {key: $phone})
  RETURN ph
  UNION
  MATCH (:Entity:Person {uid: $person})-[:USES]->(ph:Phone)
  WHERE $phone IS NULL
  RETURN ph
  UNION
  UNWIND CASE WHEN $phone IS NULL AND $person IS NULL THEN [true] ELSE [] END AS every_phone
  CALL (every_phone) {
    MATCH (ph:Phone) USING INDEX ph:Phone(users)
    WHERE ph.users >= 2
    RETURN ph ORDER BY ph.key
    LIMIT coalesce($limit, 9223372036854775807)
  }
  RETURN ph
}
MATCH (ph)<-[u:USES]-(p:Person)
WITH ph, collect({p: p, u: u}) AS users
WHERE size(users) >= 2 AND ($person IS NULL OR any(x IN users WHERE x.p.uid = $person))
UNWIND users AS x
RETURN ph.key AS phone, size(users) AS users, x.p.uid AS person_uid, x.p.name AS person,
       coalesce(x.p.roles, []) AS roles, x.u.first_seen AS first_seen, x.u.last_seen AS last_seen,
       x.u.refs AS refs
ORDER BY phone, person, person_uid
LIMIT coalesce($limit, 9223372036854775807)
