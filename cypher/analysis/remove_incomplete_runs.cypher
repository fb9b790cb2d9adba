// name: remove_incomplete_runs
// description: Delete analysis runs that never completed (a crash or kill mid-write), with their scores and networks.
// mode: write
// param: keep: list — run ids to keep even if staged (runs being written now)
// returns: removed
MATCH (r:AnalysisRun)
WHERE coalesce(r.status, 'complete') <> 'complete' AND NOT r.id IN $keep
OPTIONAL MATCH (r)-[:SCORED|FOUND]->(x)
DETACH DELETE x
WITH DISTINCT r
DETACH DELETE r
RETURN count(r) AS removed
