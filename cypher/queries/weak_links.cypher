// name: weak_links
// description: Links that rest on a single report, or only on weakly graded reports (3x5x2 source 3 or intelligence D/E; 5x5x5 source D or intelligence 4/5).
// param: person: str = null — only links of this person (person uid; a name or nominal ref is resolved)
// param: types: list = null — only these link types, e.g. ASSOCIATE_OF,EXPLOITS
// param: limit: int = 500 — at most this many links (the weakest first)
// returns: from_uid, from, type, to_uid, to, reasons, reports, gradings, refs
// With a person it starts from the person's uid and expands their links. Without, it reviews
// the whole graph (the last branch runs only then): the links with both reasons, then those
// with one, each in the order of the uid index, so it stops once `limit` are found.
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
  UNWIND CASE WHEN $person IS NULL THEN [2, 1] ELSE [] END AS wanted
  CALL (wanted) {
    MATCH (a:Entity)
    WHERE a.uid IS NOT NULL
    MATCH (a)-[r]->(b:Entity)
    WHERE r.refs IS NOT NULL AND ($types IS NULL OR type(r) IN $types)
    WITH a, r, b, wanted,
         CASE WHEN size(r.refs) = 1 THEN 1 ELSE 0 END +
         CASE WHEN all(ref IN r.refs WHERE EXISTS {
                MATCH (rep:Report {ref: ref})
                WHERE CASE WHEN rep.grading_scheme = '5x5x5'
                           THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
                           ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END
              }) THEN 1 ELSE 0 END AS found
    WHERE found = wanted
    RETURN a, r, b ORDER BY a.uid, type(r), b.uid LIMIT $limit
  }
  RETURN a, r, b
}
WITH a, r, b
WHERE r.refs IS NOT NULL AND ($types IS NULL OR type(r) IN $types)
// weak: every report behind the link is weakly graded (a missing report is not weak); one
// report lookup per ref until the first well graded one
WITH a, r, b, size(r.refs) AS reports,
     all(ref IN r.refs WHERE EXISTS {
       MATCH (rep:Report {ref: ref})
       WHERE CASE WHEN rep.grading_scheme = '5x5x5'
                  THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
                  ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END
     }) AS all_weak
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
