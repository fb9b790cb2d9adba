// name: people_sharing_vehicle
// description: Vehicles two or more people own, drive or ride in, one row per person, with how and the reports.
// param: vrm: str = null — only this vehicle (any format: normalised, upper case, no spaces)
// param: person: str = null — only vehicles this person shares (person uid; a name or nominal ref is resolved)
// param: limit: int = null — at most this many rows (all when not given)
// returns: vrm, vehicle, users, person_uid, person, roles, how, first_seen, last_seen, refs
// Starts from an index seek on the vehicle or the person; only with neither does it go
// through the vehicles (the last branch runs only then), in the order of the key index,
// and stops at the `limit`-th shared vehicle: each has two people or more, so those
// vehicles give at least `limit` rows, and they are the first ones in the listing's order.
// Of those, only the first whose people make up `limit` rows are read further.
CALL () {
  MATCH (v:Vehicle {key: $vrm})
  RETURN v
  UNION
  MATCH (:Entity:Person {uid: $person})-[:OWNS|DRIVES|PASSENGER_IN]->(v:Vehicle)
  WHERE $vrm IS NULL
  RETURN v
  UNION
  UNWIND CASE WHEN $vrm IS NULL AND $person IS NULL THEN [true] ELSE [] END AS every_vehicle
  CALL (every_vehicle) {
    MATCH (v:Vehicle)
    WHERE v.key IS NOT NULL
    WITH v, COUNT { MATCH (v)<-[:OWNS|DRIVES|PASSENGER_IN]-(p:Person) RETURN DISTINCT p }
            AS sharers
    WHERE sharers >= 2
    WITH v, sharers ORDER BY v.key
    LIMIT coalesce($limit, 9223372036854775807)
    WITH collect({v: v, sharers: sharers}) AS shared
    UNWIND reduce(acc = {rows: 0, vs: []}, x IN shared |
                  CASE WHEN acc.rows >= coalesce($limit, 9223372036854775807) THEN acc
                       ELSE {rows: acc.rows + x.sharers, vs: acc.vs + [x.v]} END).vs AS v
    RETURN v
  }
  RETURN v
}
MATCH (v)<-[l:OWNS|DRIVES|PASSENGER_IN]-(p:Person)
WITH v, p, collect(type(l)) AS how, min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen,
     collect(l.refs) AS ref_lists
WITH v, collect({p: p, how: how, first_seen: first_seen, last_seen: last_seen,
                 refs: reduce(acc = [], rs IN ref_lists | acc + [x IN rs WHERE NOT x IN acc])}) AS users
WHERE size(users) >= 2 AND ($person IS NULL OR any(x IN users WHERE x.p.uid = $person))
UNWIND users AS x
RETURN v.key AS vrm,
       trim(coalesce(v.colour + ' ', '') + coalesce(v.make + ' ', '') + coalesce(v.model, '')) AS vehicle,
       size(users) AS users, x.p.uid AS person_uid, x.p.name AS person, coalesce(x.p.roles, []) AS roles,
       x.how AS how, x.first_seen AS first_seen, x.last_seen AS last_seen, x.refs AS refs
ORDER BY vrm, person, person_uid
LIMIT coalesce($limit, 9223372036854775807)
