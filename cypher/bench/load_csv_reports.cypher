// name: bench_load_csv_reports
// description: Yardstick: load report nodes from a CSV in Neo4j's import folder with LOAD CSV.
// mode: autocommit
// param: url: str — file URL of the CSV inside the import folder
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (r:Report {ref: row.ref})
  SET r.date = row.date, r.grading = row.grading, r.narrative = row.narrative,
      r.grading_strength = toFloat(row.strength)
} IN TRANSACTIONS OF 1000 ROWS
