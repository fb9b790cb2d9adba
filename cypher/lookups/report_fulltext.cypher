// name: lookup_report_fulltext
// description: Reports whose narrative matches a Lucene query on the report_narratives full-text index, best first.
// param: query: str — a Lucene query built from escaped user text
// param: limit: int = 20 — at most this many reports
// returns: ref, date, grading, narrative, score
CALL db.index.fulltext.queryNodes('report_narratives', $query, {limit: $limit}) YIELD node, score
RETURN node.ref AS ref, node.date AS date, node.grading AS grading, node.narrative AS narrative, score
ORDER BY score DESC, ref
