// name: new_links_since
// description: Links first seen on or after a date (by the date of what the reports describe), optionally only a person's.
// param: since: date — first seen on or after this date (YYYY-MM-DD)
// param: person: str = null — only links of this person (person uid; a name or nominal ref is resolved)
// returns: from_uid, from, type, to_uid, to, first_seen, last_seen, refs
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.first_seen >= $since AND ($person IS NULL OR a.uid = $person OR b.uid = $person)
WITH a, r, b,
     [n IN [a, b] | CASE WHEN n:Person THEN n.name
                         WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                         WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                         ELSE n.key END] AS shown
RETURN a.uid AS from_uid, shown[0] AS from, type(r) AS type, b.uid AS to_uid, shown[1] AS to,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.refs AS refs
ORDER BY first_seen, from_uid, type, to_uid
