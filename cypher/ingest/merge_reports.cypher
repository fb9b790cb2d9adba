// name: merge_reports
// description: Create or update Report nodes (reference, date, grading, author, narrative, source file and line).
// mode: write
// param: rows: list — maps {ref, props}
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MERGE (r:Report {ref: row.ref})
ON CREATE SET r.loaded_at = toString(datetime.truncate('second', datetime()))
SET r += row.props
