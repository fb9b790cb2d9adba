// name: bench_query_samples
// description: Realistic parameter values for the query latency benchmark: a suspect, a child, a phone, a vehicle and a report.
// returns: suspect, child, phone, vrm, ref
MATCH (s:Person) WHERE 'suspect' IN s.roles
WITH s ORDER BY COUNT { (s)--() } DESC LIMIT 1
MATCH (c:Person) WHERE 'victim' IN c.roles
WITH s, c ORDER BY COUNT { (c)--() } DESC LIMIT 1
MATCH (ph:Phone)
WITH s, c, ph ORDER BY COUNT { (ph)--() } DESC LIMIT 1
MATCH (v:Vehicle)
WITH s, c, ph, v ORDER BY COUNT { (v)--() } DESC LIMIT 1
MATCH (r:Report) WHERE r.source_line IS NOT NULL
WITH s, c, ph, v, r ORDER BY r.ref LIMIT 1
RETURN s.uid AS suspect, c.uid AS child, ph.key AS phone, v.key AS vrm, r.ref AS ref
