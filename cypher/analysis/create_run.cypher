// name: create_analysis_run
// description: Record an analysis run with its parameters, time and input counts, staged (not yet complete).
// mode: write
// param: run: map — the run's properties (id, created_at, seed, params_json, as_of, counts)
CREATE (r:AnalysisRun)
SET r = $run, r.status = 'staged'
