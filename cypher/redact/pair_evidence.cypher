// name: partner_pair_evidence
// description: Everything that joins two people the way the analysis projection joins them (cypher/analysis/*.cypher), each part with the reports behind it, so that a partner output can tell which kinds of evidence between them rest on reports partners may see: direct links (association, family, exploitation), things both are tied to (a phone, vehicle, place, account or event) with each one's ties, calls or messages between phones or accounts each uses, and sightings of both at one place.
// param: pairs: list — [a, b] person uids
// returns: a, b, direct, ties, contacts, sightings
// Each pair's ties and sightings are joined on the thing both are tied to (USING JOIN): each
// person's ties are read once and matched, instead of testing every tie of one for a tie
// of the other to the same thing (a place, phone or vehicle many people share).
UNWIND $pairs AS pair
MATCH (a:Entity {uid: pair[0]}), (b:Entity {uid: pair[1]})
WHERE a:Person AND b:Person
RETURN pair[0] AS a, pair[1] AS b,
       [(a)-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]-(b) | {type: type(r), refs: coalesce(r.refs, [])}] AS direct,
       COLLECT {
         MATCH (a)-[ra:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
               <-[rb:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(b)
         USING JOIN ON e
         RETURN {entity: e.uid, label: [x IN labels(e) WHERE x <> 'Entity'][0],
                 a_type: type(ra), a_refs: coalesce(ra.refs, []),
                 b_type: type(rb), b_refs: coalesce(rb.refs, [])}
       } AS ties,
       COLLECT {
         MATCH (a)-[ua:USES]->(x:Phone)-[c:CALLED]-(y:Phone)<-[ub:USES]-(b)
         RETURN {kind: 'phone_contact', via: [x.uid, y.uid], refs: coalesce(c.refs, []),
                 a_refs: coalesce(ua.refs, []), b_refs: coalesce(ub.refs, [])} AS contact
         UNION ALL
         MATCH (a)-[ua:HAS_ACCOUNT]->(x:OnlineAccount)-[c:MESSAGED]-(y:OnlineAccount)<-[ub:HAS_ACCOUNT]-(b)
         RETURN {kind: 'account_contact', via: [x.uid, y.uid], refs: coalesce(c.refs, []),
                 a_refs: coalesce(ua.refs, []), b_refs: coalesce(ub.refs, [])} AS contact
       } AS contacts,
       COLLECT {
         MATCH (a)-[sa:SEEN_AT]->(l:Location)<-[sb:SEEN_AT]-(b)
         USING JOIN ON l
         RETURN {location: l.uid, a_refs: coalesce(sa.refs, []), b_refs: coalesce(sb.refs, [])}
       } AS sightings
