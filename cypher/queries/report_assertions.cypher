// name: report_assertions
// description: Everything one report asserts: its narrative, the entities it names (with roles) or mentions in the narrative, the links it supports, the known people its narrative names, and the earlier versions the current one replaced.
// param: ref: str — the report reference, e.g. IR/2025/000123
// returns: ref, date, grading, kind, subject_uid, subject, relation, object_uid, object, roles, detail
MATCH (rep:Report {ref: $ref})
CALL (rep) {
  RETURN 0 AS ord, 'report' AS kind, null AS a, 'NARRATIVE' AS relation, null AS b, [] AS roles,
         rep.narrative AS detail
  UNION ALL
  MATCH (rep)-[m:MENTIONS]->(a:Entity)
  RETURN 1 AS ord, 'mention' AS kind, a, 'MENTIONS' AS relation, null AS b,
         coalesce(m.roles, []) AS roles,
         CASE WHEN m.extracted THEN 'found in the narrative' ELSE 'named by the report' END AS detail
  UNION ALL
  MATCH (rep)-[:MENTIONS]->(a:Entity)-[r]->(b:Entity)<-[:MENTIONS]-(rep)
  WHERE rep.ref IN coalesce(r.refs, [])
  RETURN 2 AS ord, 'link' AS kind, a, type(r) AS relation, b, [] AS roles,
         CASE WHEN size(coalesce(r.notes, [])) = 0 THEN null
              ELSE reduce(s = head(r.notes), x IN tail(r.notes) | s + '; ' + x) END AS detail
  UNION ALL
  // a report loaded again with other content keeps the versions it replaced
  // (graphintel/ingest/versions.py); their people and links are among those above
  UNWIND range(1, size(coalesce(rep.earlier_versions, []))) AS v
  RETURN 3 + v AS ord, 'earlier version' AS kind, null AS a, 'EARLIER_VERSION' AS relation,
         null AS b, [] AS roles, 'version ' + v + ', ' + rep.earlier_versions[v - 1] AS detail
  UNION ALL
  UNWIND coalesce(rep.suggested_people, []) AS su
  MATCH (a:Entity:Person {uid: su})
  RETURN 3 AS ord, 'suggested' AS kind, a, 'NAMED_IN_NARRATIVE' AS relation, null AS b, [] AS roles,
         'a known person the narrative names; not linked' AS detail
}
WITH rep, ord, kind, a, relation, b, roles, detail,
     [n IN [a, b] | CASE WHEN n IS NULL THEN null
                         WHEN n:Person THEN n.name
                         WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                         WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                         ELSE n.key END] AS shown
RETURN rep.ref AS ref, rep.date AS date, rep.grading AS grading, kind, a.uid AS subject_uid,
       shown[0] AS subject, relation, b.uid AS object_uid, shown[1] AS object, roles, detail
ORDER BY ord, subject_uid, relation, object_uid
