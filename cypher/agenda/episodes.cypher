// name: agenda_episodes
// description: Missing episodes of the given children, newest first, with where they went missing from, where they were found and who they were found with.
// param: uids: list — person uids of the children
// returns: child, event, start, end, loaded_at, refs, found_at, missing_from, found_with
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})-[s:SUBJECT_OF]->(e:Event)
WHERE e.kind = 'missing_episode'
OPTIONAL MATCH (e)-[f:FOUND_AT]->(fl:Location)
WITH uid, s, e, fl, f ORDER BY fl.uid
WITH uid, s, e, collect(CASE WHEN fl IS NULL THEN null ELSE
  {uid: fl.uid, address: fl.address, postcode: fl.postcode, kind: fl.kind,
   refs: coalesce(f.refs, [])} END) AS found_at
OPTIONAL MATCH (e)-[m:MISSING_FROM]->(ml:Location)
WITH uid, s, e, found_at, ml, m ORDER BY ml.uid
WITH uid, s, e, found_at, collect(CASE WHEN ml IS NULL THEN null ELSE
  {uid: ml.uid, address: ml.address, postcode: ml.postcode, kind: ml.kind,
   refs: coalesce(m.refs, [])} END) AS missing_from
OPTIONAL MATCH (w:Person)-[i:INVOLVED_IN]->(e)
WITH uid, s, e, found_at, missing_from, w, i ORDER BY w.uid
WITH uid, s, e, found_at, missing_from, collect(CASE WHEN w IS NULL THEN null ELSE
  {uid: w.uid, name: w.name, dob: w.dob, age: w.age, age_on: w.age_on, nominal_ref: w.nominal_ref,
   roles: coalesce(w.roles, []), refs: coalesce(i.refs, [])} END) AS found_with
RETURN uid AS child, e.uid AS event, e.start AS start, e.end AS end,
       e.loaded_at AS loaded_at, coalesce(s.refs, []) AS refs, found_at, missing_from,
       found_with
ORDER BY child, start DESC, event
