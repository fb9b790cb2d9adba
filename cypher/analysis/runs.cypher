// name: analysis_runs
// description: Analysis runs, newest first.
// returns: id, created_at, seed, as_of, persons, suspects, victims, networks
MATCH (r:AnalysisRun)
RETURN r.id AS id, r.created_at AS created_at, r.seed AS seed, r.as_of AS as_of,
       r.persons AS persons, r.suspects AS suspects, r.victims AS victims,
       r.networks AS networks
ORDER BY r.created_at DESC, r.id DESC
