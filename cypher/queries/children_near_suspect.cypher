// name: children_near_suspect
// description: Children and victims (people assessed as victims, or under 18 by date of birth, else by a stated age) within n links of a suspect, each with the fewest links, an evidence path, its refs and the child's missing episodes.
// param: suspect: str — the suspect (person uid; the query commands accept a name or nominal ref)
// param: max_links: int = 2 — at most this many person-to-person links
// param: max_sharers: int = 50 — ignore a phone, vehicle, address, account or event shared by more people than this (a hub, as in the analysis)
// param: as_of: date = null — ages are taken on this day (default today)
// returns: child_uid, child, dob, age, age_on, links, path, refs, missing_episodes
// Under 18 is the rule of graphintel.analysis.safeguarding.age_of: by the date of birth;
// or by the stated age (age), the person having turned it on the date of the report that
// stated it (age_on), when there is no date of birth or it does not give that age on that
// day (the younger counts); an undated stated age is taken as the age on the day.
// A link between two people is a direct person link (ASSOCIATE_OF, FAMILY_OF, EXPLOITS), a
// shared phone, vehicle, address (LIVES_AT/FREQUENTS), online account or event, or two of
// their phones that called each other (accounts that messaged each other). Sightings at
// the same place are not links here (see co_location). Breadth-first search over people,
// one level per link: each person is reached once, at the fewest links, with the first
// evidence path found (direct links before shared entities before calls; of direct links,
// exploitation first, so a child exploited by the suspect is shown so, not as an associate).
MATCH (c:Entity:Person {uid: $suspect})
WITH c, reduce(st = {seen: [c], frontier: [{p: c, segs: []}], reached: []}, level IN range(1, $max_links) |
  head([cands IN [reduce(acc = [], f IN st.frontier | acc + head([p IN [f.p] |
      head([direct IN [[q = (p)-[:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]-(o:Person)
                        WHERE NOT o IN st.seen | {p: o, segs: f.segs + [q]}]] |
        [x IN direct WHERE type(relationships(last(x.segs))[0]) = 'EXPLOITS'] +
        [x IN direct WHERE type(relationships(last(x.segs))[0]) <> 'EXPLOITS']]) +
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
WITH c, hit.p AS s, hit.links AS links, hit.segs AS segs,
     toString(coalesce(date($as_of), date()) - duration({years: 18})) AS born_after
WHERE 'victim' IN coalesce(s.roles, [])
   OR toString(s.dob) > born_after
   OR (s.age IS NOT NULL
       AND (s.dob IS NULL OR s.age_on IS NULL
            OR duration.between(date(s.dob), date(s.age_on)).years <> s.age)
       AND CASE WHEN s.age_on IS NULL THEN s.age < 18
                ELSE toString(date(s.age_on) - duration({years: s.age})) > born_after END)
WITH s, links, reduce(ns = [c], q IN segs | ns + tail(nodes(q))) AS ns,
     reduce(rs = [], q IN segs | rs + relationships(q)) AS rs
WITH s, links, ns, rs,
     [n IN ns | CASE WHEN n:Person THEN n.name
                     WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                     WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                     ELSE n.key END] AS shown
RETURN s.uid AS child_uid, s.name AS child, s.dob AS dob, s.age AS age, s.age_on AS age_on, links,
       reduce(t = shown[0], i IN range(0, size(rs) - 1) |
              t + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -' + type(rs[i]) + '-> '
                       ELSE ' <-' + type(rs[i]) + '- ' END + shown[i + 1]) AS path,
       reduce(acc = [], x IN rs | acc + [ref IN coalesce(x.refs, []) WHERE NOT ref IN acc]) AS refs,
       COUNT { (s)-[:SUBJECT_OF]->(:Event {kind: 'missing_episode'}) } AS missing_episodes
ORDER BY links, child, child_uid
