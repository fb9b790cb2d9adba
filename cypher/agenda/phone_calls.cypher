// name: agenda_phone_calls
// description: Calls to and from the given phones (either direction), with counts and the supporting reports.
// param: uids: list — phone uids
// returns: phone, other, refs, count, last_seen
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid})-[c:CALLED]-(b:Phone)
WHERE a <> b
RETURN uid AS phone, b.uid AS other, coalesce(c.refs, []) AS refs,
       coalesce(c.count, size(coalesce(c.refs, []))) AS count, c.last_seen AS last_seen
ORDER BY phone, other
