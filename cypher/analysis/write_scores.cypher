// name: write_scores
// description: Attach each scored person's measures, score, rank, reasons and network to an analysis run.
// mode: write
// param: run_id: str — the analysis run
// param: rows: list — maps {uid, props}
MATCH (run:AnalysisRun {id: $run_id})
UNWIND $rows AS row
MATCH (p:Entity {uid: row.uid})
CREATE (run)-[:SCORED]->(s:Score)-[:FOR]->(p)
SET s = row.props, s.run_id = $run_id, s.person_uid = row.uid
