// name: bench_load_csv_entities
// description: Yardstick: load entity nodes (uid, key, label, name) from a CSV with LOAD CSV.
// mode: autocommit
// param: url: str — file URL of the CSV inside the import folder
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Entity {uid: row.uid})
  ON CREATE SET n.key = row.key
  SET n:$(row.label), n.name = row.name
} IN TRANSACTIONS OF 1000 ROWS
