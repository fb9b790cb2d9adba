// name: phone_contacts
// description: The phones a phone called or was called by, with call counts, first and last call, and who uses the other phone.
// param: phone: str — the phone (any format: normalised to E.164)
// returns: phone, other_phone, direction, calls, first_call, last_call, other_users, refs
MATCH (ph:Phone {key: $phone})
CALL (ph) {
  MATCH (ph)-[c:CALLED]->(o:Phone)
  RETURN o, 'outgoing' AS direction, c
  UNION ALL
  MATCH (ph)<-[c:CALLED]-(o:Phone)
  RETURN o, 'incoming' AS direction, c
}
RETURN ph.key AS phone, o.key AS other_phone, direction, c.count AS calls,
       c.first_seen AS first_call, c.last_seen AS last_call,
       COLLECT { MATCH (u:Person)-[:USES]->(o) RETURN u.name AS x ORDER BY x } AS other_users,
       c.refs AS refs
ORDER BY calls DESC, other_phone, direction
