// name: write_networks
// description: Attach the networks (communities) an analysis run found, with their labels and sizes.
// mode: write
// param: run_id: str — the analysis run
// param: rows: list — maps of network properties (id, label, size, members)
MATCH (run:AnalysisRun {id: $run_id})
UNWIND $rows AS row
CREATE (run)-[:FOUND]->(n:Network)
SET n = row, n.run_id = $run_id
