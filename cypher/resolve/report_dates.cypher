// name: resolve_report_dates
// description: The date and load time of reports by reference, to date the evidence reports loaded after a merge added to the kept record.
// param: refs: list — report references
// returns: ref, date, loaded_at
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.date AS date, r.loaded_at AS loaded_at
