// name: source_ids_of
// description: The source IDs recorded for each of the given entities.
// param: uids: list — entity uids
// returns: uid, keys
UNWIND $uids AS uid
MATCH (s:SourceId {uid: uid})
RETURN uid, collect(s.key) AS keys
