// name: projection_contacts
// description: People whose phones called each other or whose online accounts messaged each other.
// returns: a, b, kind, via_a, via_b, refs, rows, count, times, first_seen, last_seen
MATCH (pa:Person)-[:USES]->(x:Phone)-[c:CALLED]->(y:Phone)<-[:USES]-(pb:Person)
WHERE pa <> pb
RETURN pa.uid AS a, pb.uid AS b, 'phone_contact' AS kind, x.key AS via_a, y.key AS via_b,
       c.refs AS refs, coalesce(c.rows, []) AS rows, c.count AS count, coalesce(c.times, []) AS times,
       c.first_seen AS first_seen, c.last_seen AS last_seen
UNION ALL
MATCH (pa:Person)-[:HAS_ACCOUNT]->(x:OnlineAccount)-[c:MESSAGED]->(y:OnlineAccount)<-[:HAS_ACCOUNT]-(pb:Person)
WHERE pa <> pb
RETURN pa.uid AS a, pb.uid AS b, 'account_contact' AS kind, x.key AS via_a, y.key AS via_b,
       c.refs AS refs, coalesce(c.rows, []) AS rows, c.count AS count, coalesce(c.times, []) AS times,
       c.first_seen AS first_seen, c.last_seen AS last_seen
