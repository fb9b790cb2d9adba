// name: agenda_episodes
// description: Every missing episode in the graph with its child, newest first per child, with where they went missing from, where they were found and who they were found with.
// returns: child, event, start, end, loaded_at, refs, found_at, missing_from, found_with
// batched: yes
// Every episode, not those of given people: the agenda's children's table covers every child
// and victim of the run, and a read that needs nothing from the run can start before the
// run's document is decoded (graphintel.agenda.source.read_source). From the episodes
// (event_kind index), not from each person's events.
MATCH (e:Event {kind: 'missing_episode'})<-[s:SUBJECT_OF]-(p:Entity)
WITH p.uid AS child, e.uid AS event, e.start AS start, e.end AS end,
     e.loaded_at AS loaded_at, coalesce(s.refs, []) AS refs,
     COLLECT { MATCH (e)-[f:FOUND_AT]->(fl:Location)
               WITH fl, f ORDER BY fl.uid
               RETURN {uid: fl.uid, address: fl.address, postcode: fl.postcode, kind: fl.kind,
                       refs: coalesce(f.refs, [])} } AS found_at,
     COLLECT { MATCH (e)-[m:MISSING_FROM]->(ml:Location)
               WITH ml, m ORDER BY ml.uid
               RETURN {uid: ml.uid, address: ml.address, postcode: ml.postcode, kind: ml.kind,
                       refs: coalesce(m.refs, [])} } AS missing_from,
     COLLECT { MATCH (w:Person)-[i:INVOLVED_IN]->(e)
               WITH w, i ORDER BY w.uid
               RETURN {uid: w.uid, name: w.name, dob: w.dob, age: w.age, age_on: w.age_on,
                       nominal_ref: w.nominal_ref, roles: coalesce(w.roles, []),
                       refs: coalesce(i.refs, [])} } AS found_with
ORDER BY child, start DESC, event
WITH collect({child: child, event: event, start: start, end: end, loaded_at: loaded_at, refs: refs, found_at: found_at, missing_from: missing_from, found_with: found_with}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
