// name: agenda_vehicle_reads
// description: Where the given vehicles were seen (ANPR cameras and other places), with counts and the supporting reports.
// param: uids: list — vehicle uids
// returns: vehicle, location, address, postcode, kind, refs, count, last_seen
UNWIND $uids AS uid
MATCH (v:Entity {uid: uid})-[r:SEEN_AT]->(l:Location)
RETURN uid AS vehicle, l.uid AS location, coalesce(l.address, l.key) AS address,
       l.postcode AS postcode, l.kind AS kind, coalesce(r.refs, []) AS refs,
       coalesce(r.count, size(coalesce(r.refs, []))) AS count, r.last_seen AS last_seen
ORDER BY vehicle, location
