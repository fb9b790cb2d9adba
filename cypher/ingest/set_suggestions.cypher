// name: set_suggestions
// description: Record people already in the graph whose names a report's narrative contains (suggested, not linked).
// mode: write
// param: rows: list — maps {ref, uids}
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MATCH (r:Report {ref: row.ref})
SET r.suggested_people = row.uids
