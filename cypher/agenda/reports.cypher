// name: agenda_reports
// description: Date, grading and handling of the given reports, to judge what needs corroboration and what partners may see.
// param: refs: list — report references
// returns: ref, date, grading, scheme, source, intel, shareable
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.date AS date, r.grading AS grading, r.grading_scheme AS scheme,
       r.grading_source AS source, r.grading_intel AS intel,
       coalesce(r.partner_shareable, false) AS shareable
ORDER BY ref
