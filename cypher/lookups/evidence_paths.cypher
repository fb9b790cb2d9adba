// name: lookup_evidence_paths
// description: The evidence paths between two people with the fewest person-to-person links (at most n), with every node and relationship.
// param: a: str — the first person's uid
// param: b: str — the second person's uid
// param: max_links: int = 4 — at most this many person-to-person links
// param: max_sharers: int = 50 — ignore a phone, vehicle, address, account or event shared by more people than this (a hub)
// param: max_paths: int = 10 — at most this many paths
// returns: links, nodes, rels
// Links as in suspects_near_child. Breadth-first search from a, one level per link, that
// keeps every way each person was first reached (entries), and stops once b is reached;
// the paths are then read back from b to a through those entries.
MATCH (a:Entity:Person {uid: $a})
CALL (a) { MATCH (b:Entity:Person {uid: $b}) WHERE b <> a RETURN b }  // two seeks, no Cartesian product
WITH a, b, reduce(st = {seen: [a], frontier: [a], entries: []}, level IN range(1, $max_links) |
  CASE WHEN b IN st.seen THEN st ELSE
  head([cands IN [reduce(acc = [], p IN st.frontier | acc +
      [q = (p)-[:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]-(o:Person)
         WHERE NOT o IN st.seen | {p: o, pred: p, seg: q}] +
      [q = (p)-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
             <-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(o:Person)
         WHERE NOT o IN st.seen
           AND COUNT { (e)<-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(:Person) } <= $max_sharers
         | {p: o, pred: p, seg: q}] +
      [q = (p)-[:USES|HAS_ACCOUNT]->()-[:CALLED|MESSAGED]-()<-[:USES|HAS_ACCOUNT]-(o:Person)
         WHERE NOT o IN st.seen | {p: o, pred: p, seg: q}])] |
    head([fresh IN [reduce(d = [], x IN cands | CASE WHEN x.p IN d THEN d ELSE d + x.p END)] |
      {seen: st.seen + fresh, frontier: fresh, entries: st.entries + cands}])]) END) AS st
WITH a, b, st.entries AS entries
WITH a, entries, [e IN entries WHERE e.p = b | [e]][0..$max_paths] AS ends
WHERE size(ends) > 0
WITH a, reduce(paths = ends, step IN range(1, $max_links) |
  reduce(acc = [], path IN paths | acc +
    CASE WHEN head(path).pred = a THEN [path]
         ELSE [e IN entries WHERE e.p = head(path).pred | [e] + path] END)[0..$max_paths]) AS paths
UNWIND paths AS path
WITH size(path) AS links, reduce(ns = [a], e IN path | ns + tail(nodes(e.seg))) AS ns,
     reduce(rs = [], e IN path | rs + relationships(e.seg)) AS rs
ORDER BY links, size(rs)
RETURN links,
       [n IN ns | {uid: n.uid, label: [l IN labels(n) WHERE l <> 'Entity'][0],
         name: CASE WHEN n:Person THEN n.name
                    WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                    WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                    ELSE n.key END,
         roles: coalesce(n.roles, [])}] AS nodes,
       [x IN rs | {type: type(x), from: startNode(x).uid, to: endNode(x).uid,
         refs: coalesce(x.refs, []), first_seen: x.first_seen, last_seen: x.last_seen}] AS rels
