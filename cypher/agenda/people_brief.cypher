// name: agenda_people_brief
// description: People an agenda names outside the networks it shows (children and victims elsewhere, targets whose rank moved, people actions are about): identity, and whether any report that partners may see mentions them, without the reports themselves. Partners may see a report only when every version of it loaded permits sharing (the test of cypher/redact/partner_handling.cypher).
// param: uids: list — person uids
// param: partner: bool — whether to find out if a shareable report mentions them (only the partner version needs it; false otherwise)
// returns: uid, name, dob, other_dobs, age, age_on, nominal_ref, aliases, roles, loaded_at, shared
// batched: yes
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WITH uid, p.name AS name, p.dob AS dob, p.other_dobs AS other_dobs, p.age AS age, p.age_on AS age_on,
     p.nominal_ref AS nominal_ref,
     coalesce(p.aliases, []) AS aliases,
     coalesce(p.roles, []) AS roles, p.loaded_at AS loaded_at,
     CASE WHEN $partner
          THEN EXISTS { MATCH (r:Report)-[:MENTIONS]->(p) WHERE coalesce(r.partner_shareable, false)
                 AND all(g IN coalesce(r.graded_before, [])
                         WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
                 AND all(v IN coalesce(r.earlier_versions, [])
                         WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*') }
          ELSE false END AS shared
ORDER BY uid
WITH collect({uid: uid, name: name, dob: dob, other_dobs: other_dobs, age: age, age_on: age_on, nominal_ref: nominal_ref, aliases: aliases, roles: roles, loaded_at: loaded_at, shared: shared}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
