// name: bench_load_csv_mentions
// description: Yardstick: load report MENTIONS entity relationships from a CSV with LOAD CSV.
// mode: autocommit
// param: url: str — file URL of the CSV inside the import folder
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (r:Report {ref: row.ref})
  MATCH (e:Entity {uid: row.uid})
  MERGE (r)-[m:MENTIONS]->(e)
  SET m.roles = split(row.roles, ';')
} IN TRANSACTIONS OF 1000 ROWS
