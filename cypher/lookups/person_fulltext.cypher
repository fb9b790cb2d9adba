// name: lookup_person_fulltext
// description: People whose name or aliases match a Lucene query on the person_names full-text index, best first.
// param: query: str — a Lucene query built from escaped user text
// param: limit: int = 20 — at most this many people
// returns: uid, name, aliases, dob, nominal_ref, roles, score
CALL db.index.fulltext.queryNodes('person_names', $query, {limit: $limit}) YIELD node, score
RETURN node.uid AS uid, node.name AS name, coalesce(node.aliases, []) AS aliases,
       node.dob AS dob, node.nominal_ref AS nominal_ref, coalesce(node.roles, []) AS roles, score
ORDER BY score DESC, name, uid
