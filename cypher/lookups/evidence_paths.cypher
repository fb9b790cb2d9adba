// name: lookup_evidence_paths
// description: The shortest evidence paths between two people (at most max_links person-to-person links): how many there are, up to max_paths of them with every node and relationship, and the hubs the search did not follow.
// param: a: str — the first person's uid
// param: b: str — the second person's uid
// param: max_links: int = 4 — at most this many person-to-person links
// param: max_sharers: int = 50 — ignore a phone, vehicle, address, account or event shared by more people than this (a hub)
// param: max_paths: int = 10 — return at most this many paths
// param: count_cap: int = 1000000 — count the shortest paths up to this many (routes is then a floor)
// returns: links, routes, paths, hubs
// One row while both people exist: links, the person-to-person links of each shortest path
// (null when none is within max_links); routes, how many shortest paths there are (at most
// count_cap); paths, at most max_paths of them (fewest relationships first), each its nodes
// and relationships; hubs, the entities shared by more than max_sharers people that the
// search met and did not follow (uid, label, name, sharers, link: the link at which the
// search met it, shared_by_b: whether b is one of the people sharing it).
// Links as in suspects_near_child. Breadth-first search from a, one level per link, that
// keeps every way each person was first reached (entries), and stops once b is reached.
// The paths are read back from b to a through those entries; they are counted the same way,
// each person's number of paths to b being the sum over its entries of the next person's.
MATCH (a:Entity:Person {uid: $a})
CALL (a) { MATCH (b:Entity:Person {uid: $b}) WHERE b <> a RETURN b }  // two seeks, no Cartesian product
WITH a, b, reduce(st = {seen: [a], frontier: [a], entries: [], hubs: [], found: null},
                  level IN range(1, $max_links) |
  CASE WHEN st.found IS NOT NULL THEN st ELSE
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
      {seen: st.seen + fresh, frontier: fresh, entries: st.entries + cands,
       hubs: st.hubs + reduce(acc = [], p IN st.frontier | acc +
         [(p)-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
            WHERE COUNT { (e)<-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(:Person) } > $max_sharers
          | {node: e, link: level}]),
       found: CASE WHEN b IN fresh THEN level END}])]) END) AS st
WITH a, b, st.entries AS entries, st.hubs AS met, st.found AS links
// the count, layer by layer back from b: {n: person, c: shortest paths from n to b}
WITH a, b, entries, met, links,
     reduce(layer = [{n: b, c: 1}], step IN range(1, coalesce(links, 0)) |
       head([flat IN [reduce(acc = [], x IN layer | acc +
                        [e IN entries WHERE e.p = x.n | {n: e.pred, c: x.c}])] |
         [n IN reduce(d = [], y IN flat | CASE WHEN y.n IN d THEN d ELSE d + y.n END) |
           {n: n, c: reduce(s = 0, y IN flat | CASE WHEN y.n <> n THEN s
                                                    WHEN s + y.c > $count_cap THEN $count_cap
                                                    ELSE s + y.c END)}]])) AS top
WITH a, b, entries, met, links,
     CASE WHEN links IS NULL THEN 0 ELSE coalesce(head([x IN top WHERE x.n = a | x.c]), 0) END AS routes
CALL (a, b, entries) {
  WITH a, entries, [e IN entries WHERE e.p = b | [e]][0..$max_paths] AS ends
  UNWIND reduce(paths = ends, step IN range(1, $max_links) |
    reduce(acc = [], path IN paths | acc +
      CASE WHEN head(path).pred = a THEN [path]
           ELSE [e IN entries WHERE e.p = head(path).pred | [e] + path] END)[0..$max_paths]) AS path
  WITH size(path) AS links, reduce(ns = [a], e IN path | ns + tail(nodes(e.seg))) AS ns,
       reduce(rs = [], e IN path | rs + relationships(e.seg)) AS rs
  ORDER BY links, size(rs), [n IN ns | n.uid]
  RETURN collect({
    links: links,
    nodes: [n IN ns | {uid: n.uid, label: [l IN labels(n) WHERE l <> 'Entity'][0],
      name: CASE WHEN n:Person THEN n.name
                 WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                 WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                 ELSE n.key END,
      roles: coalesce(n.roles, [])}],
    rels: [x IN rs | {type: type(x), from: startNode(x).uid, to: endNode(x).uid,
      refs: coalesce(x.refs, []), first_seen: x.first_seen, last_seen: x.last_seen}]}) AS paths
}
CALL (b, met) {
  UNWIND met AS h
  WITH b, h.node AS e, min(h.link) AS link
  WITH b, e, link,
       COUNT { (e)<-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(:Person) } AS sharers,
       EXISTS { (e)<-[:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(b) } AS shared_by_b
  ORDER BY link, sharers DESC, e.uid
  RETURN collect({uid: e.uid, label: [l IN labels(e) WHERE l <> 'Entity'][0],
    name: CASE WHEN e:Event THEN e.kind + ' ' + coalesce(e.start, '')
               WHEN e:Location THEN coalesce(e.address + ', ' + e.postcode, e.address, e.postcode, e.key)
               ELSE e.key END,
    sharers: sharers, link: link, shared_by_b: shared_by_b}) AS hubs
}
RETURN links, routes, paths, hubs
