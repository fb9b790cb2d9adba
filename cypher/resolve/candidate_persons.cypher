// name: resolve_candidate_persons
// description: Every person with what the duplicate finder compares (uid, name, name key, date of birth, nominal reference, aliases and the handles of their online accounts, uids merged into it, phones, home addresses, the nominal references a report gave it that belong to someone else), as lists in chunks: far quicker to fetch than a row each.
// param: chunk: int = 5000 — people per returned row
// returns: people
MATCH (p:Person)
WITH collect([p.uid, p.name, p.name_key, p.dob, p.nominal_ref,
              coalesce(p.aliases, []) + [(p)-[:HAS_ACCOUNT]->(a:OnlineAccount)
                                         WHERE a.handle IS NOT NULL | a.handle],
              coalesce(p.merged_uids, []), [(p)-[:USES]->(ph:Phone) | ph.uid],
              [(p)-[:LIVES_AT]->(l:Location) | l.uid],
              coalesce(p.conflicting_nominal_refs, [])]) AS rows
UNWIND range(0, size(rows) - 1, $chunk) AS i
RETURN rows[i..i + $chunk] AS people
