// name: suspects_near_child
// description: Adult suspects within n links of a child: not children or victims themselves, nor safeguarded by the latest analysis as possibly one, nor named as suspects only in intelligence graded as suspected false; each with the fewest links, an evidence path and its report refs.
// param: child: str — the child (person uid; the query commands accept a name or nominal ref)
// param: max_links: int = 2 — at most this many person-to-person links
// param: max_sharers: int = 50 — ignore a phone, vehicle, address, account or event shared by more people than this (a hub, as in the analysis)
// param: as_of: date = null — ages are taken on this day (default today)
// returns: suspect_uid, suspect, dob, nominal_ref, links, path, refs
// A link between two people is a direct person link (ASSOCIATE_OF, FAMILY_OF, EXPLOITS), a
// shared phone, vehicle, address (LIVES_AT/FREQUENTS), online account or event, or two of
// their phones that called each other (accounts that messaged each other). Sightings at
// the same place are not links here (see co_location). Breadth-first search over people,
// one level per link: each person is reached once, at the fewest links, with the first
// evidence path found (direct links before shared entities before calls); the search goes
// through everyone, and only the suspects are listed.
// A suspect here is who the analysis treats as one (graphintel.analysis.roles): assessed
// as a suspect by a report not graded as suspected false (E in 3x5x2, 5 in 5x5x5:
// grading_strength 0), or holding the role with no report's own roles giving it; and
// neither a child (under 18 on as_of by the rule of children_near_suspect's header:
// graphintel.analysis.safeguarding.age_of, by any recorded date of birth: other_dobs too), nor assessed as a victim, nor recorded as
// exploited by someone in a report not so graded. A child or victim also assessed as a
// suspect may be exploited into offending: children_near_suspect lists them, and the
// analysis puts them under "Safeguarding first", never as suspects.
// Nor anyone the latest complete analysis run safeguards as possibly a child or victim
// though no age is recorded (safeguarded_inferred: "Child A", a children's home, a
// child's nickname or namesake), nor anyone of no recorded age a report calls a child.
CALL () {
  OPTIONAL MATCH (r:AnalysisRun)
  WHERE r.created_at > '' AND r.status = 'complete'
  WITH r ORDER BY r.created_at DESC LIMIT 1
  RETURN coalesce(r.safeguarded_inferred, []) AS safeguarded
}
MATCH (c:Entity:Person {uid: $child})
WITH c, safeguarded,
     reduce(st = {seen: [c], frontier: [{p: c, segs: []}], reached: []}, level IN range(1, $max_links) |
  head([cands IN [reduce(acc = [], f IN st.frontier | acc + head([p IN [f.p] |
      [q = (p)-[:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]-(o:Person)
         WHERE NOT o IN st.seen | {p: o, segs: f.segs + [q]}] +
      [q = (p)-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
             <-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(o:Person)
         WHERE NOT o IN st.seen
           AND COUNT { (e)<-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(:Person) } <= $max_sharers
         | {p: o, segs: f.segs + [q]}] +
      [q = (p)-[:USES|HAS_ACCOUNT]->()-[:CALLED|MESSAGED]-()<-[:USES|HAS_ACCOUNT]-(o:Person)
         WHERE NOT o IN st.seen | {p: o, segs: f.segs + [q]}]]))] |
    head([fresh IN [reduce(d = {ns: [], xs: []}, x IN cands |
                      CASE WHEN x.p IN d.ns THEN d ELSE {ns: d.ns + x.p, xs: d.xs + x} END).xs] |
      {seen: st.seen + [x IN fresh | x.p], frontier: fresh,
       reached: st.reached + [x IN fresh | {p: x.p, links: level, segs: x.segs}]}])])) AS st
UNWIND st.reached AS hit
WITH c, safeguarded, hit.p AS s, hit.links AS links, hit.segs AS segs,
     toString(coalesce(date($as_of), date()) - duration({years: 18})) AS born_after
WHERE 'suspect' IN coalesce(s.roles, [])
  AND NOT s.uid IN safeguarded
  AND NOT (s.dob IS NULL AND s.age IS NULL AND size(coalesce(s.other_dobs, [])) = 0
           AND any(f IN coalesce(s.flags, []) WHERE f IN ['called_a_child', 'looked_after_child']))
  AND NOT 'victim' IN coalesce(s.roles, [])
  AND NOT coalesce(toString(s.dob) > born_after, false)
  AND NOT any(d IN coalesce(s.other_dobs, []) WHERE toString(d) > born_after)
  AND NOT coalesce(s.age IS NOT NULL
       AND (s.dob IS NULL OR s.age_on IS NULL
            OR duration.between(date(s.dob), date(s.age_on)).years <> s.age)
       AND CASE WHEN s.age_on IS NULL THEN s.age < 18
                ELSE toString(date(s.age_on) - duration({years: s.age})) > born_after END, false)
  AND (NOT EXISTS { MATCH (:Report)-[m:MENTIONS]->(s) WHERE 'suspect' IN coalesce(m.roles, []) }
       OR EXISTS { MATCH (r:Report)-[m:MENTIONS]->(s)
                   WHERE 'suspect' IN coalesce(m.roles, [])
                     AND coalesce(r.grading_strength, -1.0) <> 0.0 })
  AND NOT EXISTS { MATCH (:Person)-[x:EXPLOITS]->(s)
                   UNWIND coalesce(x.refs, []) AS ref
                   MATCH (r:Report {ref: ref})
                   WHERE r.grading_strength > 0 }
WITH s, links, reduce(ns = [c], q IN segs | ns + tail(nodes(q))) AS ns,
     reduce(rs = [], q IN segs | rs + relationships(q)) AS rs
WITH s, links, ns, rs,
     [n IN ns | CASE WHEN n:Person THEN n.name
                     WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                     WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                     ELSE n.key END] AS shown
RETURN s.uid AS suspect_uid, s.name AS suspect, s.dob AS dob, s.nominal_ref AS nominal_ref, links,
       reduce(t = shown[0], i IN range(0, size(rs) - 1) |
              t + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -' + type(rs[i]) + '-> '
                       ELSE ' <-' + type(rs[i]) + '- ' END + shown[i + 1]) AS path,
       reduce(acc = [], x IN rs | acc + [ref IN coalesce(x.refs, []) WHERE NOT ref IN acc]) AS refs
ORDER BY links, suspect, suspect_uid
