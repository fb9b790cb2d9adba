// name: chart_reports
// description: Date, grading, handling and source system of the reports behind a link chart (never the narrative).
// param: refs: list — report references
// returns: ref, date, grading, strength, shareable, source_system
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.date AS date, r.grading AS grading,
       r.grading_strength AS strength, coalesce(r.partner_shareable, false) AS shareable,
       r.source_system AS source_system
ORDER BY ref
