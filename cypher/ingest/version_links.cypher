// name: version_links
// description: Mark the links of reports just given a new version strong or not again from all their reports' gradings (a new version may re-grade links it no longer names); returns the links' sources, whose weak-link flags are then recounted.
// mode: write
// param: refs: list — references of the reports given a new version in this batch
// returns: uid
// A report's links join entities it mentions and carry its reference (as in the
// report_assertions query). The rule is the same text as cypher/ingest/merge_links.cypher.
UNWIND $refs AS given
MATCH (rep:Report {ref: given})-[:MENTIONS]->(a:Entity)-[r]->(:Entity)<-[:MENTIONS]-(rep)
WHERE given IN coalesce(r.refs, [])
WITH DISTINCT a, r
WITH a, r, any(ref IN r.refs WHERE NOT EXISTS {
       MATCH (rep:Report {ref: ref})
       WHERE CASE WHEN rep.grading_scheme = '5x5x5'
                  THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
                  ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END
     }) AS strong
FOREACH (_ IN CASE WHEN coalesce(r.strong, false) <> strong THEN [1] ELSE [] END |
  SET r.strong = CASE WHEN strong THEN true END)
RETURN DISTINCT a.uid AS uid
