// name: chart_reports
// description: Date, grading, handling and source system of the reports behind a link chart (never the narrative). Partners may see a report only when every version of it loaded permits sharing (the test of cypher/redact/partner_handling.cypher).
// param: refs: list — report references
// returns: ref, date, grading, strength, shareable, source_system
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.date AS date, r.grading AS grading,
       r.grading_strength AS strength,
       coalesce(r.partner_shareable, false)
       AND all(g IN coalesce(r.graded_before, []) WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
       AND all(v IN coalesce(r.earlier_versions, [])
               WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*')
       AS shareable,
       r.source_system AS source_system
ORDER BY ref
