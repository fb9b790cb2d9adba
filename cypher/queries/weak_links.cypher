// name: weak_links
// description: Links that rest on a single report, or only on weakly graded reports (3x5x2 source 3 or intelligence D/E; 5x5x5 source D or intelligence 4/5).
// param: person: str = null — only links of this person (person uid; a name or nominal ref is resolved)
// param: types: list = null — only these link types, e.g. ASSOCIATE_OF,EXPLOITS
// param: limit: int = 500 — at most this many links (the weakest first)
// returns: from_uid, from, type, to_uid, to, reasons, reports, gradings, refs
// With a person it starts from the person's uid and expands their links. Without, it reviews
// the whole graph (the last branch runs only then) from the indexes of the entities
// flagged as having such links (markers kept by every write, graphintel/derived.py): the
// links with both reasons, then, only when fewer than `limit` have both, those with one,
// each in uid order (the flag, the same for all, leads the sort so the index's order serves
// it), so it stops once `limit` are found. A link is strong when one of its reports is well
// graded (written with its refs by ingest), so no report is read to decide.
CALL () {
  MATCH (me:Entity:Person {uid: $person})
  CALL (me) {
    MATCH (me)-[r]->(b:Entity)
    RETURN me AS a, r, b
    UNION
    MATCH (a:Entity)-[r]->(me)
    RETURN a, r, me AS b
  }
  RETURN a, r, b
  UNION
  UNWIND CASE WHEN $person IS NULL THEN [true] ELSE [] END AS both_reasons
  CALL (both_reasons) {
    MATCH (a:Entity) USING INDEX a:Entity(weak2, uid)
    WHERE a.weak2 = true AND a.uid IS NOT NULL
    MATCH (a)-[r]->(b:Entity)
    WHERE r.refs IS NOT NULL AND size(r.refs) = 1 AND r.strong IS NULL
      AND ($types IS NULL OR type(r) IN $types)
    RETURN a, r, b ORDER BY a.weak2, a.uid, type(r), b.uid LIMIT $limit
  }
  WITH collect([a, r, b]) AS weakest
  // the links with one reason only when those with both leave room (the seek finds no
  // entity when they do not: the flag is true or absent, never false)
  CALL (weakest) {
    UNWIND weakest AS link
    RETURN link[0] AS a, link[1] AS r, link[2] AS b
    UNION ALL
    WITH $person IS NULL AND size(weakest) < $limit AS one_reason
    MATCH (a:Entity) USING INDEX a:Entity(weak1, uid)
    WHERE a.weak1 = one_reason AND a.uid IS NOT NULL
    MATCH (a)-[r]->(b:Entity)
    WHERE r.refs IS NOT NULL AND (size(r.refs) = 1) <> (r.strong IS NULL)
      AND ($types IS NULL OR type(r) IN $types)
    RETURN a, r, b ORDER BY a.weak1, a.uid, type(r), b.uid LIMIT $limit
  }
  RETURN a, r, b
}
WITH a, r, b
WHERE r.refs IS NOT NULL AND ($types IS NULL OR type(r) IN $types)
WITH a, r, b, size(r.refs) AS reports, r.strong IS NULL AS all_weak
WHERE reports = 1 OR all_weak
WITH a, r, b, reports,
     [x IN [CASE WHEN reports = 1 THEN 'single report' END,
            CASE WHEN all_weak THEN 'weak grading' END] WHERE x IS NOT NULL] AS reasons
ORDER BY size(reasons) DESC, a.uid, type(r), b.uid
LIMIT $limit
// the gradings, for the links kept only
CALL (r) {
  UNWIND r.refs AS ref
  OPTIONAL MATCH (rep:Report {ref: ref})
  WITH ref, rep ORDER BY ref
  RETURN collect(ref + ' ' + coalesce(rep.grading, 'ungraded')) AS gradings
}
WITH a, r, b, reports, gradings, reasons,
     [n IN [a, b] | CASE WHEN n:Person THEN n.name
                         WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                         WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                         ELSE n.key END] AS shown
RETURN a.uid AS from_uid, shown[0] AS from, type(r) AS type, b.uid AS to_uid, shown[1] AS to,
       reasons, reports, gradings, r.refs AS refs
ORDER BY size(reasons) DESC, from_uid, type, to_uid
