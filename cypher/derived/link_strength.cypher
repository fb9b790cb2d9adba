// name: derived_link_strength
// description: Mark every link that some well graded report supports (strong), for a graph loaded before links carried the mark.
// mode: autocommit
// The same rule as cypher/ingest/merge_links.cypher (a test holds the two to one text): a
// report is weak when graded 3x5x2 source 3 or intelligence D/E, or 5x5x5 source D or
// intelligence 4/5; a link is strong when one of its reports is not weak (a report not in
// the graph is not weak).
MATCH ()-[r]->()
WHERE r.refs IS NOT NULL
CALL (r) {
  WITH r, any(ref IN r.refs WHERE NOT EXISTS {
         MATCH (rep:Report {ref: ref})
         WHERE CASE WHEN rep.grading_scheme = '5x5x5'
                    THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5']
                    ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END
       }) AS strong
  WHERE coalesce(r.strong, false) <> strong
  SET r.strong = CASE WHEN strong THEN true END
} IN TRANSACTIONS OF 5000 ROWS
