// name: weak_links
// description: Links that rest on a single report, or only on weakly graded reports (3x5x2 source 3 or intelligence D/E; 5x5x5 source D or intelligence 4/5).
// param: person: str = null — only links of this person (person uid; a name or nominal ref is resolved)
// param: types: list = null — only these link types, e.g. ASSOCIATE_OF,EXPLOITS
// param: limit: int = 500 — at most this many links (the weakest first)
// returns: from_uid, from, type, to_uid, to, reasons, reports, gradings, refs
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.refs IS NOT NULL
  AND ($person IS NULL OR a.uid = $person OR b.uid = $person)
  AND ($types IS NULL OR type(r) IN $types)
CALL (r) {
  UNWIND r.refs AS ref
  OPTIONAL MATCH (rep:Report {ref: ref})
  WITH ref, rep,
       CASE WHEN rep.grading_scheme = '5x5x5'
            THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
            ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END AS weak
  ORDER BY ref
  RETURN count(ref) AS reports, collect(ref + ' ' + coalesce(rep.grading, 'ungraded')) AS gradings,
         sum(CASE WHEN weak THEN 0 ELSE 1 END) = 0 AS all_weak
}
WITH a, r, b, reports, gradings, all_weak
WHERE reports = 1 OR all_weak
WITH a, r, b, reports, gradings,
     [x IN [CASE WHEN reports = 1 THEN 'single report' END,
            CASE WHEN all_weak THEN 'weak grading' END] WHERE x IS NOT NULL] AS reasons,
     [n IN [a, b] | CASE WHEN n:Person THEN n.name
                         WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                         WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                         ELSE n.key END] AS shown
RETURN a.uid AS from_uid, shown[0] AS from, type(r) AS type, b.uid AS to_uid, shown[1] AS to,
       reasons, reports, gradings, r.refs AS refs
ORDER BY size(reasons) DESC, from_uid, type, to_uid
LIMIT $limit
