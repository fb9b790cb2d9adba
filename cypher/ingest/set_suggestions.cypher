// name: set_suggestions
// description: Record people already in the graph whose names a report's narrative contains (suggested, not linked).
// mode: write
// param: rows: list — maps {ref, uids}
UNWIND $rows AS row
MATCH (r:Report {ref: row.ref})
SET r.suggested_people = row.uids
