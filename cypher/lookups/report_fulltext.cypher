// name: lookup_report_fulltext
// description: Reports that mention given phones, vehicles or postcodes (named in the report or mined from its narrative) first, then reports whose narrative matches a Lucene query on the report_narratives_folded full-text index; best first.
// param: query: str = null — a Lucene query built from escaped user text, or null: only the reports that mention what is given
// param: phones: list = [] — phone numbers already normalised to E.164
// param: vrms: list = [] — VRMs already normalised (upper case, no spaces)
// param: postcodes: list = [] — postcodes already in canonical form (every place with the postcode counts)
// param: limit: int = 20 — at most this many reports
// returns: ref, date, grading, narrative, score, mentions
// mentions is how many of the given phones, VRMs and postcodes a report mentions (however
// its narrative wrote them: the MENTIONS links hold the normalised keys), score the
// full-text score of the words (null when they do not match it). Reports mentioning more
// come first, then by score, newest, ref. Every branch starts from an index: the keys'
// uniqueness constraints, the postcode index, or the full-text index; the words are scored
// over all their matches only when something is given, to rank the reports that mention it.
CALL () {
  CALL () {
    UNWIND $phones AS key
    MATCH (e:Phone {key: key})
    RETURN e, 'phone ' + key AS given
    UNION
    UNWIND $vrms AS key
    MATCH (e:Vehicle {key: key})
    RETURN e, 'vrm ' + key AS given
    UNION
    UNWIND $postcodes AS key
    MATCH (e:Location {postcode: key})
    RETURN e, 'postcode ' + key AS given
  }
  MATCH (r:Report)-[:MENTIONS]->(e)
  RETURN r, count(DISTINCT given) AS mentions, null AS score
  UNION ALL
  WITH 1 AS one WHERE $query IS NOT NULL
  CALL db.index.fulltext.queryNodes('report_narratives_folded', $query, {limit: $limit}) YIELD node, score
  RETURN node AS r, 0 AS mentions, score
  UNION ALL
  WITH 1 AS one WHERE $query IS NOT NULL AND size($phones) + size($vrms) + size($postcodes) > 0
  CALL db.index.fulltext.queryNodes('report_narratives_folded', $query) YIELD node, score
  WITH node, score
  WHERE EXISTS { MATCH (node)-[:MENTIONS]->(e)
                 WHERE (e:Phone AND e.key IN $phones) OR (e:Vehicle AND e.key IN $vrms)
                    OR (e:Location AND e.postcode IN $postcodes) }
  RETURN node AS r, 0 AS mentions, score
}
WITH r, max(mentions) AS mentions, max(score) AS score
ORDER BY mentions DESC, coalesce(score, -1.0) DESC, coalesce(r.date, '') DESC, r.ref
LIMIT $limit
RETURN r.ref AS ref, r.date AS date, r.grading AS grading, r.narrative AS narrative, score,
       mentions
