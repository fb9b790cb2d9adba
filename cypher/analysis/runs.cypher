// name: analysis_runs
// description: Analysis runs, newest first; incomplete (staged or failed) runs only when asked.
// param: all: bool — include runs that never completed
// returns: id, created_at, seed, as_of, window_from, window_to, persons, suspects, victims, networks, weights, status
MATCH (r:AnalysisRun)
WHERE $all OR coalesce(r.status, 'complete') = 'complete'
RETURN r.id AS id, r.created_at AS created_at, r.seed AS seed, r.as_of AS as_of,
       r.window_from AS window_from, r.window_to AS window_to,
       r.persons AS persons, r.suspects AS suspects, r.victims AS victims,
       r.networks AS networks, r.weights_changed AS weights,
       coalesce(r.status, 'complete') AS status
ORDER BY r.created_at DESC, r.id DESC
