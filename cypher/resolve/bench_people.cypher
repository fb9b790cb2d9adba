// name: resolve_bench_people
// description: Benchmarks only: create synthetic people in bulk, each with a phone and a home address when given, to time the duplicate search at 10k and 100k people.
// mode: write
// param: rows: list — maps {props, phone, home}; phone {uid, key}, home {uid, key, address, postcode}
UNWIND $rows AS row
CREATE (p:Entity:Person)
SET p = row.props
FOREACH (ph IN CASE WHEN row.phone IS NULL THEN [] ELSE [row.phone] END |
  MERGE (x:Entity {uid: ph.uid})
  ON CREATE SET x:Phone, x.key = ph.key, x.number = ph.key
  CREATE (p)-[:USES {refs: ['BENCH']}]->(x))
FOREACH (h IN CASE WHEN row.home IS NULL THEN [] ELSE [row.home] END |
  MERGE (l:Entity {uid: h.uid})
  ON CREATE SET l:Location, l.key = h.key, l.address = h.address, l.postcode = h.postcode,
                l.kind = 'home_address'
  CREATE (p)-[:LIVES_AT {refs: ['BENCH']}]->(l))
