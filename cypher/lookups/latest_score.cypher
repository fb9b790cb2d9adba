// name: lookup_latest_score
// description: A person's score, rank, reasons and network in the latest analysis run (by created_at), with the other records that may be the same person; run_id null when there is no run.
// param: uid: str — the person's uid
// returns: run_id, created_at, as_of, weights, scored, rank, score, reasons, community, protected, measures, possibly_same_as
OPTIONAL MATCH (run:AnalysisRun)
WHERE coalesce(run.status, 'complete') = 'complete'
WITH run ORDER BY run.created_at DESC, run.id DESC
LIMIT 1
OPTIONAL CALL (run) {  // from the person's few scores, not every score of the run
  MATCH (:Entity:Person {uid: $uid})<-[:FOR]-(s:Score)
  WHERE (run)-[:SCORED]->(s)
  RETURN s
}
OPTIONAL CALL (s) {  // the other records the run found may be this person (by uid)
  UNWIND coalesce(s.possibly_same_as, []) AS other
  MATCH (o:Entity {uid: other})
  RETURN collect({uid: other, name: o.name}) AS possibly_same_as
}
RETURN run.id AS run_id, run.created_at AS created_at, run.as_of AS as_of,
       run.weights_changed AS weights,
       s IS NOT NULL AS scored, s.rank AS rank,
       s.score AS score, coalesce(s.reasons, []) AS reasons, s.community AS community,
       coalesce(s.protected, false) AS protected,
       CASE WHEN s IS NULL THEN null ELSE {degree: s.degree, strength: s.strength,
            betweenness: s.betweenness, closeness: s.closeness, pagerank: s.pagerank,
            kcore: s.kcore} END AS measures,
       coalesce(possibly_same_as, []) AS possibly_same_as
