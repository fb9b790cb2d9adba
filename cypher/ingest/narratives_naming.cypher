// name: narratives_naming
// description: For people new to the graph, the reports whose narrative names them (phrases of their name key and recorded names on the report_narratives_folded full-text index) without making them, or anyone of the same name, one of their entities (a namesake the report names is whom it means), with the report's reference, date, the name keys of its own people (who take their words first: graphintel.ingest.suggest.NameIndex.named): read again at the end of a load for the ages they write beside the name, whatever order the reports arrived in.
// param: people: list — {uid, key, query} per person: the name key and its Lucene query (graphintel.ingest.earlier_narratives.phrase_query: phrases of the key and of the recorded names, each also surname first)
// param: per_person: int = 50 — at most this many reports a person (the best matches)
// returns: uid, key, ref, narrative, date, own_keys
UNWIND $people AS person
CALL (person) {
  CALL db.index.fulltext.queryNodes('report_narratives_folded', person.query, {limit: $per_person})
    YIELD node
  WITH node
  WHERE NOT EXISTS { MATCH (node)-[:MENTIONS]->(p:Person)
                     WHERE p.uid = person.uid OR p.name_key = person.key }
  RETURN node.ref AS ref, node.narrative AS narrative, node.date AS date,
         [(node)-[:MENTIONS]->(o:Person) WHERE o.name_key IS NOT NULL | o.name_key] AS own_keys
}
RETURN person.uid AS uid, person.key AS key, ref, narrative, date, own_keys
