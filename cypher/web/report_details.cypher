// name: web_report_details
// description: Reports by reference with their date, grading, author, source system and narrative, and the earlier versions a report loaded again replaced, for the workspace's report and link panels.
// param: refs: list — report references
// returns: ref, date, grading, author, source_system, narrative, earlier_versions
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.date AS date, r.grading AS grading, r.author AS author,
       r.source_system AS source_system, r.narrative AS narrative,
       coalesce(r.earlier_versions, []) AS earlier_versions
ORDER BY ref
