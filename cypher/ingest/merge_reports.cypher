// name: merge_reports
// description: Create or update Report nodes (reference, date, grading, author, narrative, source file and line).
// mode: write
// param: rows: list — maps {ref, props}
UNWIND $rows AS row
MERGE (r:Report {ref: row.ref})
SET r += row.props
