// name: derived_weak_flags
// description: Flag each of the given entities that has an outgoing link resting on a single weakly graded report (weak2) or with exactly one of those two reasons (weak1).
// mode: write
// param: uids: list — uids of entities whose outgoing links a write created or changed
// A link is weak for a reason when it rests on one report, and for another when none of
// its reports is well graded (it is not strong: cypher/ingest/merge_links.cypher).
// Planned once (replan=skip), so the plan made on an empty or small graph must hold on a
// large one: lookups force a seek of the uid index (a plan made at 1,000 reports scanned
// it for each uid), and every expansion starts from a node in hand, its far end's label
// checked after a WITH (never a label scan to expand into).
CYPHER replan=skip
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid}) USING INDEX SEEK a:Entity(uid)
WITH a, COLLECT {
  MATCH (a)-[r]->()
  WHERE r.refs IS NOT NULL
  RETURN CASE WHEN size(r.refs) = 1 THEN 1 ELSE 0 END + CASE WHEN r.strong THEN 0 ELSE 1 END
} AS reasons
WITH a, CASE WHEN 2 IN reasons THEN true END AS weak2,
     CASE WHEN 1 IN reasons THEN true END AS weak1
WHERE (a.weak2 IS NULL) <> (weak2 IS NULL) OR (a.weak1 IS NULL) <> (weak1 IS NULL)
SET a.weak2 = weak2, a.weak1 = weak1
