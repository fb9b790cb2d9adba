// name: resolve_suggesting_reports
// description: Reports whose narrative names a person (suggested_people holds the uid), so a merge can point them at the person kept.
// param: uid: str — the person's uid
// returns: ref, uids
MATCH (r:Report)
WHERE $uid IN r.suggested_people
RETURN r.ref AS ref, r.suggested_people AS uids
