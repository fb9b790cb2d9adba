// name: withdraw_versions
// description: For reports just given a new version, take back what only their earlier versions said: each mention's roles become the new version's (the earlier ones kept as earlier_roles), a person loses a role no report assesses any more, and a link the new version no longer gives loses the report's reference (and goes when no report is left behind it); returns the entities touched, whose markers are then recounted.
// mode: write
// param: rows: list — one {ref, mentions, links} per report given a new version in this batch: mentions [[uid, roles]] and links [[from uid, to uid, type]] of its newest version
// returns: uid
// A mention's roles and a link's references are per report, so what a report no longer
// says can be taken back exactly: the mention stays (the earlier version named the entity,
// and the report keeps that version's text), with no roles; a victim role another report's
// narrative still gives stays (victim_in_narratives: no one called a victim is a target); a
// link's other evidence (first and last seen, counts, notes) is the union of its reports'
// and is left as it is.
UNWIND $rows AS row
CALL (row) {
  MATCH (rep:Report {ref: row.ref})-[m:MENTIONS]->(e:Entity)
  WITH row, m, e, coalesce(m.roles, []) AS was,
       [x IN row.mentions WHERE x[0] = e.uid | coalesce(x[1], [])] AS given
  WITH row, m, e, was, CASE WHEN size(given) = 0 THEN [] ELSE given[0] END AS now
  SET m.roles = now,
      m.earlier_roles = CASE WHEN [r IN was WHERE NOT r IN now] = [] THEN m.earlier_roles
                             ELSE was END
  WITH row, e, [r IN was WHERE NOT r IN now] AS gone
  WHERE e:Person AND size(gone) > 0
  WITH row, e, [r IN gone WHERE NOT EXISTS {
              MATCH (:Report)-[o:MENTIONS]->(e) WHERE r IN coalesce(o.roles, []) }
            AND NOT (r = 'victim'
                     AND any(x IN coalesce(e.victim_in_narratives, []) WHERE x <> row.ref))
           ] AS dropped
  SET e.roles = [r IN coalesce(e.roles, []) WHERE NOT r IN dropped]
  RETURN collect(DISTINCT e.uid) AS people
}
CALL (row) {
  MATCH (rep:Report {ref: row.ref})-[:MENTIONS]->(a:Entity)-[r]->(b:Entity)<-[:MENTIONS]-(rep)
  WHERE row.ref IN coalesce(r.refs, []) AND NOT [a.uid, b.uid, type(r)] IN row.links
  WITH DISTINCT a, r
  SET r.refs = [x IN r.refs WHERE x <> row.ref]
  WITH a, r, size(r.refs) = 0 AND size(coalesce(r.rows, [])) = 0 AS empty
  FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE r)
  RETURN collect(DISTINCT a.uid) AS sources
}
UNWIND people + sources AS uid
RETURN DISTINCT uid
