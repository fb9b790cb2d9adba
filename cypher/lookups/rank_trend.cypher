// name: lookup_rank_trend
// description: A person's rank and score in each complete analysis run (its analysis date and evidence window), oldest first, for the trend of their rank over time.
// param: uid: str — the person's uid
// param: limit: int — at most this many of the latest runs
// returns: run_id, created_at, as_of, window_from, window_to, rank, score, protected, ranked
MATCH (run:AnalysisRun)
WHERE coalesce(run.status, 'complete') = 'complete'
WITH run ORDER BY run.created_at DESC, run.id DESC
LIMIT $limit
OPTIONAL CALL (run) {  // from the person's few scores, not every score of the run
  MATCH (:Entity:Person {uid: $uid})<-[:FOR]-(s:Score)
  WHERE (run)-[:SCORED]->(s)
  RETURN s
}
WITH run, s, COUNT { (run)-[:SCORED]->(t:Score) WHERE t.rank IS NOT NULL } AS ranked
RETURN run.id AS run_id, run.created_at AS created_at, run.as_of AS as_of,
       run.window_from AS window_from, run.window_to AS window_to, s.rank AS rank,
       s.score AS score, coalesce(s.protected, false) AS protected, ranked
ORDER BY coalesce(window_to, as_of, created_at), created_at, run_id
