// name: suspects_near_child
// description: Suspects within n links of a child, each with the fewest links, an evidence path and its report refs.
// param: child: str — the child (person uid; the query commands accept a name or nominal ref)
// param: max_links: int = 2 — at most this many person-to-person links
// param: max_sharers: int = 50 — ignore a phone, vehicle, address, account or event shared by more people than this (a hub, as in the analysis)
// returns: suspect_uid, suspect, dob, nominal_ref, links, path, refs
// A link between two people is a direct person link (ASSOCIATE_OF, FAMILY_OF, EXPLOITS), a
// shared phone, vehicle, address (LIVES_AT/FREQUENTS), online account or event, or two of
// their phones that called each other (accounts that messaged each other). Sightings at
// the same place are not links here (see co_location). Breadth-first search over people,
// one level per link: each person is reached once, at the fewest links, with the first
// evidence path found (direct links before shared entities before calls).
MATCH (c:Entity:Person {uid: $child})
WITH c, reduce(st = {seen: [c], frontier: [{p: c, segs: []}], reached: []}, level IN range(1, $max_links) |
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
WITH c, hit.p AS s, hit.links AS links, hit.segs AS segs
WHERE 'suspect' IN coalesce(s.roles, [])
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
