// name: complete_analysis_run
// description: Mark a staged analysis run complete once its scores and networks are all written; only complete runs are "latest".
// mode: write
// param: run_id: str — the analysis run
// param: scores: int — how many Score nodes the run must have
// returns: id, scores
MATCH (r:AnalysisRun {id: $run_id, status: 'staged'})
OPTIONAL MATCH (r)-[:SCORED]->(s:Score)
WITH r, count(s) AS scores
WHERE scores = $scores
SET r.status = 'complete'
RETURN r.id AS id, scores
