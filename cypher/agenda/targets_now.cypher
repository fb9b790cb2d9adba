// name: agenda_targets_now
// description: People (an analysis run's candidate targets, or the records they were merged into since) as the graph records them now, with the reports not graded as suspected false (grading strength above 0) that record someone exploiting them: the analysis takes whoever such a report records as exploited for a victim, whatever role it gave them (graphintel.analysis.roles.exploited_are_victims). A uid no longer in the graph gives no row.
// param: uids: list — person uids
// returns: uid, name, dob, other_dobs, age, age_on, nominal_ref, aliases, roles, exploited
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WHERE p:Person
CALL (p) {
  OPTIONAL MATCH (x:Person)-[r:EXPLOITS]->(p)
  WHERE x <> p
  UNWIND coalesce(r.refs, []) AS ref
  OPTIONAL MATCH (rep:Report {ref: ref})
  WITH ref, rep WHERE coalesce(rep.grading_strength, 0.0) > 0
  RETURN collect(DISTINCT ref) AS exploited
}
RETURN p.uid AS uid, p.name AS name, p.dob AS dob, p.other_dobs AS other_dobs, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref, coalesce(p.aliases, []) AS aliases,
       coalesce(p.roles, []) AS roles, exploited
ORDER BY uid
