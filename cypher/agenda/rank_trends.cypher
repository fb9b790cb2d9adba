// name: agenda_rank_trends
// description: The rank and score of each given person in each of the latest complete analysis runs (the runs and their counts of ranked people read once for all of them), oldest first per person: lookup_rank_trend for many people in one read.
// param: uids: list — person uids
// param: limit: int — at most this many of the latest runs
// returns: uid, run_id, created_at, as_of, window_from, window_to, rank, score, protected, ranked
MATCH (run:AnalysisRun)
WHERE coalesce(run.status, 'complete') = 'complete'
WITH run ORDER BY run.created_at DESC, run.id DESC
LIMIT $limit
WITH run, COUNT { (run)-[:SCORED]->(t:Score) WHERE t.rank IS NOT NULL } AS ranked
UNWIND $uids AS uid
OPTIONAL CALL (run, uid) {  // from the person's few scores, not every score of the run
  MATCH (:Entity:Person {uid: uid})<-[:FOR]-(s:Score)
  WHERE (run)-[:SCORED]->(s)
  RETURN s
}
RETURN uid, run.id AS run_id, run.created_at AS created_at, run.as_of AS as_of,
       run.window_from AS window_from, run.window_to AS window_to, s.rank AS rank,
       s.score AS score, coalesce(s.protected, false) AS protected, ranked
ORDER BY uid, coalesce(window_to, as_of, created_at), created_at, run_id
