// name: merge_reports
// description: Create or update Report nodes (reference, date, grading, author, narrative, source file and line).
// mode: write
// param: rows: list — maps {ref, props}
UNWIND $rows AS row
MERGE (r:Report {ref: row.ref})
ON CREATE SET r.loaded_at = toString(datetime.truncate('second', datetime()))
SET r += row.props
