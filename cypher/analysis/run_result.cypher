// name: analysis_run_result
// description: The stored result document of one analysis run.
// param: run_id: str — the analysis run
// returns: id, result_json, status
MATCH (r:AnalysisRun {id: $run_id})
RETURN r.id AS id, r.result_json AS result_json, coalesce(r.status, 'complete') AS status
