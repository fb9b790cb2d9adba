// name: resolve_set_suggested
// description: Set the suggested people of reports (after a merge, or back as they were on undo).
// mode: write
// param: rows: list — maps {ref, uids}
UNWIND $rows AS row
MATCH (r:Report {ref: row.ref})
SET r.suggested_people = row.uids
